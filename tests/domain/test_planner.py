"""The planner on Kumamoto's catalog: the family-of-four acceptance cases, age edges, branch offices."""

import copy
import datetime as dt
from dataclasses import asdict

import pytest

from navi.domain.catalog.check import run_examples
from navi.domain.catalog.loader import load_catalog
from navi.domain.planner import plan_for
from navi.domain.validation import parse_facts

CATALOG = load_catalog()


def plan(household: dict, lang: str = "ja"):
    return plan_for(parse_facts(household, CATALOG), CATALOG, lang)


def listed(result) -> dict[str, list[str]]:
    """Procedure id → members, for procedures listed on their own."""
    return {p.id: p.members for p in result.procedures}


def test_employee_family_moving_in_gets_the_expected_procedures_and_no_national_insurance():
    result = listed(plan(CATALOG.households["family4_employee"]))
    assert result["tennyu_todoke"] == ["m1", "m2", "m3", "m4"]
    assert result["mynumber_continue"] == ["m1", "m2"]
    assert result["jido_teate_nintei"] == ["m3", "m4"]
    assert result["kodomo_iryo"] == ["m3", "m4"]
    assert result["tennyugaku"] == ["m3"]
    assert "kokuho_join" not in result


def test_self_employed_family_adds_national_insurance_and_pension_folded_into_the_moving_in():
    result = plan(CATALOG.households["family4_national"])
    assert listed(result)["kokuho_join"] == ["m1", "m2", "m3", "m4"]
    moving_in = result.procedure("tennyu_todoke")
    deemed = {d.id: d.members for d in moving_in.deemed}
    assert deemed["nenkin_address"] == ["m1", "m2"]
    assert "国民年金" in next(d.title for d in moving_in.deemed if d.id == "nenkin_address")
    assert "nenkin_address" not in listed(result)


def test_plan_has_reasons_due_dates_documents_and_visit_order():
    result = plan(CATALOG.households["family4_employee"])
    child = result.procedure("kodomo_iryo")
    assert child.reasons[1].startswith("桜さん（3歳）：")
    assert result.procedure("tennyu_todoke").due_date == "2027-04-15"
    assert result.procedure("tennyu_todoke").documents
    assert result.visit_order[0] == "区民課"
    assert len(result.visit_order) == len(set(result.visit_order))
    english = plan(CATALOG.households["family4_employee"], "en")
    assert english.procedure("kodomo_iryo").reasons[1].startswith("桜 (age 3): ")


def single_mover(birth: str, insurance: str = "national") -> dict:
    return {"event": "moving_in", "event_date": "2027-04-01", "office": "chuo",
            "from_address": {"prefecture": "福岡県", "city": "福岡市中央区", "street": "天神1-1"},
            "to_address": {"prefecture": "熊本県", "city": "熊本市中央区", "street": "花畑町1-1"},
            "members": [{"id": "m1", "relation": "head", "family_name": "試験", "birth_date": birth, "sex": "female",
                         "health_insurance": insurance, "pension": "pensioner", "moving": True}]}


def test_65th_birthday_the_day_after_the_move_is_already_65_for_care_insurance():
    assert "kaigo_join" in listed(plan(single_mover("1962-04-02")))
    assert "kaigo_join" not in listed(plan(single_mover("1962-04-03")))


def test_75th_birthday_the_day_after_the_move_is_not_yet_late_elderly_care():
    turning = listed(plan(single_mover("1952-04-02")))
    assert "kouki_join" not in turning
    assert "kokuho_join" in turning
    assert "kouki_join" in listed(plan(single_mover("1952-04-01", insurance="late_elderly")))


def test_a_branch_office_flags_what_it_cannot_do_with_the_ward_office_to_visit():
    household = copy.deepcopy(CATALOG.households["family4_employee"])
    household["office"] = "takuma"
    result = plan(household)
    allowance = result.procedure("jido_teate_nintei")
    assert allowance.office_available is False
    assert allowance.go_to_office == "東区役所"
    assert result.procedure("tennyu_todoke").office_available is True
    available_counters = {p.counter for p in result.procedures if p.office_available and not p.automatic}
    assert set(result.visit_order) == available_counters


def test_each_procedure_once_even_when_several_rules_reach_it():
    for name, household in CATALOG.households.items():
        result = plan(household)
        ids = [p.id for p in result.procedures] + [d.id for p in result.procedures for d in p.deemed]
        assert len(ids) == len(set(ids)), name


EXAMPLES = run_examples(CATALOG)


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e.procedure}-{'must' if e.expected else 'not'}-{e.household}"
                                                    for e in EXAMPLES])
def test_catalog_example(example):
    assert example.ok, example.detail


def test_every_procedure_has_two_must_and_one_must_not_examples():
    for procedure in CATALOG.procedures:
        assert len(procedure.examples.must) >= 2 and len(procedure.examples.must_not) >= 1, procedure.id
    assert len(CATALOG.procedures) >= 40
    assert {e.id for e in CATALOG.events} >= {"moving_in", "moving_out", "moving_within", "birth", "death",
                                              "marriage", "divorce", "job_start", "job_end"}
    assert len(CATALOG.forms) >= 10


def test_due_dates_follow_the_counting_rules():
    birth = listed(plan(CATALOG.households["birth_national"]))
    assert birth
    result = plan(CATALOG.households["birth_national"])
    day = dt.date.fromisoformat(CATALOG.households["birth_national"]["event_date"])
    assert result.procedure("shussei_todoke").due_date == (day + dt.timedelta(days=13)).isoformat()


@pytest.mark.parametrize("household", sorted(CATALOG.households))
def test_plan_document_is_what_asdict_makes_and_shares_nothing_with_the_plan(household):
    result = plan(copy.deepcopy(CATALOG.households[household]))
    document = result.to_dict()
    assert document == asdict(result)
    for procedure, listed_procedure in zip(document["procedures"], result.procedures, strict=True):
        procedure["forms"].append("changed")
        assert "changed" not in listed_procedure.forms
