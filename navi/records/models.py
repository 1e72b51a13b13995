"""Tables of the counter's database."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from navi.records.db import Base


def utcnow() -> dt.datetime:
    """The current time in UTC (stored timezone-aware)."""
    return dt.datetime.now(dt.UTC)


class CatalogVersion(Base):
    """A published catalog version, kept as long as a code in circulation may name it."""

    __tablename__ = "catalog_versions"

    version: Mapped[str] = mapped_column(String(16), primary_key=True)
    document: Mapped[dict] = mapped_column(JSON)
    published_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    published_by: Mapped[str] = mapped_column(String(80), default="system")


class KioskSession(Base):
    """A resident's wizard state, encrypted with a key only the resident's browser holds."""

    __tablename__ = "kiosk_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
