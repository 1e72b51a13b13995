"""The planner: household facts + a catalog version + the office → every procedure the event needs.

Pure and deterministic: the counter re-runs it on decoded facts, so kiosk and counter always agree for the
same catalog version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from navi.domain.catalog.model import Catalog, Procedure
from navi.domain.conditions import Context, holds
from navi.domain.dates import add_days, birthday_age, shift_days
from navi.domain.facts import Facts, Member
from navi.domain.open_questions import OpenQuestion, open_questions


@dataclass
class DeemedFiling:
    """A procedure that the main procedure's form already files (みなし届出)."""

    id: str
    title: str
    members: list[str]


@dataclass
class PlannedProcedure:
    """One procedure in a plan, with everything the resident needs to do it."""

    id: str
    title: str
    counter: str
    office_available: bool
    members: list[str]
    reasons: list[str]
    due_date: str | None
    documents: list[str]
    forms: list[str]
    counter_id: str = ""
    go_to_office: str | None = None
    opens_date: str | None = None
    automatic: bool = False
    notes: str | None = None
    deemed: list[DeemedFiling] = field(default_factory=list)
    elsewhere: str | None = None
    optional: bool = False
    reference: str = ""


@dataclass
class Plan:
    """What the household must do, in visiting order (design.md §4)."""

    catalog_version: str
    event: str
    office: str
    procedures: list[PlannedProcedure]
    visit_order: list[str]
    open_questions: list[OpenQuestion] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The plan as the JSON document of design.md §4."""
        return _plain(self)

    def procedure(self, procedure_id: str) -> PlannedProcedure | None:
        """The planned procedure with this id, if the plan lists it on its own."""
        return next((p for p in self.procedures if p.id == procedure_id), None)


def _plain(value: Any) -> Any:
    """Dataclasses as dicts, lists and tuples copied, as `dataclasses.asdict` gives them without its deep copy of
    every string and number (a fifth of a scan's plan work)."""
    if value is None or isinstance(value, str | int | float):  # most of a plan: tried first
        return value
    if isinstance(value, list | tuple):
        return type(value)(_plain(item) for item in value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value


def concerned_members(facts: Facts, catalog: Catalog) -> list[Member]:
    """The members the event is about: moving members, the subject, or everyone."""
    event = catalog.event(facts.event)
    if event.concerned == "moving":
        chosen = [m for m in facts.members if m.moving]
    elif event.concerned == "subject":
        chosen = [m for m in facts.members if m.subject]
    else:
        chosen = list(facts.members)
    return chosen or list(facts.members)


def context_for(facts: Facts, catalog: Catalog) -> Context:
    """The evaluation context of a household for this catalog."""
    office = catalog.office(facts.office)
    concerned = frozenset(m.id for m in concerned_members(facts, catalog))
    # Parameters as in force on the event date (児童手当 covered 高校生年代 only from 2024-10-01).
    return Context(facts, catalog.info.parameters_on(facts.event_date), office.kind, concerned)


def matching_members(procedure: Procedure, facts: Facts, ctx: Context) -> list[Member] | None:
    """The members a procedure concerns, or None when it does not apply to this household."""
    if facts.event not in procedure.events:
        return None
    if procedure.effective is not None and not procedure.effective.covers(facts.event_date):
        return None
    if procedure.scope == "member":
        members = [m for m in facts.members if holds(procedure.condition, ctx, m)]
        return members or None
    if not holds(procedure.condition, ctx):
        return None
    return [m for m in facts.members if m.id in ctx.concerned_ids]


def plan_for(facts: Facts, catalog: Catalog, lang: str = "ja") -> Plan:
    """The complete plan for a household, with texts in `lang`."""
    ctx = context_for(facts, catalog)
    found: dict[str, tuple[Procedure, list[Member]]] = {}
    for procedure in catalog.procedures:
        members = matching_members(procedure, facts, ctx)
        if members is not None:
            found[procedure.id] = (procedure, members)

    planned: dict[str, PlannedProcedure] = {}
    for procedure, members in found.values():
        if procedure.deemed_with in found:
            continue
        planned[procedure.id] = _planned(procedure, members, facts, catalog, ctx, lang)
    for procedure, members in found.values():
        if procedure.deemed_with in found:
            main = planned[_deemed_root(procedure.deemed_with, found)]
            main.deemed.append(DeemedFiling(procedure.id, procedure.title.get(lang), [m.id for m in members]))

    order = {c.id: c.order for c in catalog.counters}
    position = {p.id: i for i, p in enumerate(catalog.procedures)}
    ordered = sorted(planned.values(),
                     key=lambda p: (p.automatic, p.elsewhere is not None, order[p.counter_id], position[p.id]))
    visit_order: list[str] = []
    for item in ordered:
        here = not item.automatic and item.elsewhere is None and item.office_available
        if here and item.counter not in visit_order:
            visit_order.append(item.counter)
    asked = open_questions(ctx, catalog, set(found), _applies, lang)
    return Plan(catalog.version, facts.event, facts.office, ordered, visit_order, asked)


def _applies(procedure: Procedure, ctx: Context) -> bool:
    return matching_members(procedure, ctx.facts, ctx) is not None


def _deemed_root(procedure_id: str, found: dict[str, tuple[Procedure, list[Member]]]) -> str:
    """Follow deemed_with links to the procedure actually filed."""
    seen = set()
    while found[procedure_id][0].deemed_with in found and procedure_id not in seen:
        seen.add(procedure_id)
        procedure_id = found[procedure_id][0].deemed_with
    return procedure_id


def _planned(procedure: Procedure, members: list[Member], facts: Facts, catalog: Catalog, ctx: Context,
             lang: str) -> PlannedProcedure:
    office = catalog.office(facts.office)
    available = office.kind in procedure.available_at or office.id in procedure.available_at
    available = available and procedure.counter in office.counters
    counter = catalog.counter(procedure.counter)
    due, opens = _dates(procedure, facts.event_date, catalog, office.kind)
    documents = {d.id: d.name.get(lang) for d in catalog.documents}
    wanted = [d for d in procedure.documents
              if d not in procedure.documents_when or holds(procedure.documents_when[d], ctx)]
    notes = procedure.notes if procedure.notes_when is None or holds(procedure.notes_when, ctx) else None
    return PlannedProcedure(
        id=procedure.id,
        title=procedure.title.get(lang),
        counter=counter.name.get(lang),
        counter_id=counter.id,
        office_available=available,
        go_to_office=None if available else _fallback_office(office, procedure, catalog, lang),
        members=[m.id for m in members],
        reasons=[_reason(procedure, m, facts, catalog, lang) for m in members],
        due_date=due,
        opens_date=opens,
        documents=[documents[d] for d in wanted],
        forms=list(procedure.forms),
        automatic=procedure.automatic,
        notes=notes.get(lang) if notes else None,
        elsewhere=procedure.elsewhere.get(lang) if procedure.elsewhere else None,
        optional=procedure.optional,
        reference=procedure.reference,
    )


def _dates(procedure: Procedure, event_date: dt.date, catalog: Catalog, office_kind: str):
    """The due date (moved off closed days, 地方自治法 第4条の2 第4項) and the first day it can be filed."""
    rule = procedure.deadline
    if rule is None:
        return None, None
    due = add_days(event_date, rule.days, include_first_day=rule.include_first_day)
    due = catalog.calendar.next_open_day(due, office_kind)
    opens = None
    if rule.opens_days_before is not None:
        opens = shift_days(event_date, -rule.opens_days_before).isoformat()
    return due.isoformat(), opens


def _fallback_office(office, procedure: Procedure, catalog: Catalog, lang: str) -> str | None:
    """Where to go for a procedure this office can't do: the branch's ward office, else any ward office."""
    candidates = [catalog.office(office.ward)] if office.ward else []
    candidates += [o for o in catalog.offices if o.kind == "ward"]
    for candidate in candidates:
        if procedure.counter in candidate.counters and (
            candidate.kind in procedure.available_at or candidate.id in procedure.available_at
        ):
            return candidate.name.get(lang)
    return None


def _reason(procedure: Procedure, member: Member, facts: Facts, catalog: Catalog, lang: str) -> str:
    name = member.given_name or member.family_name
    # Residents say their age by birthdays, so reasons do too.
    age = max(birthday_age(member.birth_date, facts.event_date), 0)
    template = catalog.info.reason_format.get(lang)
    return template.format(name=name, age=age, reason=procedure.reason.get(lang))
