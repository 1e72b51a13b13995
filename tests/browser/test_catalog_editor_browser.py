"""The supervisor's catalog editor in a real headless Chromium, end to end to a lobby kiosk.

A supervisor adds a procedure with a structured condition and example households, sees its diff and the
examples pass, publishes, downloads the kiosk bundle; a kiosk installs it and a resident it fits sees it.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from navi import create_app
from navi.instance.kiosk_bundle import install
from navi.instance.prepare import prepare_instance
from navi.payload import bundle
from navi.records.db import engine_for
from navi.web.extensions import catalog_source
from tests.factories import PASSWORD, make_app
from tests.wizard.journeys import Journey, walk

from .conftest import LiveServer

NEW_ID = "senior_card_address"
NEW_TITLE = "マイナンバーカードの住所変更（65歳以上の方の窓口案内）"
# A resident of 70 with a My Number Card moving in alone: the new procedure fits them.
SENIOR_MOVING_IN = Journey(
    answers={
        "event": {"value": "moving_in"},
        "date": {"date_era": "reiwa", "date_year": "9", "date_month": "4", "date_day": "1"},
        "address-from_address": {"country": "JP", "postal_code": "812-0011", "street": "博多駅前2-2-2"},
        "address-to_address": {"country": "JP", "postal_code": "8600004", "street": "新町8-8-8"},
        "count": {"count": "1"},
        "moving": {"value": ["m1"]},
        "attr-has_my_number_card": {"value": ["m1"]},
        "flags": {"m_m1": ["has_my_number_card"]},
        "attr-health_insurance": {"m_m1": "national"},
        "attr-pension": {"m_m1": "pensioner"},
        "attr-care_level": {"m_m1": "none"},
        "q-dog_or_moped": {"value": "none"},  # a choice question: no 「いいえ」 to default to
    },
    people=[("夢野", "長治", "ゆめの", "ちょうじ", "showa", "31", "6", "6", "male", "head")],
)


@pytest.fixture
def editor_server(tmp_path, monkeypatch):
    """The counter app (role all) with keys and staff, served on loopback; yields (base URL, app)."""
    app = make_app(tmp_path / "counter", monkeypatch)
    with LiveServer(app) as server:
        yield server.url, app
    engine_for(app.config["DATABASE_URL"]).dispose()


def _choose(page, selector: str, value: str) -> None:
    """Pick a fact or an operator: the editor re-draws the row (a form post), so wait for the new page."""
    with page.expect_navigation():
        page.select_option(selector, value)


@pytest.mark.browser
def test_a_supervisor_publishes_a_procedure_and_a_kiosk_shows_it(chromium, editor_server, artifacts, tmp_path,
                                                                   monkeypatch):
    base, app = editor_server
    before = catalog_source(app).running.version
    context = chromium.new_context(locale="ja-JP", accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    context.on("response", lambda r: errors.append(f"{r.status} {r.url}")
               if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)

    page.goto(base + "/counter/login")
    page.get_by_label("ユーザー名").fill("supervisor")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログインする").click()
    page.get_by_role("link", name="手続カタログ").click()
    page.get_by_role("link", name="手続", exact=True).first.click()
    page.get_by_role("link", name="手続を追加する").click()

    page.fill("#id", NEW_ID)
    page.fill("#title_ja", NEW_TITLE)
    page.fill("#title_en", "My Number Card address change (guidance for residents 65 and over)")
    page.select_option("#file", "procedures/30_mynumber.yaml")
    page.select_option("#counter", "kumin")
    page.get_by_label("区役所すべて").check()
    page.get_by_label("総合出張所すべて").check()
    page.locator("#events").get_by_label("moving_in", exact=False).check()
    page.locator("#events").get_by_label("moving_within", exact=False).check()
    page.select_option("#scope", "member")
    # The condition, row by row: concerned = true, age ≧ 65, has_my_number_card = true.
    _choose(page, "#c-r-0-fact", "concerned")
    page.select_option("#c-r-0-value", "true")
    with page.expect_navigation():
        page.locator("#c-r").get_by_role("button", name="行を追加").last.click()
    _choose(page, "#c-r-1-fact", "age")
    _choose(page, "#c-r-1-op", "ge")
    page.fill("#c-r-1-value", "65")
    with page.expect_navigation():
        page.locator("#c-r").get_by_role("button", name="行を追加").last.click()
    _choose(page, "#c-r-2-fact", "has_my_number_card")
    page.select_option("#c-r-2-value", "true")
    expect(page.locator("#title_ja")).to_have_value(NEW_TITLE)  # typed fields survive the re-draws
    page.fill("#reason_ja", "65歳以上でマイナンバーカードをお持ちのため（住所変更の窓口でお手伝いします）")
    page.fill("#reason_en", "you are 65 or over and hold a My Number Card (staff help with the address change)")
    page.fill("#reference", "番号法 第17条第4項")  # every procedure names its reference (navi catalog check)
    page.fill("#deadline_days", "14")
    # Example households are picked from the catalog's own by name.
    page.select_option("#must_0_household", "couple_age_edges_moving_in")
    page.fill("#must_0_members", "m1")
    page.select_option("#must_1_household", "elderly_single_moving_within")
    page.fill("#must_1_members", "m1")
    page.locator("#must_not").get_by_label("elderly_tokyo_moving_in", exact=False).check()
    page.locator("#must_not").get_by_label("family4_employee", exact=False).check()
    page.screenshot(path=str(artifacts / "edit.png"), full_page=True)
    page.click("#save")
    expect(page.locator(".notice")).to_contain_text("下書きに保存しました")
    expect(page.locator(".error-summary")).to_have_count(0)

    page.get_by_role("link", name="変更内容の確認").first.click()
    added = page.locator(f'.diff-entity[data-section="procedures"][data-id="{NEW_ID}"]')
    expect(added).to_contain_text("追加")
    changed = added.locator('tr:has(th[data-path="condition.all[1].value"])')
    expect(changed.locator("th")).to_have_text("条件 › すべてに当てはまる › 2番目 › 値")
    expect(changed).to_contain_text("65")
    examples = page.locator(f'#examples tr[data-procedure="{NEW_ID}"]')
    expect(examples).to_have_count(4)
    expect(page.locator(f'#examples tr.example-failed[data-procedure="{NEW_ID}"]')).to_have_count(0)
    expect(page.locator("#verdict")).to_contain_text("公開できます")
    page.screenshot(path=str(artifacts / "review.png"), full_page=True)
    page.fill("#note", "65歳以上のカード住所変更の案内")
    page.click("#publish")
    expect(page.locator(".notice")).to_contain_text("を公開しました")
    version = page.locator("#current-version").inner_text()
    assert version != before
    expect(page.locator("#publications tbody tr").first).to_contain_text("65歳以上のカード住所変更の案内")

    with page.expect_download() as download:
        page.click("#bundle-download")
    data = download.value.path().read_bytes()
    context.close()
    assert errors == []

    kiosk_dir = tmp_path / "kiosk"
    installed = install(data, kiosk_dir, kiosk_dir / "keys", bundle.verify(data, None).signer)
    assert installed.catalog_version == version
    monkeypatch.setenv("NAVI_INSTANCE", str(kiosk_dir))
    kiosk = create_app({"TESTING": True, "SECRET_KEY": "kiosk", "WTF_CSRF_ENABLED": False, "NAVI_ROLE": "kiosk"})
    prepare_instance(kiosk)
    assert catalog_source(kiosk).running.version == version
    client = kiosk.test_client()
    walk(client, SENIOR_MOVING_IN)
    result = client.get("/result").get_data(as_text=True)
    print(f"published {version} (was {before}); the kiosk's result lists: {NEW_TITLE in result}")
    assert NEW_TITLE in result
    engine_for(kiosk.config["DATABASE_URL"]).dispose()
