"""The clerk's screen in a real headless Chromium: sign in, scan like a wedge scanner, work two counters.

Uses this folder's session-wide Chromium (one Playwright per test session) and the counter tests' app
builder, so the QR code comes from the real codec.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from navi.records.db import engine_for
from tests.counter.helpers import PASSWORD, codes_for, example_facts, make_app

from .conftest import LiveServer

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
WAIT_MS = 20_000  # an upper bound for a hung page, not a pause: expect() returns as soon as the page is right


@pytest.fixture
def counter_server(tmp_path, monkeypatch):
    """The app (role all) with keys and staff, served on loopback; yields (base URL, app)."""
    app = make_app(tmp_path, monkeypatch, QUEUE_POLL_SECONDS=1)
    with LiveServer(app) as server:
        yield server.url, app
    engine_for(app.config["DATABASE_URL"]).dispose()


@pytest.mark.browser
def test_a_clerk_scans_a_family_and_two_counters_see_each_others_progress(chromium, counter_server, artifacts):
    live_server, counter_app = counter_server
    expected = [p["id"] for p in _plan(counter_app) if not p["automatic"]]
    context = chromium.new_context(locale="ja-JP")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Every script and stylesheet must load (a CSP violation or a missing file shows up here).
    context.on("response", lambda r: errors.append(f"{r.status} {r.url}")
               if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" and "status of 404" not in message.text else None)

    page.goto(live_server + "/counter/login")
    page.get_by_label("ユーザー名").fill("clerk")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログインする").click()
    expect(page).to_have_url(live_server + "/counter/scan")
    expect(page.locator("#digits")).to_be_focused()

    # The scanner types into whatever has the focus: click empty space first, the field takes it back.
    page.locator("h1").click()
    expect(page.locator("#digits")).to_be_focused()
    digits = codes_for(counter_app)[0]
    page.keyboard.type(digits[:30].translate(FULL_WIDTH) + digits[30:])
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server}/counter/cases/1")
    for given in ("太郎", "花子", "一郎", "桜"):
        expect(page.locator(f"#members >> xpath=following::h3[contains(., '熊本\u3000{given}')]")).to_have_count(1)
    assert page.locator("tr[data-procedure]").evaluate_all("rows => rows.map(r => r.dataset.procedure)") == expected

    kodomo = context.new_page()
    kodomo.goto(live_server + "/counter/queues/hoken_kodomo")
    kumin = context.new_page()
    kumin.goto(live_server + "/counter/queues/kumin")
    expect(kodomo.locator(".queue-elsewhere")).to_contain_text("区民課 0/2")

    _mark_done(kumin, "tennyu_todoke")
    _mark_done(kumin, "mynumber_continue")
    expect(kodomo.locator(".queue-elsewhere")).to_contain_text("区民課 2/2", timeout=WAIT_MS)
    expect(kumin.locator("#queue-rows")).to_contain_text("受付待ちのお客様はいません")

    _mark_done(kodomo, "jido_teate_nintei")
    page.reload()
    expect(page.locator("#procedure-jido_teate_nintei .status-now")).to_have_text("完了")
    expect(page.locator("#procedure-tennyu_todoke .status-now")).to_have_text("完了")
    page.screenshot(path=str(artifacts / "case.png"), full_page=True)
    kodomo.screenshot(path=str(artifacts / "queue-hoken_kodomo.png"), full_page=True)
    context.close()
    assert errors == []


def _mark_done(page, procedure_id: str) -> None:
    row = page.locator(f'li[data-procedure="{procedure_id}"]')
    row.locator("select").select_option("done")
    row.get_by_role("button", name="更新").click()
    expect(page.locator(f'li[data-procedure="{procedure_id}"][data-status="done"], .queue-empty')).not_to_have_count(0)


def _plan(app) -> list[dict]:
    from navi.domain.planner import plan_for
    from navi.domain.validation import parse_facts

    catalog = app.extensions["navi.catalog"]
    return plan_for(parse_facts(example_facts(), catalog), catalog).to_dict()["procedures"]
