"""Retention: cases older than the catalog's retention period are deleted (design.md §5 `records purge`)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from navi.records import audit
from navi.records.models import CaseRecord, utcnow

# Bound the IN lists (SQLite limits bound parameters).
_BATCH = 500


def purge(session: Session, retention_days: int, *, actor: str = "system", now: dt.datetime | None = None) -> int:
    """Delete cases received more than `retention_days` ago; audit how many (no personal data); commits."""
    cutoff = (now or utcnow()) - dt.timedelta(days=retention_days)
    ids = list(session.scalars(select(CaseRecord.id).where(CaseRecord.received_at < cutoff)))
    for start in range(0, len(ids), _BATCH):
        batch = ids[start : start + _BATCH]
        audit.blank_personal_data(session, batch)
        # Procedures go with their case (ON DELETE CASCADE).
        session.execute(delete(CaseRecord).where(CaseRecord.id.in_(batch)),
                        execution_options={"synchronize_session": False})
    audit.record(session, actor, "purge", detail={"deleted": len(ids), "retention_days": retention_days})
    session.commit()
    return len(ids)
