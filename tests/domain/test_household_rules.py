"""The household rules every entry path shares: one head, moves that fit their addresses, sane dates,
several subjects where the event allows them, and facts without `address` that still plan."""

import copy
import datetime as dt

import pytest

from navi.domain import household_rules as rules
from navi.domain.catalog.loader import load_catalog
from navi.domain.planner import plan_for
from navi.domain.validation import FactsInvalid, parse_example, parse_facts

CATALOG = load_catalog()
EXAMPLE_DAY = dt.date(2027, 4, 1)


def household(name: str) -> dict:
    return copy.deepcopy(CATALOG.households[name])


def problems(data: dict) -> set[tuple[str, str]]:
    with pytest.raises(FactsInvalid) as error:
        parse_facts(data, CATALOG, today=EXAMPLE_DAY)
    return {(p.path, p.code) for p in error.value.problems}


def test_a_moving_in_from_kita_ward_to_chuo_ward_is_refused_as_a_moving_within():
    data = household("family4_national")
    data["from_address"] = {"postal_code": "8611234", "prefecture": "熊本県", "city": "熊本市北区", "street": "植木1-1"}
    with pytest.raises(FactsInvalid) as error:
        parse_facts(data, CATALOG, today=EXAMPLE_DAY)
    [problem] = error.value.problems
    assert (problem.path, problem.code, problem.params) == ("$.event", "wrong_event_for_addresses",
                                                            {"event": "moving_within"})


def test_swapped_addresses_and_a_moving_within_to_another_city_name_the_right_event():
    data = household("family4_national")
    data["from_address"], data["to_address"] = data["to_address"], data["from_address"]
    assert problems(data) == {("$.event", "addresses_swapped")}
    within = household("single_moving_within")
    within["to_address"] = {"postal_code": "8120011", "prefecture": "福岡県", "city": "福岡市博多区", "street": "1"}
    with pytest.raises(FactsInvalid) as error:
        parse_facts(within, CATALOG, today=dt.date.fromisoformat(within["event_date"]))
    assert [(p.code, p.params) for p in error.value.problems] == [("wrong_event_for_addresses",
                                                                   {"event": "moving_out"})]


def test_exactly_one_head():
    data = household("family4_national")
    data["members"][0]["relation"] = "spouse"
    assert problems(data) == {("$.members", "no_head")}
    data["members"][0]["relation"] = data["members"][1]["relation"] = "head"
    assert problems(data) == {("$.members", "several_heads")}


@pytest.mark.parametrize(("where", "path"), [
    (("event_date",), "$.event_date"),
    (("members", 0, "birth_date"), "$.members[0].birth_date"),
    (("members", 3, "period_of_stay_until"), "$.members[3].period_of_stay_until"),
])
def test_the_last_day_of_the_calendar_anywhere_is_one_clear_problem(where, path):
    data = household("family4_national")
    target = data
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = "9999-12-31"
    assert path in {p for p, _ in problems(data)}


def test_births_before_1900_and_events_far_from_today_are_refused():
    data = household("family4_national")
    data["members"][0]["birth_date"] = "1899-12-31"
    assert problems(data) == {("$.members[0].birth_date", "implausible_date")}
    assert rules.event_date_problems("2016-01-01", EXAMPLE_DAY)[0].code == "date_out_of_range"
    assert rules.event_date_problems("2029-04-01", EXAMPLE_DAY) == []
    assert rules.event_date_problems("2029-04-02", EXAMPLE_DAY)[0].params["latest"] == "2029-04-01"


def test_the_rules_are_callable_per_fact_for_the_wizard_and_the_counter():
    assert rules.birth_date_problems("1899-01-01", None, "birth")[0].code == "implausible_date"
    assert rules.head_problems([{"relation": "head"}]) == []
    assert rules.in_city({"city": "熊本市南区"}, CATALOG) is True
    assert rules.in_city({"country": "US", "city": "熊本市"}, CATALOG) is False
    assert rules.in_city({"city": ""}, CATALOG) is None


def test_twins_are_planned_for_both_babies():
    facts = parse_example(household("birth_twins_national"), CATALOG)
    plan = plan_for(facts, CATALOG)
    for procedure in ("shussei_todoke", "kokuho_join", "jido_teate_nintei", "kodomo_iryo"):
        assert plan.procedure(procedure).members == ["m3", "m4"], procedure
    assert plan.procedure("jido_teate_gakukaitei") is None  # first children: a first claim, not an increase


def test_several_subjects_only_where_the_event_allows_them():
    data = household("death_head_family")
    for member in data["members"][:2]:
        member["subject"] = True
    with pytest.raises(FactsInvalid) as error:
        parse_example(data, CATALOG)
    assert [p.code for p in error.value.problems] == ["one_subject_needed"]
    couple = household("job_end_voluntary")
    for member in couple["members"]:
        member["subject"] = member["relation"] in ("head", "spouse")
    assert len([m for m in parse_example(couple, CATALOG).members if m.subject]) >= 1


def test_facts_without_an_address_plan():
    data = household("birth_national")
    del data["address"]
    plan = plan_for(parse_example(data, CATALOG), CATALOG)
    assert plan.procedure("shussei_todoke").members == ["m3"]
