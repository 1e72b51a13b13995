"""A resident completes journeys on the tablet by tapping and typing; the idle dialog wipes the session."""

from __future__ import annotations

import io
import re

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from navi.records.db import session_factory
from navi.records.models import KioskSession
from tests.wizard.journeys import BEREAVEMENT, FAMILY_MOVING_IN, Journey


def answer(page: Page, data: dict) -> None:
    """Tap and type the answers of one page like a person would."""
    for name, value in data.items():
        controls = page.locator(f'[name="{name}"]')
        if controls.count() == 0:
            continue  # the page does not ask this of this household (e.g. insurance of a member it doesn't need)
        kind = controls.first.get_attribute("type") or controls.first.evaluate("e => e.tagName.toLowerCase()")
        if kind == "radio":
            option_id = page.locator(f'[name="{name}"][value="{value}"]').get_attribute("id")
            page.locator(f'label[for="{option_id}"]').click()
        elif kind == "checkbox":
            for index in range(controls.count()):
                box = controls.nth(index)
                box.set_checked(box.get_attribute("value") in value)
        elif kind == "select":
            controls.select_option(value)
        else:
            controls.fill("")
            controls.press_sequentially(value)


def _buttons(page: Page, lang: str):
    """A finder of the wizard's buttons by their Japanese names (or, in other languages, by their role)."""
    if lang == "ja":
        return lambda name: page.get_by_role("button", name=name)
    return lambda name: page.locator('button[value="lookup"]' if name == "住所を検索" else ".button-primary").first


def complete(page: Page, base: str, journey: Journey, on_page=None, keep: tuple[str, ...] = (),
             lang: str = "ja") -> list[str]:
    """Walk from the start page to the result; `on_page(number, step)` sees each page; returns the steps.
    Fields named in `keep` are left as later person pages show them (the household's name, filled in).
    In Japanese the buttons are found by their names; in another language by their place on the page."""
    page.goto(base + f"/?lang={lang}")
    button = _buttons(page, lang)
    seen = []
    if on_page:
        on_page(0, "start")
    button("はじめる").click()
    # Wait for the first step to load: reading the page while the start page is still going away finds no document.
    page.wait_for_url(lambda url: "/step/" in url)
    for number in range(1, 40):
        path = page.url.removeprefix(base)
        step = path.split("?")[0].rsplit("/", 1)[-1]
        seen.append(step)
        if on_page:
            on_page(number, step)
        if step == "result":
            return seen
        if step == "check":
            answer(page, journey.data_for(step))  # who files and who claims, when asked
            button("この内容でQRコードを作る").click()
            page.wait_for_url(re.compile(r"/result$"))
            continue
        data = dict(journey.data_for(step))
        if step.startswith("person-") and step != "person-0":
            data = {name: value for name, value in data.items() if name not in keep}
        if step.startswith("address-") and data.get("country") == "JP":
            page.locator('[name="postal_code"]').fill(data.pop("postal_code"))
            button("住所を検索").click()
            expect(page.locator('[name="prefecture"]')).not_to_have_value("")
            data.pop("country")
        answer(page, data)
        button("次へ進む").click()
        page.wait_for_url(lambda url, left=path: not url.endswith(left))
    raise AssertionError(f"no result page after {seen}")


@pytest.mark.browser
@pytest.mark.parametrize("journey", [FAMILY_MOVING_IN, BEREAVEMENT], ids=["moving_in", "death"])
def test_resident_completes_a_journey_on_the_tablet(page, live_server, artifacts, journey):
    def photograph(number: int, step: str) -> None:
        page.screenshot(path=str(artifacts / f"{number:02d}-{step}.png"), full_page=True)

    seen = complete(page, live_server.url, journey, on_page=photograph)
    assert seen[-1] == "result"
    for procedure in journey.expected:
        expect(page.locator(f"#procedure-{procedure}")).to_be_visible()
    assert len(list(artifacts.glob("*.png"))) == len(seen) + 1


@pytest.mark.browser
def test_the_journey_in_easy_japanese_has_ruby_and_ends_in_a_readable_qr_code(page, live_server):
    """やさしい日本語 in a real browser: every page is Japanese to it, the headings carry readings, and the
    result's QR code (the page scaled as a tablet shows it) reads back."""
    headings: list[tuple[str, int]] = []

    def look(_number: int, step: str) -> None:
        assert page.locator("html").get_attribute("lang") == "ja"
        headings.append((step, page.locator("h1 ruby rt").count()))

    seen = complete(page, live_server.url, FAMILY_MOVING_IN, lang="easy_ja", on_page=look,
                    keep=("family_name", "family_name_kana"))
    assert seen[-1] == "result" and len(seen) + 1 <= 16
    assert [step for step, readings in headings if readings == 0] == ["event"]  # どんなことがありましたか: all kana
    picture = Image.open(io.BytesIO(page.locator(".qr-code img").first.screenshot()))
    assert zxingcpp.read_barcodes(picture.convert("L"))


@pytest.mark.browser
def test_the_family_of_four_moves_in_in_16_screens_typing_the_family_name_once(page, live_server):
    names: list[str] = []

    def look(_number: int, step: str) -> None:
        if step.startswith("person-") and step != "person-0":
            expect(page.get_by_label("姓", exact=True)).to_have_value("夢野")
            expect(page.get_by_label("セイ", exact=True)).to_have_value("ユメノ")
        if step == "check":
            names.append(page.locator("main").inner_text())
            # Who files and who claims are asked here, on a page the journey has anyway.
            expect(page.get_by_role("group", name="届け出に来た人はどなたですか")).to_be_visible()
            expect(page.get_by_role("group", name="児童手当を受け取る人（請求者）")).to_be_visible()

    seen = complete(page, live_server.url, FAMILY_MOVING_IN, on_page=look,
                    keep=("family_name", "family_name_kana"))
    assert len(seen) + 1 <= 16, seen  # the start page and every page after it, the result included
    assert all(f"夢野 {given}" in names[0] for given in ("太一", "花音", "一輝", "桜子"))
    for procedure in FAMILY_MOVING_IN.expected:
        expect(page.locator(f"#procedure-{procedure}")).to_be_visible()


@pytest.mark.browser
def test_idle_dialog_counts_down_extends_and_finally_wipes(page, live_server):
    app = live_server.app
    page.clock.install()
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="はじめる").click()
    page.get_by_text("引越してきた（転入）").click()
    idle, countdown = app.config["KIOSK_IDLE_SECONDS"], app.config["KIOSK_COUNTDOWN_SECONDS"]
    dialog = page.locator("#idle-dialog")
    for _ in range(2):  # 「続ける」 works again and again
        page.clock.run_for((idle - countdown) * 1000 + 500)
        expect(dialog).to_be_visible()
        expect(page.locator("#idle-count")).to_have_text(str(countdown))
        page.clock.run_for(5000)
        expect(page.locator("#idle-count")).to_have_text(str(countdown - 5))
        page.get_by_role("button", name="続ける").click()
        expect(dialog).to_be_hidden()
    page.clock.run_for((idle - countdown) * 1000 + 500)
    expect(dialog).to_be_visible()
    page.clock.run_for(countdown * 1000 + 500)
    page.wait_for_url(re.compile(r"/\?wiped=idle$"))
    expect(page.get_by_text("入力した内容は消去しました。")).to_be_visible()
    with session_factory(app.config["DATABASE_URL"])() as db:
        assert db.scalar(select(func.count()).select_from(KioskSession)) == 0
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("引越し・出生・死亡などの手続をまとめてご案内します")


@pytest.mark.browser
def test_the_wizard_fits_a_360_px_phone_without_sideways_scrolling(chromium, live_server):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, locale="ja-JP")
    phone = context.new_page()
    widths: dict[str, int] = {}
    try:
        complete(phone, live_server.url, FAMILY_MOVING_IN, on_page=lambda _number, step: widths.update(
            {step: phone.evaluate("document.documentElement.scrollWidth")}))
    finally:
        context.close()
    assert len(widths) > 15
    assert {step: width for step, width in widths.items() if width > 360} == {}


@pytest.fixture
def personal_server(tmp_path, monkeypatch):
    """The public-web kiosk: pre-entry on the resident's own phone (KIOSK_DEVICE=personal)."""
    from navi import create_app
    from navi.instance.prepare import prepare_instance

    from .conftest import LiveServer

    monkeypatch.setenv("NAVI_INSTANCE", str(tmp_path / "instance"))
    app = create_app({"SECRET_KEY": "browser-test", "KIOSK_DEVICE": "personal"})
    prepare_instance(app)
    with LiveServer(app) as server:
        yield server


@pytest.mark.browser
def test_pre_entry_on_a_phone_keeps_the_result_after_30_minutes_idle(chromium, personal_server, artifacts):
    context = chromium.new_context(viewport={"width": 375, "height": 740}, locale="ja-JP")
    phone = context.new_page()
    try:
        phone.clock.install()
        phone.goto(personal_server.url + "/")
        expect(phone.get_by_text("入力した内容と結果は、「おわる」を押すか24時間たつと消去されます。")).to_be_visible()
        complete(phone, personal_server.url, FAMILY_MOVING_IN)
        phone.clock.run_for(30 * 60 * 1000)
        expect(phone).to_have_url(re.compile(r"/result$"))
        expect(phone.locator("#idle-dialog")).to_be_hidden()
        expect(phone.get_by_role("img", name="窓口で読み取るQRコード")).to_be_visible()
        expect(phone.get_by_role("link", name="QRコードの画像を保存する")).to_be_visible()
        phone.screenshot(path=str(artifacts / "result-after-30-minutes.png"), full_page=True)
    finally:
        context.close()


@pytest.mark.browser
def test_restart_asks_first_cancel_keeps_everything_and_confirm_erases(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="はじめる").click()
    page.get_by_text("引越してきた（転入）").click()
    page.get_by_role("button", name="次へ進む").click()
    page.wait_for_url(re.compile(r"/step/date$"))
    page.get_by_role("button", name="最初からやり直す（入力を消去）").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("入力した内容をすべて消去しますか？")
    page.get_by_role("link", name="消去しないで戻る").click()
    page.wait_for_url(re.compile(r"/step/date$"))
    page.get_by_role("link", name="戻る").click()
    expect(page.get_by_label("引越してきた（転入）")).to_be_checked()
    page.get_by_role("button", name="最初からやり直す（入力を消去）").click()
    page.get_by_role("button", name="消去して最初からやり直す").click()
    page.wait_for_url(re.compile(r"/\?wiped=restart$"))
    with session_factory(live_server.app.config["DATABASE_URL"])() as db:
        assert db.scalar(select(func.count()).select_from(KioskSession)) == 0
    page.goto(live_server.url + "/step/event")
    expect(page.get_by_role("heading", level=1)).to_have_text("引越し・出生・死亡などの手続をまとめてご案内します")


@pytest.mark.browser
def test_1988_under_reiwa_names_the_fix(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="はじめる").click()
    page.get_by_text("子どもが生まれた（出生）").click()
    page.get_by_role("button", name="次へ進む").click()
    page.get_by_label("元号").select_option("reiwa")
    page.get_by_label("年", exact=True).fill("1988")
    page.get_by_label("月", exact=True).fill("5")
    page.get_by_label("日", exact=True).fill("10")
    page.get_by_role("button", name="次へ進む").click()
    expect(page.locator(".error-summary")).to_contain_text("1988年は西暦の年です。「西暦」を選ぶか、昭和63年と入力してください")


def fill_what_has_no_default(page: Page, data: dict) -> None:
    """Answer only what the page leaves open: a chosen radio, a select with a value, a checkbox and a filled-in
    field all keep what the page offered."""
    for name, value in data.items():
        controls = page.locator(f'[name="{name}"]')
        if controls.count() == 0:
            continue
        kind = controls.first.get_attribute("type") or controls.first.evaluate("e => e.tagName.toLowerCase()")
        if kind == "checkbox" or (kind == "radio" and page.locator(f'[name="{name}"]:checked').count()):
            continue
        if kind not in ("radio", "checkbox") and controls.first.input_value():
            continue
        answer(page, {name: value})


@pytest.mark.browser
def test_a_journey_that_leaves_every_default_untouched_ends_in_a_qr_code_or_a_message_on_its_page(page, live_server):
    base = live_server.url
    page.goto(base + "/")
    page.get_by_role("button", name="はじめる").click()
    for _ in range(30):
        step = page.url.removeprefix(base).split("?")[0].rsplit("/", 1)[-1]
        if step == "result":
            expect(page.get_by_role("img", name="窓口で読み取るQRコード")).to_be_visible()
            print("ended in the QR code")
            return
        if step == "check":
            fill_what_has_no_default(page, FAMILY_MOVING_IN.data_for(step))  # who files: nothing is pre-chosen
            page.get_by_role("button", name="この内容でQRコードを作る").click()
            page.wait_for_url(re.compile(r"/(result|check)$"))
            assert page.locator(".error-summary").count() == 0, page.locator(".error-summary").inner_text()
            continue
        data = dict(FAMILY_MOVING_IN.data_for(step))
        if step.startswith("address-"):
            data.pop("country", None)
        fill_what_has_no_default(page, data)
        page.get_by_role("button", name="次へ進む").click()
        page.wait_for_load_state()
        summary = page.locator(".error-summary")
        if summary.count():
            # A refusal names the field on this very page: every link of the summary points at it.
            for link in summary.locator("a").all():
                target = link.get_attribute("href")
                assert target.startswith("#") and page.locator(target).count() == 1, target
            print("ended on", step, summary.inner_text())
            return
    raise AssertionError("neither a QR code nor a message")
