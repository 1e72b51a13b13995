"""The office's own figures as they happen: a row of counts and times per case and per counter it visits.

The rows hold no personal data (office, event, counts, moments) and carry the case's id without a foreign
key, so `navi records purge` deletes the case and leaves its figures (they are kept past retention).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from navi.domain.catalog.model import Catalog
from navi.domain.facts import Facts
from navi.domain.planner import Plan
from navi.pdf.render import packet_forms
from navi.pdf.values import form_data
from navi.records.models import CaseFigure, CaseRecord, CounterFigure


def characters_filled(facts: Facts, catalog: Catalog, plan: Plan, today: dt.date) -> int:
    """Characters the plan's forms are filled with from the facts: what a clerk would otherwise type."""
    total = 0
    for form in packet_forms(plan, catalog):
        typed = {f.id for f in form.fields if f.source != "manual"}
        data = form_data(form, facts, catalog, plan, today)
        for values in (data.once, *data.rows):
            total += sum(len(value.text) for field_id, value in values.items() if field_id in typed)
    return total


def case_received(session: Session, case: CaseRecord, characters: int) -> None:
    """Count a new case and the counters it will visit (in the caller's transaction)."""
    session.add(CaseFigure(case_ref=case.id, received_at=case.received_at, office=case.office, event=case.event,
                           source=case.source, procedures=len(case.plan["procedures"]), characters=characters))
    for counter_id in dict.fromkeys(row.counter_id for row in case.procedures):
        session.add(CounterFigure(case_ref=case.id, counter_id=counter_id))


def _counter_row(session: Session, case_id: int, counter_id: str) -> CounterFigure | None:
    return session.scalar(select(CounterFigure).where(CounterFigure.case_ref == case_id,
                                                      CounterFigure.counter_id == counter_id))


def counter_called(session: Session, case_id: int, counter_id: str, at: dt.datetime) -> None:
    """The first call of a case at a counter ends its wait there (a second call changes nothing)."""
    row = _counter_row(session, case_id, counter_id)
    if row is not None and row.called_at is None:
        row.called_at = at


def counter_finished(session: Session, case_id: int, counter_id: str, at: dt.datetime) -> None:
    """The moment a counter finished the last of a case's procedures (the first time only)."""
    row = _counter_row(session, case_id, counter_id)
    if row is not None and row.done_at is None:
        row.done_at = at


def figures_between(session: Session, start: dt.datetime, end: dt.datetime) -> list[tuple[CaseFigure, list]]:
    """Each case received in [start, end) with its counters' rows, oldest first."""
    cases = list(session.scalars(select(CaseFigure).where(CaseFigure.received_at >= start,
                                                          CaseFigure.received_at < end)
                                 .order_by(CaseFigure.received_at, CaseFigure.case_ref)))
    refs = [c.case_ref for c in cases]
    rows: dict[int, list[CounterFigure]] = {ref: [] for ref in refs}
    for start_at in range(0, len(refs), 500):  # bound the IN list (SQLite limits bound parameters)
        batch = refs[start_at:start_at + 500]
        for row in session.scalars(select(CounterFigure).where(CounterFigure.case_ref.in_(batch))):
            rows[row.case_ref].append(row)
    return [(c, rows[c.case_ref]) for c in cases]
