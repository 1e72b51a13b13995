"""The counter all day in a real headless Chromium: a failed scan keeps the scanner's focus, a clerk calls
the next number and the lobby board shows it within its refresh, and the figures page a supervisor reads."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from navi.records.db import engine_for
from tests.factories import codes_for, make_app

from .conftest import LiveServer, sign_in, watch_errors

WAIT_MS = 20_000  # an upper bound for a hung page, not a pause: expect() returns as soon as the page is right


@pytest.fixture
def board_server(tmp_path, monkeypatch):
    """The app with keys and staff, its board refreshing every second, served on loopback."""
    app = make_app(tmp_path, monkeypatch, BOARD_REFRESH_SECONDS=1, QUEUE_POLL_SECONDS=1)
    with LiveServer(app) as server:
        yield server.url, app
    engine_for(app.config["DATABASE_URL"]).dispose()


@pytest.mark.browser
def test_focus_stays_in_the_scan_field_after_a_failed_scan_and_after_a_good_one(chromium, board_server):
    base, app = board_server
    context = chromium.new_context(locale="ja-JP")
    page = context.new_page()
    errors = watch_errors(context, page)
    sign_in(page, base, "clerk")
    page.keyboard.type("12345678901234567890")
    page.keyboard.press("Enter")
    expect(page.locator(".scan-failure")).to_be_visible()
    expect(page.locator("#digits")).to_be_focused()
    page.keyboard.type(codes_for(app)[0])
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base}/counter/cases/1")
    # After a good scan too: the case page waits for the next code in its own scan field.
    expect(page.locator("#digits")).to_be_focused()
    page.keyboard.type(codes_for(app, now=time.time() - 1)[0])
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base}/counter/cases/2")
    context.close()
    # The failure page itself is a 422 (the code's fault): anything else would be a broken page.
    assert [e for e in errors if "422" not in e] == []


@pytest.mark.browser
def test_a_clerk_calls_the_next_number_and_the_lobby_board_shows_it(chromium, board_server, artifacts):
    base, app = board_server
    clerk_context = chromium.new_context(locale="ja-JP")
    clerk = clerk_context.new_page()
    errors = watch_errors(clerk_context, clerk)
    sign_in(clerk, base, "clerk")
    receipts = []
    for serial in (1, 2):
        clerk.goto(base + "/counter/scan")
        clerk.keyboard.type(codes_for(app, now=time.time() - serial)[0])
        clerk.keyboard.press("Enter")
        expect(clerk.locator("h1")).to_contain_text("受付番号")
        receipts.append(clerk.locator("h1").inner_text().split()[-1])

    lobby_context = chromium.new_context(locale="ja-JP", viewport={"width": 1280, "height": 720})
    lobby = lobby_context.new_page()
    lobby_errors = watch_errors(lobby_context, lobby)
    lobby.goto(base + "/counter/board/chuo")  # no sign-in on the lobby display
    row = lobby.locator("#board-kumin")
    expect(row.locator(".board-calling")).to_have_text("—")
    expect(row.locator(".board-waiting")).to_have_text("2")

    clerk.goto(base + "/counter/queues/kumin")
    clerk.get_by_role("button", name="次の番号を呼び出す").click()
    expect(clerk.locator(".notice")).to_contain_text(receipts[0])
    # The board was not reloaded: its own refresh brings the number.
    expect(row.locator(".board-calling")).to_have_text(receipts[0], timeout=WAIT_MS)
    expect(row.locator(".board-waiting")).to_have_text("1")
    # The README's pictures (docs/counter/) are these two screenshots.
    lobby.screenshot(path=str(artifacts / "board.png"))
    assert receipts[1] not in lobby.locator("#board").inner_text()

    _finish_kumin(clerk)
    supervisor_context = chromium.new_context(locale="ja-JP", viewport={"width": 1100, "height": 900})
    supervisor = supervisor_context.new_page()
    sign_in(supervisor, base, "supervisor")
    supervisor.goto(base + "/counter/figures")
    expect(supervisor.locator("svg.chart")).to_have_count(3)
    supervisor.screenshot(path=str(artifacts / "figures.png"), full_page=True)
    for context in (clerk_context, lobby_context, supervisor_context):
        context.close()
    assert errors == [] and lobby_errors == []


def _finish_kumin(clerk) -> None:
    """Mark each of the first case's 区民課 procedures 完了 on the queue page."""
    first = clerk.locator("#queue-rows tr").first
    for item in first.locator("li[data-procedure]").all():
        item.locator("select").select_option("done")
        item.get_by_role("button", name="更新").click()
        first = clerk.locator("#queue-rows tr").first
