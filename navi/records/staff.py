"""Staff accounts: argon2 password hashes, roles, sign-in with a lockout after repeated failures, and the
admin's changes to an account (new password, deactivate, activate), each audited."""

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
# Actors the audit log names for changes made without a staff account; no account may take these names.
SYSTEM_ACTORS = ("cli", "system")
_hasher = PasswordHasher()
# Verified against when the user does not exist, so both cases take the same time.
_DUMMY_HASH = _hasher.hash("not a real password")


class StaffError(ValueError):
    """A staff account cannot be created or changed as asked (the message says why, `reason` names the rule)."""

    def __init__(self, message: str, reason: str = "invalid") -> None:
        super().__init__(message)
        self.reason = reason


def create_staff(session: Session, username: str, password: str, role: str, *, by: str = "system") -> StaffUser:
    """Create a staff account (commits); raises StaffError for a taken name, a bad role or a short password."""
    username = username.strip()
    if role not in ROLES:
        raise StaffError(f"role must be one of {', '.join(ROLES)}")
    if not username or len(username) > 40:
        raise StaffError("username must be 1 to 40 characters")
    if username in SYSTEM_ACTORS:
        raise StaffError(f"{username} is reserved: the audit log names the command line and the system so")
    _check_password(password)
    if find(session, username) is not None:
        raise StaffError(f"user {username} already exists")
    user = StaffUser(username=username, password_hash=_hasher.hash(password), role=role, active=True,
                     failed_logins=0, created_at=utcnow())
    session.add(user)
    session.flush()
    audit.record(session, by, "staff_created", detail={"username": username, "role": role})
    session.commit()
    return user


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StaffError(f"password must be at least {MIN_PASSWORD_LENGTH} characters", "password_too_short")


def set_password(session: Session, user: StaffUser, password: str, by: str) -> StaffUser:
    """Give the account a new password (commits): lifts any lockout, ends every session signed in before now."""
    _check_password(password)
    user.password_hash = _hasher.hash(password)
    user.failed_logins, user.locked_until, user.sessions_ended_at = 0, None, utcnow()
    action = "password_changed" if by == user.username else "password_reset"
    audit.record(session, by, action, detail={"username": user.username})
    session.commit()
    return user


def deactivate(session: Session, user: StaffUser, by: str) -> StaffUser:
    """Stop the account signing in (commits); its sessions end at their next request. Never the acting admin's
    own account, nor the last active admin."""
    username, admin = user.username, user.role == "admin"
    if by == username:
        raise StaffError("you cannot deactivate your own account", "own_account")
    if not user.active:
        return user
    if admin:
        _lock_admins(session)
    # Ending the sessions here too means a reactivated account starts with none of its old sessions.
    user.active, user.sessions_ended_at = False, utcnow()
    # Counted after the change is written, inside its transaction: two admins deactivating each other at the
    # same moment cannot both see the other one still active.
    session.flush()
    if admin and not _active_admin_ids(session):
        session.rollback()
        raise StaffError(f"{username} is the last active admin", "last_admin")
    audit.record(session, by, "staff_deactivated", detail={"username": username})
    session.commit()
    return user


def activate(session: Session, user: StaffUser, by: str) -> StaffUser:
    """Let a deactivated account sign in again (commits)."""
    if not user.active:
        user.active = True
        audit.record(session, by, "staff_activated", detail={"username": user.username})
        session.commit()
    return user


def _lock_admins(session: Session) -> None:
    # PostgreSQL: the admin rows stay locked to the end of the transaction, so a second deactivation waits and
    # then counts what the first left. SQLite needs no row lock: flushing the change takes its one write lock.
    session.scalars(select(StaffUser.id).where(StaffUser.role == "admin", StaffUser.active).with_for_update()).all()


def _active_admin_ids(session: Session) -> list[int]:
    return list(session.scalars(select(StaffUser.id).where(StaffUser.role == "admin", StaffUser.active)))


def by_id(session: Session, user_id: int) -> StaffUser | None:
    """The account with this id, if any."""
    return session.get(StaffUser, user_id)


def find(session: Session, username: str) -> StaffUser | None:
    """The account with this username, if any."""
    return session.scalar(select(StaffUser).where(StaffUser.username == username.strip()))


def active_user(session: Session, user_id: int | None, signed_in_at: float) -> StaffUser | None:
    """The account a session signed in at `signed_in_at` (seconds since the epoch) belongs to: None when it
    was removed or deactivated, or its sessions were ended (new password, deactivation) since."""
    user = session.get(StaffUser, user_id) if user_id else None
    if user is None or not user.active:
        return None
    ended = audit.as_utc(user.sessions_ended_at)
    return None if ended is not None and signed_in_at < ended.timestamp() else user


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


def change_own_password(session: Session, user: StaffUser, current: str, new: str) -> bool:
    """A signed-in user's own change (commits): False, changing nothing, unless `current` is their password."""
    if not _confirm_password(session, user, current):
        return False
    set_password(session, user, new, by=user.username)
    return True


def _confirm_password(session: Session, user: StaffUser, password: str) -> bool:
    # Someone at a screen left signed in could guess here: wrong guesses count toward the lockout as at sign-in.
    now = utcnow()
    if is_locked(user, now):
        _verify(_DUMMY_HASH, password)
        return False
    if not _verify(user.password_hash, password):
        _count_failure(session, user, now, "password_check_failed")
        return False
    return True


def _count_failure(session: Session, user: StaffUser, now: dt.datetime, action: str = "login_failed") -> None:
    user.failed_logins += 1
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


def signed_out(session: Session, user: StaffUser) -> None:
    """Record that the user signed out (the session itself lives in the browser's cookie)."""
    audit.record_now(session, user.username, "logout")


def assisted_entry_started(session: Session, user: StaffUser) -> None:
    """Record that a clerk began entering a resident's answers with them."""
    audit.record_now(session, user.username, "assisted_start")
