"""Staff sessions on the server: started at sign-in, checked on every counter request, ended at sign-out.

The cookie carries a random token; the table keeps only its SHA-256, so reading the database gives no one a
usable session.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import delete
from sqlalchemy.orm import Session

from navi.records.models import StaffSession, StaffUser, utcnow


def start(session: Session, user: StaffUser) -> str:
    """Record a new session for the user (commits); the token for the cookie."""
    token = secrets.token_urlsafe(32)
    session.add(StaffSession(id=_digest(token), staff_id=user.id, created_at=utcnow()))
    session.commit()
    return token


def is_live(session: Session, token: str | None, user_id: int) -> bool:
    """Whether the token names a session of this user that has not been ended."""
    found = session.get(StaffSession, _digest(token)) if token else None
    return found is not None and found.staff_id == user_id and found.ended_at is None


def end(session: Session, token: str | None) -> None:
    """End the token's session (commits); nothing happens for an unknown token."""
    found = session.get(StaffSession, _digest(token)) if token else None
    if found is not None and found.ended_at is None:
        found.ended_at = utcnow()
        session.commit()


def purge(session: Session, older_than: dt.timedelta, now: dt.datetime | None = None) -> int:
    """Delete sessions started longer ago than `older_than` (navi records purge; the caller commits); how many."""
    cutoff = (now or utcnow()) - older_than
    return session.execute(delete(StaffSession).where(StaffSession.created_at < cutoff)).rowcount


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
