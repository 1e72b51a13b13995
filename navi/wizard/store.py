"""The resident's draft between pages: encrypted in the database, its key only in the resident's cookie.

Deleting the row and the cookie wipes the session; even a copy of the database file taken during the
session holds nothing readable, so a shared tablet keeps no resident's data (ux.md, shared-tablet privacy).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import delete
from sqlalchemy.orm import Session

from navi.records.models import KioskSession, utcnow

NONCE_BYTES = 12


def new_token() -> str:
    """A fresh session token for the resident's cookie (it is both the row's name and its key)."""
    return secrets.token_urlsafe(32)


def _row_id(token: str) -> str:
    return hashlib.sha256(b"row:" + token.encode("ascii")).hexdigest()


def _key(token: str) -> bytes:
    return hashlib.sha256(b"key:" + token.encode("ascii")).digest()


def load(db: Session, token: str | None) -> dict[str, Any] | None:
    """The draft for a token, or None when there is none, it expired, or it can't be decrypted."""
    if not token:
        return None
    row = db.get(KioskSession, _row_id(token))
    if row is None:
        return None
    if row.expires_at.replace(tzinfo=dt.UTC) <= utcnow():
        wipe(db, token)
        return None
    try:
        plain = AESGCM(_key(token)).decrypt(row.ciphertext[:NONCE_BYTES], row.ciphertext[NONCE_BYTES:], None)
    except InvalidTag:
        return None
    return json.loads(plain)


def save(db: Session, token: str, draft: dict[str, Any], idle_seconds: int) -> None:
    """Store the draft encrypted and push its expiry `idle_seconds` into the future."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = nonce + AESGCM(_key(token)).encrypt(nonce, json.dumps(draft, ensure_ascii=False).encode(), None)
    expires = utcnow() + dt.timedelta(seconds=idle_seconds)
    row = db.get(KioskSession, _row_id(token))
    if row is None:
        db.add(KioskSession(id=_row_id(token), ciphertext=sealed, expires_at=expires))
    else:
        row.ciphertext, row.expires_at = sealed, expires
    db.commit()


def touch(db: Session, token: str, idle_seconds: int) -> bool:
    """Extend a live session (the resident tapped 「続ける」); False when it is already gone."""
    row = db.get(KioskSession, _row_id(token))
    if row is None or row.expires_at.replace(tzinfo=dt.UTC) <= utcnow():
        return False
    row.expires_at = utcnow() + dt.timedelta(seconds=idle_seconds)
    db.commit()
    return True


def wipe(db: Session, token: str | None) -> None:
    """Delete the session's row (the caller also drops the cookie's token)."""
    if token:
        db.execute(delete(KioskSession).where(KioskSession.id == _row_id(token)))
    db.execute(delete(KioskSession).where(KioskSession.expires_at <= utcnow()))
    db.commit()
