"""The wizard's interview: which steps to ask, in which order, and only those that can change the plan.

A draft (navi.domain.steps.Draft) holds the facts document being built. A question is asked only when some
answer to it would change the plan (procedures and the members they concern) or fill a field of a form the plan
uses: everything else is never asked (WCAG 3.3.7).
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from collections import OrderedDict
from typing import Any

from pydantic import ValidationError

from navi.domain.catalog.model import AllOf, AnyOf, Catalog, Condition, Leaf, NotOf, Procedure, SomeMember
from navi.domain.conditions import holds
from navi.domain.dates import legal_age
from navi.domain.derived import derived_value, with_derived
from navi.domain.facts import CareLevel, Facts, HealthInsurance, Member, Pension
from navi.domain.page_groups import answered, question_steps, shared_flags
from navi.domain.planner import context_for, matching_members
from navi.domain.steps import Draft, Step

# Member attributes asked household-wide, in the order that lets earlier answers decide later relevance.
ATTRIBUTES: dict[str, tuple[Any, ...]] = {
    "foreign": (False, True),
    "has_my_number_card": (False, True),
    "health_insurance": tuple(item.value for item in HealthInsurance),
    "pension": tuple(item.value for item in Pension),
    "care_level": tuple(item.value for item in CareLevel),
    "disability_handbook": (False, True),
}
FOREIGN_FIELDS = ("nationality", "residence_status", "residence_card_number", "period_of_stay_until")
PLACEHOLDER_NAME = "仮"
MAX_MEMBERS = 12


# The addresses an event may place abroad (where one moves in from, or out to); every other address of an
# event is in the city (a 転入 lands here), so its country is never asked.
ABROAD_POSSIBLE = {("moving_in", "from_address"), ("moving_out", "to_address")}


def country_is_asked(event_id: str, address: str) -> bool:
    """Whether the address page asks the country (False: the event fixes it as Japan)."""
    return (event_id, address) in ABROAD_POSSIBLE


def phone_address(catalog: Catalog, event_id: str) -> str | None:
    """The address page that also asks a daytime phone number (the household's last address), or None
    when no form has a box for one."""
    if "phone" not in {f.source.split(".")[-1] for form in catalog.forms for f in form.fields}:
        return None
    addresses = catalog.event(event_id).addresses
    return addresses[-1] if addresses else None


def member_template(index: int) -> dict[str, Any]:
    """A new member entry with the facts model's defaults."""
    return {"id": f"m{index + 1}", "moving": True}


def draft_facts(draft: dict[str, Any], catalog: Catalog) -> Facts | None:
    """The draft as Facts with placeholders for what is not asked yet, or None if it can't be built yet."""
    if not draft.get("event") or not draft.get("event_date") or not draft.get("members"):
        return None
    data = {key: copy.deepcopy(draft[key]) for key in ("event", "event_date", "office") if key in draft}
    event = catalog.event(draft["event"])
    for address in event.addresses:
        data[address] = draft.get(address) or {}
    data["answers"] = dict(draft.get("answers", {}))
    members = []
    for member in draft["members"]:
        filled = {"relation": "other", "family_name": PLACEHOLDER_NAME, "sex": "female",
                  "birth_date": draft["event_date"], **member}
        filled = with_derived(filled, dt.date.fromisoformat(draft["event_date"]))
        filled.pop("foreign", None)
        if member.get("foreign") and filled.get("nationality", "JP") == "JP":
            filled["nationality"] = "ZZ"  # unknown foreign nationality until the details page
        members.append(filled)
    data["members"] = members
    try:
        return Facts.model_validate(data)
    except ValidationError:
        return None


def signature(facts: Facts, catalog: Catalog, procedures: tuple[Procedure, ...] | None = None) -> frozenset:
    """What an answer can change: which procedures apply, each with the members it concerns
    (of `procedures` only, when given: those whose conditions read the fact being asked about)."""
    ctx = context_for(facts, catalog)
    items = set()
    for procedure in catalog.procedures if procedures is None else procedures:
        members = matching_members(procedure, facts, ctx)
        if members is not None:
            items.add((procedure.id, tuple(m.id for m in members)))
    return frozenset(items)


# Which condition facts a member attribute the wizard asks about feeds (directly or through a derived fact).
READS = {"foreign": ("foreign", "nationality"), "care_level": ("care_level", "care_certified")}
_readers: dict[tuple[str, str, str], tuple[Procedure, ...]] = {}


def condition_facts(condition: Condition | None) -> set[str]:
    """Every fact name a condition reads (`answer.<id>` for answers)."""
    if condition is None:
        return set()
    if isinstance(condition, Leaf):
        return {condition.fact}
    if isinstance(condition, AllOf | AnyOf):
        parts = condition.all if isinstance(condition, AllOf) else condition.any
        return set().union(*(condition_facts(part) for part in parts))
    if isinstance(condition, NotOf):
        return condition_facts(condition.not_)
    if isinstance(condition, SomeMember):
        return condition_facts(condition.some_member)
    return condition_facts(condition.count_members)


def readers(catalog: Catalog, event: str, fact: str) -> tuple[Procedure, ...]:
    """The event's procedures whose conditions read `fact` (an attribute or `answer.<id>`): no other
    procedure's outcome can change with it, so relevance checks evaluate only these (cached per catalog
    version: catalog data, never a resident's)."""
    key = (catalog.version, event, fact)
    found = _readers.get(key)
    if found is None:
        names = set(READS.get(fact, (fact,)))
        found = _readers[key] = tuple(p for p in catalog.procedures
                                      if event in p.events and names & condition_facts(p.condition))
    return found


def form_facts(facts: Facts, catalog: Catalog, base: frozenset | None = None) -> dict[str, set[str]]:
    """Member facts printed on the forms this household's plan uses, each with the members whose rows print
    it (those must be asked even if no procedure depends on them; nobody else is asked for a form)."""
    procedures = {p.id: p for p in catalog.procedures}
    forms = {f.id: f for f in catalog.forms}
    printed: dict[str, set[str]] = {}
    for procedure_id, member_ids in base if base is not None else signature(facts, catalog):
        for form_id in procedures[procedure_id].forms:
            for form_field in forms[form_id].fields if form_id in forms else ():
                if form_field.source.startswith("member."):
                    printed.setdefault(form_field.source.split(".", 1)[1], set()).update(member_ids)
    return printed


def _member_with(member: Member, fact: str, value: Any) -> Member:
    """The member with another value of an asked attribute (not Japanese: an unknown foreign nationality)."""
    if fact == "foreign":
        return member.model_copy(update={"nationality": "ZZ" if value else "JP"})
    return member.model_copy(update={fact: value})


def _with_member(facts: Facts, changed: Member) -> Facts:
    """The household with `changed` in place of the member of its id."""
    return facts.model_copy(update={"members": [changed if m.id == changed.id else m for m in facts.members]})


# Below these legal ages only the first value is possible: no pension before 20 (国民年金 starts at 20),
# no care certification before 40 (介護保険 covers from 40).
MINIMUM_AGE = {"pension": 20, "care_level": 40}


def plausible_values(fact: str, member: Member, on: dt.date) -> tuple[Any, ...]:
    """The values of `fact` that a member of this age (and these other answers) can have."""
    values = ATTRIBUTES[fact]
    if fact in ("health_insurance", "pension"):
        decided = derived_value(fact, member.model_dump(mode="json"), on)
        if decided is not None:
            return (decided,)
    if fact in MINIMUM_AGE and legal_age(member.birth_date, on) < MINIMUM_AGE[fact]:
        return values[-1:] if fact == "pension" else values[:1]
    return values


def relevant_members(
    facts: Facts, catalog: Catalog, fact: str, printed_facts: dict[str, set[str]] | None = None
) -> tuple[str, ...]:
    """Members for whom some value of `fact` changes the plan (or who appear on a form printing it)."""
    if printed_facts is None:
        printed_facts = form_facts(facts, catalog)
    printed = printed_facts.get(fact, set()) | (printed_facts.get("nationality", set()) if fact == "foreign" else set())
    affected = readers(catalog, facts.event, fact)
    rest = any(m.id not in printed for m in facts.members)
    base = signature(facts, catalog, affected) if affected and rest else frozenset()
    chosen = []
    for member in facts.members:
        values = plausible_values(fact, member, facts.event_date)
        if len(values) < 2:
            continue
        if member.id in printed:
            chosen.append(member.id)
            continue
        for value in values if affected else ():
            changed = _member_with(member, fact, value)
            if changed == member:  # the member's own answer: the household is the one `base` was made of
                continue
            if signature(_with_member(facts, changed), catalog, affected) != base:
                chosen.append(member.id)
                break
    return tuple(chosen)


def question_matters(facts: Facts, catalog: Catalog, question_id: str) -> bool:
    """Whether an event question must be asked: its ask_when holds and some answer changes the plan."""
    question = next(q for q in catalog.questions if q.id == question_id)
    if question.ask_when is not None and not holds(question.ask_when, context_for(facts, catalog)):
        return False
    values: list[Any] = [c.value for c in question.choices] if question.kind == "choice" else [True, False]
    if question.kind in ("number", "text"):
        return True
    affected = readers(catalog, facts.event, f"answer.{question.id}")
    if not affected:
        return False
    signatures = {
        signature(facts.model_copy(update={"answers": {**facts.answers, question.id: v}}), catalog, affected)
        for v in [*values, None]
    }
    return len(signatures) > 1


_CACHE_SIZE = 512
_cache: OrderedDict[tuple[str, bool, str], list[Step]] = OrderedDict()


def steps(draft: Draft, catalog: Catalog, *, ask_office: bool) -> list[Step]:
    """Every page of the interview for this draft, in order (later pages appear as answers arrive)."""
    # Pure in (draft, catalog version): remember recent results, since each answer is looked at twice
    # (the POST and the page it redirects to). Keyed by a digest and holding only step and member ids,
    # so no resident's data stays in memory after their session.
    text = json.dumps(draft.to_data(), sort_keys=True, ensure_ascii=False)
    key = (catalog.version, ask_office, hashlib.sha256(text.encode("utf-8")).hexdigest())
    found = _cache.get(key)
    if found is None:
        found = _cache[key] = _steps(draft, catalog, ask_office=ask_office)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return list(found)


def _steps(draft: Draft, catalog: Catalog, *, ask_office: bool) -> list[Step]:
    answers = draft.facts
    result = [Step("event")]
    if ask_office:
        result.append(Step("office"))
    if not answers.get("event"):
        return result
    event = catalog.event(answers["event"])
    result.append(Step("date"))
    result += [Step("address", name) for name in event.addresses]
    result.append(Step("count"))
    result += [Step("person", str(i)) for i in range(len(answers.get("members", [])))]
    facts = draft_facts(answers, catalog) if _people_done(draft) else None
    if facts is None:
        return result
    everyone = tuple(m.id for m in facts.members)
    if event.concerned == "moving" and len(everyone) > 1:
        result.append(Step("moving", members=everyone))
    if event.concerned == "subject" and len(everyone) > 1:
        result.append(Step("subject", members=everyone))
    printed = form_facts(facts, catalog)
    for fact in ATTRIBUTES:
        members = relevant_members(facts, catalog, fact, printed)
        if members:
            result.append(Step("attr", fact, members))
        if fact == "foreign":
            result += [Step("foreign", m["id"], (m["id"],)) for m in answers["members"] if m.get("foreign")]
    result = shared_flags(result, {fact for fact, values in ATTRIBUTES.items() if values == (False, True)})
    asked = [q for q in catalog.questions if answers["event"] in q.events and question_matters(facts, catalog, q.id)]
    result += question_steps(asked, {q.id: condition_facts(q.ask_when) for q in asked})
    result.append(Step("check"))
    return result


def _people_done(draft: Draft) -> bool:
    members = draft.facts.get("members", [])
    return bool(members) and all(f"person-{i}" in draft.done for i in range(len(members)))


def next_step(draft: Draft, pages: list[Step]) -> Step:
    """The first of `pages` (this draft's steps) not yet answered; the check page once everything is."""
    for step in pages:
        if not answered(step, draft.done) or step.id == "check":
            return step
    return Step("check")


def complete_facts(draft: dict[str, Any], catalog: Catalog) -> dict[str, Any]:
    """The facts document the draft stands for (what the QR code carries and the planner reads)."""
    event = catalog.event(draft["event"])
    facts = {key: draft[key] for key in ("event", "event_date", "office")}
    for address in event.addresses:
        facts[address] = draft.get(address)
    members = []
    on = dt.date.fromisoformat(draft["event_date"])
    ids = {member["id"] for member in draft["members"]}
    # Who files and who claims, when asked (a choice naming someone no longer listed is dropped).
    facts |= {role: draft[role] for role in ("notifier", "claimant") if draft.get(role) in ids}
    # The daytime phone is the one filing's: their boxes print it.
    phoned = facts.get("notifier") or next((m["id"] for m in draft["members"] if m.get("relation") == "head"), None)
    for member in draft["members"]:
        entry = {k: v for k, v in with_derived(member, on).items() if k != "foreign"}
        if event.concerned != "moving":
            entry.pop("moving", None)
        if draft.get("phone") and entry["id"] == phoned:
            entry["phone"] = draft["phone"]
        members.append(entry)
    if event.concerned == "moving" and len(members) == 1:
        members[0]["moving"] = True
    if event.concerned == "subject" and len(members) == 1:
        members[0]["subject"] = True
    facts["members"] = members
    facts["answers"] = dict(draft.get("answers", {}))
    return facts



