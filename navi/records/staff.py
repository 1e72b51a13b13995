"""Staff accounts: argon2 password hashes, roles, and sign-in with a lockout after repeated failures."""

from __future__ import annotations

import datetime as dt

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from navi.records import audit
from navi.records.models import StaffUser, utcnow

ROLES = ("clerk", "supervisor", "admin")
# Each role may do everything the roles before it may.
RANK = {role: rank for rank, role in enumerate(ROLES, start=1)}
MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()
# Verified against when the user does not exist, so both cases take the same time.
_DUMMY_HASH = _hasher.hash("not a real password")


class StaffError(ValueError):
    """A staff account cannot be created or changed as asked (the message says why)."""


def create_staff(session: Session, username: str, password: str, role: str, *, by: str = "system") -> StaffUser:
    """Create a staff account (commits); raises StaffError for a taken name, a bad role or a short password."""
    username = username.strip()
    if role not in ROLES:
        raise StaffError(f"role must be one of {', '.join(ROLES)}")
    if not username or len(username) > 40:
        raise StaffError("username must be 1 to 40 characters")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StaffError(f"password must be at least {MIN_PASSWORD_LENGTH} characters")
    if find(session, username) is not None:
        raise StaffError(f"user {username} already exists")
    user = StaffUser(username=username, password_hash=_hasher.hash(password), role=role, active=True,
                     failed_logins=0, created_at=utcnow())
    session.add(user)
    session.flush()
    audit.record(session, by, "staff_created", detail={"username": username, "role": role})
    session.commit()
    return user


def find(session: Session, username: str) -> StaffUser | None:
    """The account with this username, if any."""
    return session.scalar(select(StaffUser).where(StaffUser.username == username.strip()))


def active_user(session: Session, user_id: int | None) -> StaffUser | None:
    """The active account with this id (None when it was removed or deactivated)."""
    user = session.get(StaffUser, user_id) if user_id else None
    return user if user is not None and user.active else None


def is_locked(user: StaffUser, now: dt.datetime) -> bool:
    """Whether the account is inside a lockout period."""
    until = audit.as_utc(user.locked_until)
    return until is not None and until > now


def authenticate(session: Session, username: str, password: str, now: dt.datetime | None = None) -> StaffUser | None:
    """The account if the password is right and it is not locked, else None (commits the attempt)."""
    now = now or utcnow()
    user = find(session, username)
    if user is None or not user.active:
        _verify(_DUMMY_HASH, password)
        return None
    if is_locked(user, now):
        _verify(_DUMMY_HASH, password)
        audit.record_now(session, user.username, "login_refused_locked")
        return None
    if not _verify(user.password_hash, password):
        _count_failure(session, user, now)
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
    audit.record_now(session, user.username, "login")
    return user


def _count_failure(session: Session, user: StaffUser, now: dt.datetime) -> None:
    user.failed_logins += 1
    action = "login_failed"
    if user.failed_logins >= MAX_FAILURES:
        user.failed_logins, user.locked_until, action = 0, now + LOCKOUT, "account_locked"
    audit.record_now(session, user.username, action)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def unlock(session: Session, user_id: int, by: str) -> StaffUser | None:
    """Lift a lockout early (admin); commits."""
    user = session.get(StaffUser, user_id)
    if user is not None:
        user.failed_logins, user.locked_until = 0, None
        audit.record_now(session, by, "account_unlocked", detail={"username": user.username})
    return user


def all_staff(session: Session) -> list[StaffUser]:
    """Every account, by username."""
    return list(session.scalars(select(StaffUser).order_by(StaffUser.username)))


def has_role(user: StaffUser | None, role: str) -> bool:
    """Whether the user's role includes `role`."""
    return user is not None and RANK.get(user.role, 0) >= RANK[role]
