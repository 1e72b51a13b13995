"""Property tests: over generated schema-valid households the planner never raises, never repeats a
procedure, and lists only procedures whose condition holds for the members it names."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navi.domain.catalog.loader import load_catalog
from navi.domain.conditions import holds
from navi.domain.facts import CareLevel, HealthInsurance, Pension, Relation, Sex
from navi.domain.planner import context_for, plan_for
from navi.domain.validation import parse_facts

CATALOG = load_catalog()
# Event dates the household rules accept (navi.domain.household_rules: 10 years back, 2 years ahead).
TODAY = dt.date.today()
EVENT_DATE = st.dates(TODAY - dt.timedelta(days=3 * 365), TODAY + dt.timedelta(days=700))
IN_CITY = st.fixed_dictionaries({
    "postal_code": st.just("8600806"), "prefecture": st.just("熊本県"),
    "city": st.sampled_from(["熊本市中央区", "熊本市北区"]), "street": st.just("花畑町1-1"),
})
OUTSIDE = st.one_of(st.just({"postal_code": "8120011", "prefecture": "福岡県", "city": "福岡市博多区",
                             "street": "博多駅前1-1-1"}), st.just({"country": "US", "street": "1 Main St"}))
# A move's addresses fit its event (転入: from outside; 転出: to outside; 転居: both inside the city).
MOVES = {"moving_in": (OUTSIDE, IN_CITY), "moving_out": (IN_CITY, OUTSIDE), "moving_within": (IN_CITY, IN_CITY)}


def values(enum):
    return st.sampled_from([item.value for item in enum])


@st.composite
def member(draw, index, event_date):
    birth = draw(st.dates(dt.date(1915, 1, 1), event_date))
    return {
        "id": f"m{index}",
        "relation": "head" if index == 1 else draw(values(Relation).filter(lambda r: r != "head")),
        "family_name": "熊本", "given_name": f"名{index}", "family_name_kana": "クマモト", "given_name_kana": "ナ",
        "birth_date": birth.isoformat(), "sex": draw(values(Sex)),
        "nationality": draw(st.sampled_from(["JP", "JP", "VN"])),
        "health_insurance": draw(values(HealthInsurance)), "pension": draw(values(Pension)),
        "has_my_number_card": draw(st.booleans()), "care_level": draw(values(CareLevel)),
        "disability_handbook": draw(st.booleans()), "moving": draw(st.booleans()),
    }


def answer_for(question):
    if question.kind == "yes_no":
        base = st.booleans()
    elif question.kind == "choice":
        base = st.sampled_from([c.value for c in question.choices])
    elif question.kind == "number":
        base = st.integers(0, 10)
    else:
        base = st.text("あいうアイウ", min_size=1, max_size=10)
    return st.one_of(base, st.none()) if question.allow_unknown else base


@st.composite
def household(draw):
    event = draw(st.sampled_from(CATALOG.events))
    event_date = draw(EVENT_DATE)
    members = [draw(member(i, event_date)) for i in range(1, draw(st.integers(1, 7)) + 1)]
    if event.concerned == "moving":
        members[0]["moving"] = True
    if event.concerned == "subject":
        subject = draw(st.integers(0, len(members) - 1))
        members[subject]["subject"] = True
        if event.id == "birth":
            members[subject]["birth_date"] = event_date.isoformat()
    facts = {"event": event.id, "event_date": event_date.isoformat(),
             "office": draw(st.sampled_from([o.id for o in CATALOG.offices])), "members": members}
    if event.id in MOVES:
        facts["from_address"], facts["to_address"] = (draw(part) for part in MOVES[event.id])
    elif draw(st.booleans()):
        facts["address"] = draw(IN_CITY)  # optional: planning never needs it
    questions = [q for q in CATALOG.questions if event.id in q.events]
    facts["answers"] = {q.id: draw(answer_for(q)) for q in questions if draw(st.booleans())}
    return facts


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(household())
def test_planner_invariants(data):
    facts = parse_facts(data, CATALOG)
    plan = plan_for(facts, CATALOG)
    listed = [p.id for p in plan.procedures] + [d.id for p in plan.procedures for d in p.deemed]
    assert len(listed) == len(set(listed))
    ctx = context_for(facts, CATALOG)
    for item in plan.procedures:
        procedure = CATALOG.procedure(item.id)
        assert facts.event in procedure.events
        assert item.members
        if procedure.scope == "member":
            assert all(holds(procedure.condition, ctx, facts.member(m)) for m in item.members)
        else:
            assert holds(procedure.condition, ctx)
    assert len(plan.visit_order) == len(set(plan.visit_order))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(household())
def test_no_plan_ever_shows_a_due_date_on_a_closed_day(data):
    facts = parse_facts(data, CATALOG, today=dt.date.fromisoformat(data["event_date"]))
    plan = plan_for(facts, CATALOG)
    kind = CATALOG.office(facts.office).kind
    for item in plan.procedures:
        if item.due_date is not None:
            assert CATALOG.calendar.is_open(dt.date.fromisoformat(item.due_date), kind), (item.id, item.due_date)
