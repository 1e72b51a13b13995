"""The clerk's screen in a real headless Chromium: sign in, scan like a wedge scanner, work two counters.

Uses this folder's session-wide Chromium (one Playwright per test session) and the counter tests' app
builder, so the QR code comes from the real codec.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from navi.web.extensions import catalog_source
from tests.factories import codes_for, example_facts

from .conftest import expect_members, sign_in, watch_errors

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
WAIT_MS = 20_000  # an upper bound for a hung page, not a pause: expect() returns as soon as the page is right


@pytest.mark.browser
def test_a_clerk_scans_a_family_and_two_counters_see_each_others_progress(chromium, counter_server, artifacts):
    live_server, counter_app = counter_server
    expected = [p["id"] for p in _plan(counter_app) if not p["automatic"] and not p["elsewhere"]]  # pointers: no row
    context = chromium.new_context(locale="ja-JP")
    page = context.new_page()
    errors = watch_errors(context, page)
    sign_in(page, live_server, "clerk")

    # The scanner types into whatever has the focus: click empty space first, the field takes it back.
    page.locator("h1").click()
    expect(page.locator("#digits")).to_be_focused()
    digits = codes_for(counter_app)[0]
    page.keyboard.type(digits[:30].translate(FULL_WIDTH) + digits[30:])
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server}/counter/cases/1")
    expect_members(page, [f"熊本\u3000{given}" for given in ("太郎", "花子", "一郎", "桜")])
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

    catalog = catalog_source(app).running
    return plan_for(parse_facts(example_facts(), catalog), catalog).to_dict()["procedures"]
