"""Who files (届出人) and who claims (請求者): when the wizard must ask, whom it offers, what the forms print,
and the household rule that the deceased never files or claims."""

import copy

import pytest

from navi.domain import prefill
from navi.domain.catalog.loader import load_catalog
from navi.domain.filers import possible_notifiers, who_questions
from navi.domain.validation import FactsInvalid, parse_example

CATALOG = load_catalog()


def household(name: str, **changes):
    """A catalog example household as facts, with top-level changes (who files, who claims) applied."""
    return parse_example({**copy.deepcopy(CATALOG.households[name]), **changes}, CATALOG)


def test_a_family_of_four_moving_in_is_asked_who_files_and_which_parent_claims():
    asked = who_questions(household("family4_employee"), CATALOG)
    assert asked.notifier == ("m1", "m2")  # the children are not offered: under the filing age
    assert asked.claimant == ("m1", "m2")
    assert asked.claim_form.id == "jido_teate_seikyu"
    assert "児童手当法 第4条" in asked.claim_form.claimant.reference


def test_one_adult_is_never_asked_who_files():
    asked = who_questions(household("birth_single_mother_national"), CATALOG)
    assert (asked.notifier, asked.claimant) == ((), ())


def test_nobody_is_asked_who_files_when_no_form_of_the_plan_prints_the_notifier():
    facts = household("job_end_dependent_of_spouse")
    assert len(possible_notifiers(facts, CATALOG)) == 2
    assert who_questions(facts, CATALOG).notifier == ()


def test_the_claimant_is_asked_only_with_the_claim_form_and_two_parents():
    assert who_questions(household("birth_employee_second"), CATALOG).claimant == ()  # 額改定: another form
    assert who_questions(household("public_servant_moving_in"), CATALOG).claimant == ()  # claims at work
    assert who_questions(household("divorce_with_children"), CATALOG).claimant == ()  # no longer a couple


def test_a_parent_staying_behind_is_offered_neither_to_file_nor_to_claim_a_move_in():
    data = copy.deepcopy(CATALOG.households["family4_employee"])
    data["members"][0]["moving"] = False
    asked = who_questions(parse_example(data, CATALOG), CATALOG)
    assert (asked.notifier, asked.claimant) == ((), ())
    facts = parse_example(data, CATALOG)
    assert prefill.fill("claimant.full_name", facts) == "熊本\u3000花子"  # the parent who lives here claims


@pytest.mark.parametrize(("age_on_event_day", "offered"), [(17, False), (18, True)])
def test_the_filing_age_is_a_catalog_parameter_of_18_by_default(age_on_event_day, offered):
    data = copy.deepcopy(CATALOG.households["family4_employee"])
    data["members"][2]["birth_date"] = f"{2027 - age_on_event_day}-04-02"  # legal age: the day before
    facts = parse_example(data, CATALOG)
    assert CATALOG.info.parameters["filer_min_age"] == 18
    assert ("m3" in possible_notifiers(facts, CATALOG)) is offered


def test_the_deceased_is_never_offered_to_file():
    facts = household("death_grandmother_kouki")
    deceased = next(m.id for m in facts.members if m.subject)
    assert deceased not in who_questions(facts, CATALOG).notifier
    assert len(who_questions(facts, CATALOG).notifier) > 1


@pytest.mark.parametrize(("role", "code"), [("notifier", "deceased_cannot_file"),
                                            ("claimant", "deceased_cannot_claim")])
def test_the_deceased_filing_or_claiming_is_refused_by_the_household_rules(role, code):
    deceased = next(m["id"] for m in CATALOG.households["death_head_family"]["members"] if m.get("subject"))
    with pytest.raises(FactsInvalid) as refused:
        household("death_head_family", **{role: deceased})
    assert [(p.path, p.code) for p in refused.value.problems] == [(f"$.{role}", code)]


def test_who_files_must_be_a_member_of_the_household():
    with pytest.raises(FactsInvalid) as refused:
        household("family4_employee", notifier="m9")
    assert [(p.path, p.code, p.params) for p in refused.value.problems] == [
        ("$.notifier", "unknown_member", {"value": "m9"})]


def test_without_a_choice_the_head_files_and_claims_as_before():
    facts = household("family4_employee")
    assert (facts.notifier, facts.claimant) == (None, None)
    assert prefill.fill("notifier.full_name", facts) == "熊本\u3000太郎"
    assert prefill.fill("claimant.full_name", facts) == "熊本\u3000太郎"
    assert prefill.fill("claimant.spouse.full_name", facts) == "熊本\u3000花子"


def test_the_spouse_chosen_files_and_claims_with_the_head_as_spouse():
    facts = household("family4_employee", notifier="m2", claimant="m2")
    assert prefill.fill("notifier.full_name", facts) == "熊本\u3000花子"
    assert prefill.fill("notifier.relation", facts) == "spouse"
    assert prefill.fill("claimant.full_name", facts) == "熊本\u3000花子"
    assert prefill.fill("claimant.pension_scheme", facts) == "category3"
    assert prefill.fill("claimant.spouse.full_name", facts) == "熊本\u3000太郎"


def test_living_together_follows_the_claimant():
    data = copy.deepcopy(CATALOG.households["family4_employee"])
    data["members"][0]["moving"] = False  # the head stays behind; the spouse claims for the children here
    facts = parse_example({**data, "claimant": "m2"}, CATALOG)
    children = [m for m in facts.members if m.relation.value == "child"]
    assert [prefill.fill("member.living_together", facts, m) for m in children] == [True, True]
    head_claims = parse_example({**data, "claimant": "m1"}, CATALOG)
    assert [prefill.fill("member.living_together", head_claims, m) for m in children] == [False, False]


def test_a_grandparent_filing_leaves_the_claim_to_the_parent():
    facts = household("multigen_moving_in", notifier="m3")
    assert prefill.fill("notifier.full_name", facts).endswith("節子")
    assert prefill.notifier(facts).id == "m3" and prefill.claimant(facts).id == "m1"


def test_the_rule_reads_malformed_members_without_failing():
    from navi.domain.household_rules import filer_problems

    data = {"event": "death", "notifier": "m1", "members": [{"id": ["m1"]}, "m1", {"id": "m2", "subject": True}]}
    assert [p.code for p in filer_problems(data)] == ["unknown_member"]
    assert [p.code for p in filer_problems({"claimant": "m2", "members": 7})] == ["unknown_member"]
