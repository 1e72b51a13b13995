"""The resident's draft between pages: encrypted in the database, its key only in the resident's cookie.

Deleting the row and the cookie wipes the session; even a copy of the database file taken during the
session holds nothing readable, so a shared tablet keeps no resident's data (ux.md, shared-tablet privacy).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from navi.records.models import KioskSession, utcnow

NONCE_BYTES = 12
# How far short of the full idle time an expiry may be before a page view moves it on (see `touch`).
STILL_FRESH_SECONDS = 2


def new_token() -> str:
    """A fresh session token for the resident's cookie (it is both the row's name and its key)."""
    return secrets.token_urlsafe(32)


def _row_id(token: str) -> str:
    return hashlib.sha256(b"row:" + token.encode("ascii")).hexdigest()


def _key(token: str) -> bytes:
    return hashlib.sha256(b"key:" + token.encode("ascii")).digest()


# Plain SQL statements rather than ORM objects: every wizard page reads the draft and most write it, and the
# ORM's unit of work cost a millisecond a page for nothing (one row, looked up by its key). Built once, with
# the row's id as a parameter: SQLAlchemy then neither builds them nor works out their cache key per page.
_TABLE = KioskSession.__table__
_READ = select(_TABLE.c.ciphertext, _TABLE.c.expires_at).where(_TABLE.c.id == bindparam("row_id"))
_WRITE = update(_TABLE).where(_TABLE.c.id == bindparam("row_id"))
_ADD = insert(_TABLE)


def _expiry(db: Session, token: str) -> tuple[bytes, dt.datetime] | None:
    row = db.execute(_READ, {"row_id": _row_id(token)}).first()
    return None if row is None else (row.ciphertext, row.expires_at.replace(tzinfo=dt.UTC))


@dataclass(frozen=True)
class Loaded:
    """A decrypted draft and when its session expires (so showing a page need not read the row again)."""

    draft: dict[str, Any]
    expires_at: dt.datetime


def load(db: Session, token: str | None) -> Loaded | None:
    """The draft for a token, or None when there is none, it expired, or it can't be decrypted."""
    if not token:
        return None
    found = _expiry(db, token)
    if found is None:
        return None
    sealed, expires_at = found
    if expires_at <= utcnow():
        wipe(db, token)
        return None
    try:
        plain = AESGCM(_key(token)).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], None)
    except InvalidTag:
        return None
    return Loaded(json.loads(plain), expires_at)


def save(db: Session, token: str, draft: dict[str, Any], idle_seconds: int) -> None:
    """Store the draft encrypted and push its expiry `idle_seconds` into the future."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = nonce + AESGCM(_key(token)).encrypt(nonce, json.dumps(draft, ensure_ascii=False).encode(), None)
    expires = utcnow() + dt.timedelta(seconds=idle_seconds)
    row_id = _row_id(token)
    changed = db.execute(_WRITE, {"row_id": row_id, "ciphertext": sealed, "expires_at": expires}).rowcount
    if not changed:
        db.execute(_ADD, {"id": row_id, "ciphertext": sealed, "expires_at": expires})
    db.commit()


def touch(db: Session, token: str, idle_seconds: int, *, slack_seconds: float = 0,
          expires_at: dt.datetime | None = None) -> bool:
    """Extend a live session (the resident tapped 「続ける」 or opened a page); False when it is already gone.

    With `slack_seconds`, an expiry less than that short of the full idle time is left as it is: the page
    shown right after an answer was saved then costs no database write. `expires_at`, when the caller has
    just loaded the draft, saves reading the row again.
    """
    if expires_at is None:
        found = _expiry(db, token)
        if found is None:
            return False
        expires_at = found[1]
    now = utcnow()
    if expires_at <= now:
        return False
    wanted = now + dt.timedelta(seconds=idle_seconds)
    if wanted - expires_at > dt.timedelta(seconds=slack_seconds):
        db.execute(_WRITE, {"row_id": _row_id(token), "expires_at": wanted})
        db.commit()
    return True


def wipe(db: Session, token: str | None) -> None:
    """Delete the session's row (the caller also drops the cookie's token)."""
    if token:
        db.execute(delete(KioskSession).where(KioskSession.id == _row_id(token)))
    db.execute(delete(KioskSession).where(KioskSession.expires_at <= utcnow()))
    db.commit()
