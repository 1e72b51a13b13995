"""With TESTING and PROPAGATE_EXCEPTIONS off, as in production: every failure is a page in words, for the
resident (Japanese and English) and for the clerk, and never a traceback; the log names no personal data."""

from __future__ import annotations

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from navi.records.db import engine_for
from tests.counter.helpers import sign_in_as
from tests.factories import make_app

SECRET = "夢野太一 1987-09-09"  # what an exception message could quote: it must reach neither page nor log


@pytest.fixture
def production_app(tmp_path, monkeypatch):
    """The app as gunicorn runs it (no test mode), with the counter's staff accounts."""
    app = make_app(tmp_path, monkeypatch, TESTING=False, PROPAGATE_EXCEPTIONS=False, COOKIE_SECURE=False)
    assert not app.testing and not app.config["PROPAGATE_EXCEPTIONS"]
    yield app
    engine_for(app.config["DATABASE_URL"]).dispose()


def no_traceback(html: str) -> None:
    for sign in ("Traceback", "RuntimeError", "OperationalError", 'File "', SECRET, "werkzeug",
                 "Internal Server Error"):
        assert sign not in html, sign


def log_text(app) -> str:
    return (app.config["LOG_DIR"] / "navi.log").read_text(encoding="utf-8")


def test_an_unexpected_error_in_the_wizard_is_a_resident_page_in_both_languages(production_app, monkeypatch):
    from navi.domain import interview

    def broken(*_args, **_kwargs):
        raise RuntimeError(SECRET)

    monkeypatch.setattr(interview, "steps", broken)
    client = production_app.test_client()
    client.post("/begin", data={"csrf_token": csrf(client, "/")})
    response = client.get("/step/event")
    html = response.get_data(as_text=True)
    print(response.status_code, html.split("<h1>")[1].split("</h1>")[0])
    assert response.status_code == 500
    assert "申し訳ありません。問題が起きました" in html and "入力した内容は、この操作の前の状態で残っています" in html
    assert 'lang="en"' in html and "Sorry, something went wrong" in html
    no_traceback(html)
    logged = log_text(production_app)
    assert "unhandled RuntimeError on GET /step/event" in logged and SECRET not in logged


def test_an_unexpected_error_at_the_counter_is_a_staff_page(production_app, monkeypatch):
    from navi.records import cases

    def broken(*_args, **_kwargs):
        raise RuntimeError(SECRET)

    monkeypatch.setattr(cases, "search", broken)
    client = production_app.test_client()
    sign_in_as(client, production_app, "clerk")
    response = client.get("/counter/search?receipt=2027")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "システムエラーが発生しました" in html and "この操作は完了していません" in html
    assert "読み取りの画面に戻る" in html
    no_traceback(html)


@pytest.mark.parametrize(("path", "words"),
                         [("/", "ただいま一時的に使えません"), ("/counter/search", "記録を保存できませんでした")],
                         ids=["kiosk", "staff"])
def test_a_database_outage_is_a_503_page_on_each_side(production_app, path, words):
    client = production_app.test_client()
    if path.startswith("/counter"):
        sign_in_as(client, production_app, "clerk")
    token = csrf(client, "/")
    engine = engine_for(production_app.config["DATABASE_URL"])

    def outage(*_args):
        raise OperationalError("SELECT", {}, Exception(f"could not connect ({SECRET})"))

    event.listen(engine, "before_cursor_execute", outage)
    try:
        response = client.post("/begin", data={"csrf_token": token}) if path == "/" else client.get(path)
    finally:
        event.remove(engine, "before_cursor_execute", outage)
    html = response.get_data(as_text=True)
    assert response.status_code == 503 and words in html
    no_traceback(html)
    assert "database unavailable (OperationalError)" in log_text(production_app)
    assert SECRET not in log_text(production_app)


@pytest.mark.parametrize(("method", "path", "status", "words"), [
    ("GET", "/no-such-page", 404, "ページが見つかりません"),
    ("GET", "/counter/no-such-page", 404, "見つかりません"),
    ("GET", "/finish", 405, "この操作はできません"),
    ("GET", "/counter/scan/reset", 405, "この操作はできません"),
])
def test_http_errors_have_pages_in_words(production_app, method, path, status, words):
    client = production_app.test_client()
    sign_in_as(client, production_app, "clerk")
    response = client.open(path, method=method)
    html = response.get_data(as_text=True)
    assert response.status_code == status and words in html
    assert "<h1>" in html and "Method Not Allowed" not in html and "Not Found" not in html
    no_traceback(html)


def test_an_expired_wizard_form_says_to_start_again_in_both_languages(production_app):
    client = production_app.test_client()
    client.get("/")
    response = client.post("/begin", data={"csrf_token": "expired"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "この画面は使えなくなりました" in html and "This page can no longer be used" in html
    assert 'href="/"' in html  # the way back to the start page


def csrf(client, path: str) -> str:
    import re

    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
