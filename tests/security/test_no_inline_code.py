"""The CSP allows scripts and styles only from our own files: no page, template or script may need inline
code. Every page reachable from the route map and both journeys is parsed; so are the sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from navi.records.db import engine_for
from tests.counter.helpers import sign_in_as
from tests.counter.test_route_roles import requests_of
from tests.factories import app_with_case
from tests.html_checks import inline_code, quick_inline_code
from tests.wizard.journeys import BEREAVEMENT, FAMILY_MOVING_IN, walk

ROOT = Path(__file__).resolve().parents[2]


def test_the_checks_find_each_kind_of_inline_code():
    samples = ['<script>alert(1)</script>', '<style>p{}</style>', '<p style="color:red">', '<a onclick="x()">',
               '<a href="javascript:x()">', '<SCRIPT type="module">x</SCRIPT>']
    for sample in samples:
        assert inline_code(sample), sample
        assert quick_inline_code(sample), sample
    clean = '<script src="/static/wizard.js" defer></script><link rel="stylesheet" href="/static/navi.css"><p>style</p>'
    assert inline_code(clean) == [] and quick_inline_code(clean) == []


@pytest.fixture
def crawl_app(tmp_path, monkeypatch):
    app = app_with_case(tmp_path, monkeypatch, WTF_CSRF_ENABLED=False)
    yield app
    engine_for(app.config["DATABASE_URL"]).dispose()


def test_no_page_reachable_in_the_app_carries_inline_script_or_style(crawl_app):
    pages: dict[str, str] = {}
    for lang in ("ja", "en"):
        for journey in (FAMILY_MOVING_IN, BEREAVEMENT):
            resident = crawl_app.test_client()
            resident.get(f"/?lang={lang}")
            walk(resident, journey, on_page=lambda url, response, lang=lang: pages.setdefault(
                f"{lang} {url}", response.get_data(as_text=True)))
    admin = crawl_app.test_client()
    sign_in_as(admin, crawl_app, "admin")
    for endpoint, method, url in requests_of(crawl_app):
        if method != "GET":
            continue
        response = admin.get(url)
        if response.mimetype == "text/html":
            pages[f"{endpoint} {url}"] = response.get_data(as_text=True)
        response.close()
    for url in ("/no-such-page", "/counter/no-such-page"):
        pages[url] = admin.get(url).get_data(as_text=True)
    print(f"{len(pages)} pages parsed")
    assert len(pages) > 60
    offenders = {url: found for url, html in pages.items() if (found := inline_code(html))}
    assert offenders == {}


def test_no_template_or_script_of_ours_writes_inline_code():
    templates = sorted((ROOT / "templates").rglob("*.html"))
    assert len(templates) > 20
    for path in templates:
        # Jinja expressions stand in for values; the markup around them is what the browser gets.
        source = re.sub(r"{{.*?}}|{%.*?%}|{#.*?#}", "x", path.read_text(encoding="utf-8"), flags=re.S)
        assert inline_code(source) == [], path
    scripts = [p for p in (ROOT / "navi" / "static").rglob("*.js") if "vendor" not in p.parts]
    assert scripts
    for path in scripts:
        source = path.read_text(encoding="utf-8")
        for forbidden in (r"\.setAttribute\(\s*['\"](style|on\w+)['\"]", r"\binnerHTML\b", r"\beval\(",
                          r"new Function\(", r"\.cssText\b", r"insertAdjacentHTML"):
            assert not re.search(forbidden, source), (path, forbidden)
