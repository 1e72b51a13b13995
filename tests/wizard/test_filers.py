"""Who files and who claims, asked on the check page only when a form needs them, carried by the QR code to
the counter, shown on the case page and printed on every form with boxes for them."""

from __future__ import annotations

import dataclasses

from tests.counter.helpers import scan_result_page
from tests.pages import parse
from tests.pdf.readback import Box, compact, pages, text_in
from tests.wizard.journeys import BEREAVEMENT, FAMILY_MOVING_IN, errors, walk

SPOUSE_FILES_AND_CLAIMS = dataclasses.replace(
    FAMILY_MOVING_IN, answers={**FAMILY_MOVING_IN.answers, "check": {"notifier": "m2", "claimant": "m2"}})


def printed(pdf: bytes, form) -> dict[str, str]:
    """Each field's text on a one-page form, as pdfplumber reads it back inside its layout box."""
    (page,) = pages(pdf)
    return {p.field: compact(text_in(page, Box(p.x, p.y + 3.2, p.w, p.h - 3.2))) for p in form.layout.fields}


def test_the_check_page_asks_who_files_and_who_claims_with_nothing_chosen(client):
    walk(client, FAMILY_MOVING_IN, until="/check")
    page = parse(client.get("/check").get_data(as_text=True))
    legends = [legend.get_text(" ", strip=True) for legend in page.find_all("legend")]
    assert legends == ["届け出に来た人はどなたですか", "児童手当を受け取る人（請求者）"]
    assert "所得" in page.get_text()  # the hint: by law the parent with the higher income claims
    for role in ("notifier", "claimant"):
        offered = page.find_all("input", attrs={"name": role})
        assert [i["value"] for i in offered] == ["m1", "m2"]  # the children are too young to file
        assert not any(i.has_attr("checked") for i in offered)


def test_the_button_without_a_choice_says_so_on_the_check_page(client):
    walk(client, FAMILY_MOVING_IN, until="/check")
    response = client.post("/check", data={"notifier": "m2"})
    assert response.status_code == 200
    assert errors(response.get_data(as_text=True)) == ["請求者を選んでください"]
    summary = parse(response.get_data(as_text=True)).find(class_="error-summary")
    assert [a["href"] for a in summary.find_all("a")] == ["#claimant"]
    kept = parse(response.get_data(as_text=True)).find("input", attrs={"name": "notifier", "value": "m2"})
    assert kept.has_attr("checked")
    assert client.get("/result").status_code == 302


def test_one_survivor_is_not_asked(client):
    walk(client, BEREAVEMENT, until="/check")
    html = client.get("/check").get_data(as_text=True)
    assert 'name="notifier"' not in html and 'name="claimant"' not in html


def test_the_spouse_files_and_claims_and_the_forms_say_so(client, app, catalog):
    walk(client, SPOUSE_FILES_AND_CLAIMS)
    case_path = scan_result_page(client, app)
    case_page = parse(client.get(case_path).get_data(as_text=True))
    assert case_page.find(attrs={"data-role": "notifier"}).get_text() == "夢野\u3000花音"
    assert case_page.find(attrs={"data-role": "claimant"}).get_text() == "夢野\u3000花音"

    claim = printed(client.get(f"{case_path}/forms/jido_teate_seikyu.pdf").data, catalog.form("jido_teate_seikyu"))
    assert (claim["claimant_name"], claim["claimant_relation"]) == ("夢野花音", "妻")
    assert claim["claimant_phone"] == "0961234567"  # the daytime phone typed is the one filing's
    assert claim["claimant_pension"] == "国民年金（第3号）"
    assert claim["spouse_name"] == "夢野太一"
    moving_in = printed(client.get(f"{case_path}/forms/jumin_idou.pdf").data, catalog.form("jumin_idou"))
    assert (moving_in["notifier_name"], moving_in["notifier_relation"]) == ("夢野花音", "妻")
    assert moving_in["head_name"] == "夢野太一"
