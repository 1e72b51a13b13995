"""`navi forms render`: every completed form of the plan in one PDF, in counter visiting order; bad facts
exit 2 with every problem's JSON path."""

from __future__ import annotations

import json

from click.testing import CliRunner

from navi.cli import main
from navi.domain.planner import plan_for
from navi.pdf import packet_forms
from tests.pdf.conftest import household
from tests.pdf.readback import page_text, pages


def write_facts(tmp_path, catalog, name: str):
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(catalog.households[name], ensure_ascii=False), encoding="utf-8")
    return path


def test_render_writes_every_form_in_counter_visiting_order(tmp_path, catalog):
    facts_file = write_facts(tmp_path, catalog, "multigen_moving_in")
    out = tmp_path / "packet.pdf"
    result = CliRunner().invoke(main, ["forms", "render", str(facts_file), "--out", str(out), "--today", "2027-04-01"])
    assert result.exit_code == 0, result.output
    facts = household(catalog, "multigen_moving_in")
    plan = plan_for(facts, catalog)
    forms = packet_forms(plan, catalog)
    print(f"\nvisit order {plan.visit_order}: {[f.id for f in forms]}")
    assert [f.id for f in forms] == ["jumin_idou", "kouki_idou", "inkan_toroku_shinsei", "kaigo_idou",
                                     "jido_teate_seikyu", "kodomo_iryo_shinsei"]
    assert result.output.strip() == f"{out}: {', '.join(f.id for f in forms)}"
    titles = [next((f.title.ja for f in forms if f.title.ja in page_text(p)), None) for p in pages(out.read_bytes())]
    # Six people on the five rows of the 住民異動届: its continuation sheet follows it.
    assert titles == ["住民異動届", "住民異動届", *[f.title.ja for f in forms[1:]]]
    assert "令和9年4月1日" in page_text(pages(out.read_bytes())[0])


def test_render_one_form(tmp_path, catalog):
    facts_file = write_facts(tmp_path, catalog, "family4_employee")
    out = tmp_path / "one.pdf"
    result = CliRunner().invoke(main, ["forms", "render", str(facts_file), "--out", str(out),
                                       "--form", "kodomo_iryo_shinsei"])
    assert result.exit_code == 0, result.output
    [page] = pages(out.read_bytes())
    assert "子ども医療費受給資格認定申請書" in page_text(page)


def test_bad_facts_exit_2_with_every_problem_path(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"event": "moving_in", "office": "chuo", "event_date": "2027-02-30",
                               "members": [{"id": "m1", "relation": "boss"}]}), encoding="utf-8")
    out = tmp_path / "never.pdf"
    result = CliRunner().invoke(main, ["forms", "render", str(bad), "--out", str(out)], env={"NAVI_LANG": "en"})
    assert result.exit_code == 2
    for path in ("$.event_date:", "$.members[0].relation:", "$.members[0].family_name:"):
        assert path in result.output
    assert not out.exists()


def test_a_plan_without_forms_says_so(tmp_path, catalog):
    facts_file = write_facts(tmp_path, catalog, "job_start_from_dependent")
    facts = household(catalog, "job_start_from_dependent")
    assert packet_forms(plan_for(facts, catalog), catalog) == [], "the example files no form"
    result = CliRunner().invoke(main, ["forms", "render", str(facts_file), "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert "no form" in result.output


def test_slip_command_writes_the_route_slip(tmp_path, catalog):
    facts_file = write_facts(tmp_path, catalog, "family4_employee")
    out = tmp_path / "slip.pdf"
    result = CliRunner().invoke(main, ["forms", "slip", str(facts_file), "--out", str(out), "--lang", "en",
                                       "--receipt", "B-207"])
    assert result.exit_code == 0, result.output
    text = page_text(pages(out.read_bytes())[0])
    assert "Routeslip" in text and "B-207" in text


def test_facts_without_an_address_print_and_say_which_boxes_stay_blank(tmp_path, catalog):
    data = dict(catalog.households["birth_national"])
    data.pop("address")
    facts_file = tmp_path / "no_address.json"
    facts_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "birth.pdf"
    result = CliRunner().invoke(main, ["forms", "render", str(facts_file), "--out", str(out), "--today", "2027-07-08"])
    assert result.exit_code == 0, result.output
    assert "shussei_todoke: 「住所」は入力されていないため空欄です" in result.stderr
    assert "岡田" in page_text(pages(out.read_bytes())[0])
