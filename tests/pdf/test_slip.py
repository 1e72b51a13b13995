"""The resident's route slip (受付案内票): receipt number, counters in visiting order with what each does,
documents and deadlines, in Japanese or English; and the kiosk's link to it."""

from __future__ import annotations

import re

import pytest

from navi import create_app
from navi.domain.planner import plan_for
from navi.instance.prepare import prepare_instance
from navi.pdf import render_route_slip
from navi.text.languages import forget_untranslated, untranslated
from tests.pdf.readback import compact, pages
from tests.wizard.journeys import FAMILY_MOVING_IN, walk


def lines(pdf: bytes) -> list[str]:
    """Each printed line of the slip (characters grouped by baseline), top to bottom, page after page."""
    found = []
    for chars in pages(pdf):
        rows: dict[int, list[dict]] = {}
        for c in chars:
            rows.setdefault(round(c["bottom"]), []).append(c)
        found += ["".join(c["text"] for c in sorted(row, key=lambda c: c["x0"])) for _, row in sorted(rows.items())]
    return [compact(line) for line in found if line.strip()]


def position(text_lines: list[str], wanted: str) -> int:
    return next(i for i, line in enumerate(text_lines) if wanted in line)


def test_japanese_slip_lists_counters_in_order_with_their_procedures(catalog, family):
    facts, plan = family
    text = lines(render_route_slip(facts, catalog, plan, "ja", receipt_no="A-012"))
    print("\n" + "\n".join(text[:12]))
    assert text[0] == "受付番号" and "受付案内票" in text[1] and "A-012" in "".join(text[:3])
    assert "熊本市中央区役所" in text[3] and "令和9年4月1日" in text[3]
    headings = [text.index(f"{i}.{c}") for i, c in enumerate(plan.visit_order, start=1)]  # whole lines
    assert headings == sorted(headings) and len(headings) == 3
    assert text[position(text, "回る窓口の順番") + 1] == "1.区民課→2.保健子ども課→3.教育委員会（学校）"
    # Each procedure sits under its own counter, with who it is for and its deadline in 和暦 with its weekday.
    tennyu = position(text, "■転入届")
    assert headings[0] < tennyu < headings[1]
    assert text[tennyu + 1] == "対象:太郎、花子、一郎、桜" and text[tennyu + 2] == "期限:令和9年4月15日（木）まで"
    assert headings[1] < position(text, "■児童手当の認定請求") < headings[2]
    assert headings[2] < position(text, "■転入学の手続き")
    bring = position(text, "持ち物")
    assert bring > headings[2] and any("在学証明書" in line for line in text[bring:])


def test_english_slip_uses_the_plan_language_and_translated_headings(catalog, family):
    facts, _ = family
    plan = plan_for(facts, catalog, "en")
    text = lines(render_route_slip(facts, catalog, plan, "en"))
    joined = "\n".join(text)
    headings = ("Routeslip", "Receiptnumber", "Counterstovisit,inorder", "Whattobring", "Dueby:Thursday,April15,2027")
    for heading in headings:
        assert heading in joined
    assert text.index("1.ResidentServicesDivision(区民課)") < position(text, "■Moving-innotification")
    assert "受付案内票" not in joined and "期限" not in joined


KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff々]")
KANA = re.compile(r"[\u3041-\u309f]")


def test_easy_japanese_slip_has_every_word_translated_and_a_reading_over_each_kanji(catalog, family):
    """やさしい日本語: headings from its own catalog (none falls back to standard Japanese), and over every kanji
    but the household's own names a reading in small kana."""
    facts, _ = family
    forget_untranslated()
    pdf = render_route_slip(facts, catalog, plan_for(facts, catalog, "easy_ja"), "easy_ja", receipt_no="A-012")
    assert {msgid for lang, msgid in untranslated() if lang == "easy_ja"} == set()
    joined = "\n".join(lines(pdf))
    assert "受付案内票" not in joined and "窓口の案内の紙" in joined and "2027年4月15日" in joined
    names = {word for m in facts.members for word in (m.family_name, m.given_name)}
    missing = []
    for chars in pages(pdf):
        kana = [c for c in chars if KANA.match(c["text"])]
        for c in chars:
            if not KANJI.match(c["text"]) or any(c["text"] in name for name in names):
                continue
            # A reading sits just above its base, at half its size, and overlaps it sideways.
            readings = [r for r in kana if r["size"] <= c["size"] * 0.55]
            if not any(0 <= c["top"] - r["bottom"] <= c["size"] * 0.5 and r["x0"] < c["x1"] + c["size"] * 0.6
                       and r["x1"] > c["x0"] - c["size"] * 0.6 for r in readings):
                missing.append(c["text"])
    assert missing == []


def test_a_long_plan_continues_on_a_second_page(catalog):
    from tests.pdf.conftest import household

    facts = household(catalog, "death_head_family")
    plan = plan_for(facts, catalog, "en")
    pdf = render_route_slip(facts, catalog, plan, "en")
    assert len(pages(pdf)) >= 1
    text = "\n".join(lines(pdf))
    for item in plan.procedures:
        assert compact(item.title) in text


@pytest.fixture
def kiosk(tmp_path, monkeypatch):
    monkeypatch.setenv("NAVI_INSTANCE", str(tmp_path / "instance"))
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "WTF_CSRF_ENABLED": False})
    prepare_instance(app)
    return app.test_client()


def test_the_kiosk_prints_the_slip_of_the_confirmed_household(kiosk):
    walk(kiosk, FAMILY_MOVING_IN)
    result = kiosk.get("/result").get_data(as_text=True)
    assert 'href="/result/slip.pdf"' in result and "案内票を印刷する" in result
    response = kiosk.get("/result/slip.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    text = "\n".join(lines(response.data))
    assert "受付案内票" in text and "対象:太一、花音、一輝、桜子" in text and "令和9年4月15日" in text


def test_the_slip_needs_a_confirmed_session(kiosk):
    response = kiosk.get("/result/slip.pdf")
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_the_printed_slip_carries_the_qr_code_that_reads_back_to_the_same_facts(kiosk, tmp_path, catalog):
    import subprocess

    import zxingcpp
    from PIL import Image

    from navi.payload import codec
    from navi.payload.keys import load_keyring

    walk(kiosk, FAMILY_MOVING_IN)
    pdf = tmp_path / "slip.pdf"
    pdf.write_bytes(kiosk.get("/result/slip.pdf").data)
    # The page as a printer or a photo of the paper would show it: 200 dpi, no vector shortcuts.
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True)
    found = zxingcpp.read_barcodes(Image.open(next(tmp_path.glob("page*.png"))))
    assert len(found) == 1
    app = kiosk.application
    opened = codec.read_codes([found[0].text], load_keyring(app.config["KEYS_DIR"]), {catalog.version: catalog},
                              codec.Policy.from_settings(app.config))
    assert [m.given_name for m in opened.facts.members] == ["太一", "花音", "一輝", "桜子"]
    assert opened.facts.to_address.street == "新町9-9-9" and opened.facts.from_address.postal_code == "8120011"
    assert "窓口でこのQRコードを見せてください。" in "\n".join(lines(pdf.read_bytes()))
