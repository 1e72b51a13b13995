"""`navi plan`: JSON and text output, and bad input reported with JSON paths and exit 2."""

import json

import pytest

from navi.cli import main


@pytest.fixture
def family_file(tmp_path, catalog):
    path = tmp_path / "family.json"
    path.write_text(json.dumps(catalog.households["family4_employee"], ensure_ascii=False), encoding="utf-8")
    return path


def test_plan_json_follows_the_design_contract(runner, family_file):
    result = runner.invoke(main, ["plan", str(family_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    plan = json.loads(result.output)
    assert plan["event"] == "moving_in"
    assert len(plan["catalog_version"]) == 16
    first = plan["procedures"][0]
    for key in ("id", "title", "counter", "office_available", "members", "reasons", "due_date", "documents", "forms"):
        assert key in first
    assert plan["visit_order"][0] == "区民課"


def test_plan_text_is_readable_in_both_languages(runner, family_file):
    japanese = runner.invoke(main, ["plan", str(family_file), "--format", "text", "--lang", "ja"])
    assert japanese.exit_code == 0, japanese.output
    assert "■ 転入届  [区民課]" in japanese.output
    # Deadlines carry their weekday (2027-04-15 is a Thursday), so nobody comes back on a closed day.
    assert "期限: 令和9年4月15日（木） まで" in japanese.output
    english = runner.invoke(main, ["plan", str(family_file), "--format", "text", "--lang", "en"])
    assert "Due by: Thursday, April 15, 2027" in english.output
    assert "Taro (age 38)" in english.output or "太郎 (age 38)" in english.output


def test_plan_reads_stdin(runner, catalog):
    facts = json.dumps(catalog.households["family4_national"], ensure_ascii=False)
    result = runner.invoke(main, ["plan", "-"], input=facts)
    assert result.exit_code == 0
    assert json.loads(result.output)["procedures"]


def test_malformed_facts_list_every_problem_with_its_path(runner, tmp_path, catalog):
    facts = dict(catalog.households["family4_employee"])
    facts["event"] = "eloping"
    facts["members"] = [dict(m) for m in facts["members"]]
    facts["members"][0]["moving"] = "yes please"
    facts["members"][1]["birth_date"] = "1990-02-30"
    facts["members"][2]["birth_date"] = "2030-01-01"
    facts["members"][3]["relation"] = 7
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(main, ["plan", str(path), "--lang", "en"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert "$.event: The life event \"eloping\" is not in the catalog" in lines
    assert "$.members[0].moving: Wrong kind of value" in lines
    assert "$.members[1].birth_date: Enter a real date in the form YYYY-MM-DD" in lines
    assert "$.members[2].birth_date: The date of birth is after the date of the event" in lines
    assert any(line.startswith("$.members[3].relation: Use one of:") for line in lines)
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("content", "expected"),
    [("{not json", "$: JSONとして読めません（line 1, column 2"), ("[1, 2]", "$: 値の種類が違います")],
)
def test_unreadable_input_is_bad_input(runner, tmp_path, content, expected):
    path = tmp_path / "facts.json"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(main, ["plan", str(path), "--lang", "ja"])
    assert result.exit_code == 2
    assert result.output.startswith(expected)


def test_missing_file_is_bad_input(runner, tmp_path):
    result = runner.invoke(main, ["plan", str(tmp_path / "nope.json"), "--lang", "en"])
    assert result.exit_code == 2
    assert "nope.json\" not found" in result.output


def test_the_last_day_of_the_calendar_is_exit_2_with_its_path_never_a_traceback(runner, tmp_path, catalog):
    data = json.loads(json.dumps(catalog.households["birth_national"]))
    data["event_date"] = "9999-12-31"
    data["members"][2]["birth_date"] = "9999-12-31"
    path = tmp_path / "far.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(main, ["plan", str(path), "--lang", "ja"])
    assert result.exit_code == 2, result.output
    assert "$.event_date: 日付を確認してください" in result.stderr
    assert "Traceback" not in result.output


def test_facts_without_an_address_plan_with_exit_0(runner, tmp_path, catalog):
    data = json.loads(json.dumps(catalog.households["death_pensioner_kokuho"]))
    data.pop("address", None)
    path = tmp_path / "no_address.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(main, ["plan", str(path)])
    assert result.exit_code == 0, result.output
    assert "shibou_todoke" in {p["id"] for p in json.loads(result.stdout)["procedures"]}
