"""The parts of a split code a clerk has scanned so far, kept per staff member between scans."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete
from sqlalchemy.orm import Session

from navi.records.audit import as_utc
from navi.records.models import ScanBuffer, utcnow

# Parts older than this are forgotten: the resident has long left the counter.
PARTS_KEPT_FOR = dt.timedelta(minutes=10)


def pending_parts(session: Session, staff_id: int) -> tuple[list[str], int]:
    """The parts scanned so far and how many the code has (([], 0) when none are waiting)."""
    buffer = session.get(ScanBuffer, staff_id)
    if buffer is None or as_utc(buffer.updated_at) < utcnow() - PARTS_KEPT_FOR:
        return [], 0
    return list(buffer.parts), buffer.count


def keep_parts(session: Session, staff_id: int, parts: list[str], count: int) -> None:
    """Remember the parts scanned so far (commits)."""
    buffer = session.get(ScanBuffer, staff_id)
    if buffer is None:
        session.add(ScanBuffer(staff_id=staff_id, parts=parts, count=count, updated_at=utcnow()))
    else:
        buffer.parts, buffer.count, buffer.updated_at = parts, count, utcnow()
    session.commit()


def forget_parts(session: Session, staff_id: int) -> None:
    """Drop the parts scanned so far (commits)."""
    session.execute(delete(ScanBuffer).where(ScanBuffer.staff_id == staff_id))
    session.commit()
