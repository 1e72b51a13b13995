"""The interview's fast relevance checks (only procedures whose conditions read the fact) decide exactly as
evaluating every procedure would, for every example household of the catalog."""

import pytest

from navi.domain import interview
from navi.domain.catalog.loader import load_catalog
from navi.domain.validation import parse_facts

CATALOG = load_catalog()
HOUSEHOLDS = sorted(CATALOG.households)


def every_procedure_members(facts, fact: str) -> tuple[str, ...]:
    """relevant_members the slow way: the whole plan's signature for every value of the fact."""
    base = interview.signature(facts, CATALOG)
    printed_facts = interview.form_facts(facts, CATALOG)
    printed = printed_facts.get(fact, set()) | (printed_facts.get("nationality", set()) if fact == "foreign" else set())
    chosen = []
    for member in facts.members:
        values = interview.plausible_values(fact, member, facts.event_date)
        if len(values) < 2:
            continue
        changed = (interview.signature(interview._with_member(facts, interview._member_with(member, fact, value)),
                                       CATALOG) != base for value in values)
        if member.id in printed or any(changed):
            chosen.append(member.id)
    return tuple(chosen)


def every_procedure_question(facts, question) -> bool:
    """question_matters the slow way."""
    if question.kind in ("number", "text"):
        return True
    values = [c.value for c in question.choices] if question.kind == "choice" else [True, False]
    signatures = {interview.signature(facts.model_copy(update={"answers": {**facts.answers, question.id: v}}),
                                      CATALOG) for v in [*values, None]}
    return len(signatures) > 1


@pytest.mark.parametrize("household", HOUSEHOLDS)
def test_fast_relevance_matches_evaluating_every_procedure(household):
    facts = parse_facts(CATALOG.households[household], CATALOG)
    for fact in interview.ATTRIBUTES:
        assert interview.relevant_members(facts, CATALOG, fact) == every_procedure_members(facts, fact), fact
    context = interview.context_for(facts, CATALOG)
    for question in CATALOG.questions:
        if facts.event not in question.events:
            continue
        if question.ask_when is not None and not interview.holds(question.ask_when, context):
            continue
        assert interview.question_matters(facts, CATALOG, question.id) == every_procedure_question(facts, question)


def test_the_readers_of_a_fact_are_the_procedures_whose_conditions_name_it():
    readers = interview.readers(CATALOG, "moving_in", "health_insurance")
    assert readers, "some moving-in procedure depends on the health insurance"
    assert all("health_insurance" in interview.condition_facts(p.condition) for p in readers)
    assert {p.id for p in readers} >= {"kokuho_join"}
    care = {p.id for p in interview.readers(CATALOG, "moving_in", "care_level")}
    assert care == {p.id for p in CATALOG.procedures if "moving_in" in p.events
                    and {"care_level", "care_certified"} & interview.condition_facts(p.condition)}
