"""Calling residents to a counter by receipt number (呼び出し, 不在), and the waiting board's figures.

Only today's cases (the office's calendar day) wait: a case left open yesterday is the clerk's to close,
not a resident still sitting in the lobby.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from navi.domain.dates import OFFICE_TIMEZONE
from navi.records import audit, figures
from navi.records.cases import OPEN_STATUSES
from navi.records.models import CaseProcedure, CaseRecord, CounterCall, utcnow

OFFICE_TZ = ZoneInfo(OFFICE_TIMEZONE)


def _today(now: dt.datetime) -> dt.date:
    return now.astimezone(OFFICE_TZ).date()


def _as_utc(moment: dt.datetime) -> dt.datetime:
    # SQLite hands timezone-aware columns back naive (in UTC).
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _open_today(session: Session, counter_id: str, day: dt.date, office: str | None) -> list[CaseRecord]:
    """Today's cases with something still open at this counter, in arrival order."""
    at_counter = select(CaseProcedure.case_id).where(CaseProcedure.counter_id == counter_id,
                                                     CaseProcedure.status.in_(OPEN_STATUSES))
    query = (select(CaseRecord).where(CaseRecord.id.in_(at_counter), CaseRecord.received_on == day)
             .options(selectinload(CaseRecord.procedures)).order_by(CaseRecord.received_at, CaseRecord.id))
    if office is not None:
        query = query.where(CaseRecord.office == office)
    return list(session.scalars(query))


def _called_ids(session: Session, counter_id: str, day_start: dt.datetime) -> set[int]:
    return set(session.scalars(select(CounterCall.case_id).where(CounterCall.counter_id == counter_id,
                                                                 CounterCall.called_at >= day_start)))


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), OFFICE_TZ).astimezone(dt.UTC)


def waiting(session: Session, counter_id: str, *, office: str | None = None,
            now: dt.datetime | None = None) -> list[CaseRecord]:
    """Today's cases not yet called at this counter, in arrival order."""
    day = _today(now or utcnow())
    called = _called_ids(session, counter_id, _day_start(day))
    return [c for c in _open_today(session, counter_id, day, office) if c.id not in called]


def call(session: Session, counter_id: str, actor: str, case_id: int | None = None) -> CounterCall | None:
    """Call a chosen case, or the next one waiting, at this counter (audited, commits); None: nobody waits."""
    now = utcnow()
    if case_id is None:
        queue = waiting(session, counter_id, now=now)
        case = queue[0] if queue else None
    else:
        case = session.get(CaseRecord, case_id)
        if case is not None and not any(p.counter_id == counter_id for p in case.procedures):
            case = None
    if case is None:
        return None
    called = CounterCall(case_id=case.id, counter_id=counter_id, office=case.office, receipt_no=case.receipt_no,
                         called_at=now, called_by=actor, absent=False)
    session.add(called)
    figures.counter_called(session, case.id, counter_id, now)
    audit.record(session, actor, "called", case, field=counter_id)
    session.commit()
    return called


def mark_absent(session: Session, counter_id: str, case_id: int, actor: str) -> bool:
    """The resident called for this case did not come (不在): every call of it here leaves the board; False
    when it was never called here."""
    called = list(session.scalars(select(CounterCall).where(CounterCall.counter_id == counter_id,
                                                            CounterCall.case_id == case_id)))
    if not called:
        return False
    for row in called:
        row.absent = True
    audit.record(session, actor, "absent", session.get(CaseRecord, case_id), field=counter_id)
    session.commit()
    return True


def calls_today(session: Session, counter_id: str, now: dt.datetime | None = None) -> dict[int, CounterCall]:
    """The latest call of each case at this counter today, by case id."""
    start = _day_start(_today(now or utcnow()))
    found: dict[int, CounterCall] = {}
    for row in session.scalars(select(CounterCall).where(CounterCall.counter_id == counter_id,
                                                         CounterCall.called_at >= start)
                               .order_by(CounterCall.called_at, CounterCall.id)):
        found[row.case_id] = row
    return found


@dataclass(frozen=True)
class BoardLine:
    """One counter on the lobby board: numbers only."""

    counter_id: str
    calling: str | None
    waiting: int
    longest_wait_minutes: int


def board(session: Session, office: str, counter_ids: list[str], now: dt.datetime | None = None) -> list[BoardLine]:
    """For each counter: the receipt number being called at this office, how many wait, the longest wait."""
    now = now or utcnow()
    start = _day_start(_today(now))
    lines = []
    for counter_id in counter_ids:
        calling = session.scalar(
            select(CounterCall.receipt_no).where(CounterCall.counter_id == counter_id, CounterCall.office == office,
                                                 CounterCall.called_at >= start, CounterCall.absent.is_(False))
            .order_by(CounterCall.called_at.desc(), CounterCall.id.desc()).limit(1))
        queue = waiting(session, counter_id, office=office, now=now)
        longest = max(((now - _as_utc(c.received_at)).total_seconds() for c in queue), default=0)
        lines.append(BoardLine(counter_id, calling, len(queue), int(longest // 60)))
    return lines


def board_document(session: Session, catalog, office_id: str, now: dt.datetime | None = None) -> dict:
    """The lobby board of one office as plain data (the page, its JSON and `navi board export`): numbers only."""
    office = next(o for o in catalog.offices if o.id == office_id)
    counters = sorted((c for c in catalog.counters if c.id in office.counters), key=lambda c: c.order)
    now = now or utcnow()
    lines = board(session, office_id, [c.id for c in counters], now)
    return {
        "office": office.id,
        "office_name": {"ja": office.name.ja, "en": office.name.get("en")},
        "updated_at": now.astimezone(OFFICE_TZ).isoformat(timespec="seconds"),
        "counters": [{"id": c.id, "name": {"ja": c.name.ja, "en": c.name.get("en")}, "calling": line.calling,
                      "waiting": line.waiting, "longest_wait_minutes": line.longest_wait_minutes}
                     for c, line in zip(counters, lines, strict=True)],
    }
