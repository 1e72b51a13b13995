"""The audit log: every sign-in, view, print, export, status change and correction, with who and when.

The audit log lives in the database beside the cases it describes; application logs never carry
personal data, so this table is where "who changed the name from A to B" is answered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from navi.records.models import AuditEntry, CaseRecord, utcnow


def record(
    session: Session,
    actor: str,
    action: str,
    case: CaseRecord | None = None,
    *,
    field: str | None = None,
    before: Any = None,
    after: Any = None,
    detail: dict | None = None,
) -> AuditEntry:
    """Add one audit entry to the session (the caller's transaction commits it with the change)."""
    entry = AuditEntry(
        at=utcnow(), actor=actor, action=action, case_id=case.id if case else None,
        receipt_no=case.receipt_no if case else None, field=field,
        before=None if before is None else str(before), after=None if after is None else str(after), detail=detail,
    )
    session.add(entry)
    return entry


def record_now(session: Session, actor: str, action: str, case: CaseRecord | None = None, **values: Any) -> None:
    """Add one audit entry and commit it at once (views, prints, exports, sign-ins)."""
    record(session, actor, action, case, **values)
    session.commit()


def record_read(session: Session, actor: str, page: str, case_ids: Iterable[int]) -> None:
    """Audit one page view that shows residents' data (commits): one row per view, naming the page and every
    case it showed (the row carries the case itself when there is exactly one)."""
    shown = list(dict.fromkeys(case_ids))
    entry = record(session, actor, "read", detail={"page": page, "cases": shown})
    if len(shown) == 1:
        entry.case_id = shown[0]
    session.commit()


def entries(session: Session, *, case_id: int | None = None, limit: int = 200) -> list[AuditEntry]:
    """The newest audit entries, optionally for one case."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    if case_id is not None:
        query = query.where(AuditEntry.case_id == case_id)
    return list(session.scalars(query))


def blank_personal_data(session: Session, case_ids: list[int]) -> None:
    """Erase the before/after values of purged cases' entries, keeping who did what and when."""
    for entry in session.scalars(select(AuditEntry).where(AuditEntry.case_id.in_(case_ids))):
        entry.before = entry.after = None
        entry.detail = None


def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """A stored time as timezone-aware UTC (SQLite hands back naive datetimes)."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)
