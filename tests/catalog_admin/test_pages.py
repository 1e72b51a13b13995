"""Every editor page, in both languages: one <h1>, every control labelled, ids unique, no untranslated words."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from navi.domain.catalog.editing import KINDS
from tests.counter.helpers import default_catalog

from .helpers import submit

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# Interface words that are Japanese in every language: the service name, the language's own name, and the
# example of a choice line, whose middle part is the Japanese label.
ALWAYS_JAPANESE = ("届出ナビ", "日本語", "For example: nursery | 保育園 | Nursery school")


VOID = ("input", "meta", "link", "br", "img", "hr")
# Catalog content (names, codes, household ids, what was typed) is data, not interface text.
DATA_TAGS = ("code", "option", "td", "textarea", "dd")


class Page(HTMLParser):
    """What the invariants look at."""

    def __init__(self):
        super().__init__()
        self.h1, self.ids, self.labelled, self.controls = 0, [], set(), []
        self.data_stack: list[bool] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.h1 += tag == "h1"
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag == "label" and attrs.get("for"):
            self.labelled.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit"):
            self.controls.append(attrs)
        if tag not in VOID:
            self.data_stack.append(tag in DATA_TAGS or (tag != "html" and "lang" in attrs))

    def handle_endtag(self, tag):
        if tag not in VOID and self.data_stack:
            self.data_stack.pop()

    def handle_data(self, data):
        if not any(self.data_stack) and data.strip():
            self.texts.append(data.strip())


def catalog_english() -> set[str]:
    """The catalog's own English names, some of which keep the Japanese sign on purpose (区民課)."""
    found, stack = set(), [default_catalog().model_dump()]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if JAPANESE.search(str(item.get("en", ""))):
                found.add(item["en"])
            stack += list(item.values())
        elif isinstance(item, list):
            stack += item
    return found


def pages(client) -> list[str]:
    catalog = default_catalog().model_dump(by_alias=True)
    found = ["/counter/catalog/", "/counter/catalog/review", "/counter/catalog/procedures/new"]
    for kind in sorted(KINDS):
        found += [f"/counter/catalog/{kind}/", f"/counter/catalog/{kind}/{catalog[kind][0]['id']}"]
    return found


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_editor_page_keeps_the_invariants(supervisor, lang):
    # A draft with a changed question and procedure, so the review shows its diff, examples and a preview.
    submit(supervisor, "/counter/catalog/questions/moved_with_card", {"allow_unknown": []})
    submit(supervisor, "/counter/catalog/procedures/kouki_join", {"deadline_days": "30"})
    supervisor.get(f"/counter/catalog/?lang={lang}")
    for path in pages(supervisor):
        response = supervisor.get(path)
        assert response.status_code == 200, path
        page = Page()
        page.feed(response.get_data(as_text=True))
        assert page.h1 == 1, path
        duplicated = [i for i, n in Counter(page.ids).items() if n > 1]
        assert duplicated == [], (path, duplicated)
        unlabelled = [c.get("name") for c in page.controls if c.get("id") not in page.labelled]
        assert unlabelled == [], (path, unlabelled)
        if lang == "en":
            leftovers = [t for t in page.texts if JAPANESE.search(t) and t not in ALWAYS_JAPANESE
                         and not any(name in t for name in catalog_english())]
            assert leftovers == [], (path, leftovers[:5])
