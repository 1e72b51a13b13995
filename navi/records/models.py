"""Tables of the counter's database."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, String
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
