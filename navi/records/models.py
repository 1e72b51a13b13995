"""Tables of the counter's database."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

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


# ---- The supervisor's catalog editor: publications and the working draft (0005) ----


class Publication(Base):
    """One act of publishing: which version became the current one, by whom, when and why."""

    __tablename__ = "publications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[str] = mapped_column(ForeignKey("catalog_versions.version"), index=True)
    published_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    published_by: Mapped[str] = mapped_column(String(80), default="system")
    note: Mapped[str] = mapped_column(String(200), default="")
    # A restore publishes an earlier version again; this names the publication it went back to.
    restored_from: Mapped[int | None] = mapped_column(ForeignKey("publications.id"), nullable=True)


class CatalogDraft(Base):
    """The counter installation's one working draft: a raw catalog document edited before publishing."""

    __tablename__ = "catalog_drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document: Mapped[dict] = mapped_column(JSON)
    base_version: Mapped[str] = mapped_column(String(16))
    # Bumped by every change, so two supervisors saving at once cannot silently overwrite each other.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(80))


class KioskSession(Base):
    """A resident's wizard state, encrypted with a key only the resident's browser holds."""

    __tablename__ = "kiosk_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


# ---- The counter: staff accounts, cases, their procedures, scan buffers and the audit log (0003) ----


class StaffUser(Base):
    """A member of staff who signs in at the counter (role: clerk, supervisor or admin)."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # Sessions signed in before this moment (a new password, a deactivation) end at their next request.
    sessions_ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class CaseRecord(Base):
    """A household's visit: the decoded facts, the plan for the code's catalog version, a receipt number."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(16), unique=True)
    received_on: Mapped[dt.date] = mapped_column(Date, index=True)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    # Unique, so the same code scanned twice (even at the same moment) can only ever make one case.
    code_digest: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    source: Mapped[str] = mapped_column(String(16), default="scan")
    catalog_version: Mapped[str] = mapped_column(String(16))
    event: Mapped[str] = mapped_column(String(40))
    office: Mapped[str] = mapped_column(String(40))
    facts: Mapped[dict] = mapped_column(JSON)
    plan: Mapped[dict] = mapped_column(JSON)
    kana_index: Mapped[str] = mapped_column(String(2000), default="")
    received_by: Mapped[str] = mapped_column(String(40))
    procedures: Mapped[list[CaseProcedure]] = relationship(
        back_populates="case", order_by="CaseProcedure.position", cascade="all, delete-orphan", passive_deletes=True
    )


class CaseProcedure(Base):
    """One procedure of a case at the counter that does it, with where it stands."""

    __tablename__ = "case_procedures"
    __table_args__ = (UniqueConstraint("case_id", "procedure_id", name="uq_case_procedure"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    procedure_id: Mapped[str] = mapped_column(String(40))
    counter_id: Mapped[str] = mapped_column(String(40), index=True)
    position: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="not_started")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(40), default="")
    case: Mapped[CaseRecord] = relationship(back_populates="procedures")


class ReceiptSequence(Base):
    """The last receipt number handed out on a day (a row per day, incremented under a row lock)."""

    __tablename__ = "receipt_sequences"

    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class ScanBuffer(Base):
    """The parts of a split code a clerk has scanned so far (too long for a cookie session)."""

    __tablename__ = "scan_buffers"

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"), primary_key=True)
    parts: Mapped[list] = mapped_column(JSON)
    count: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEntry(Base):
    """Who did what to which case and when; outlives the case (no foreign key), purged data is blanked."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(32))
    case_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    receipt_no: Mapped[str | None] = mapped_column(String(16), nullable=True)
    field: Mapped[str | None] = mapped_column(String(80), nullable=True)
    before: Mapped[str | None] = mapped_column(Text, nullable=True)
    after: Mapped[str | None] = mapped_column(Text, nullable=True)
    detail: Mapped[dict | None] = mapped_column(JSON, nullable=True)


class RateLimitCounter(Base):
    """Requests counted against one rate limit in its current window (navi.web.ratelimit; migration 0004)."""

    __tablename__ = "rate_limits"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    # Seconds since the epoch (time.time()) when the window ends and the count starts again.
    expires_at: Mapped[float] = mapped_column(Float, index=True)


class StaffSession(Base):
    """A signed-in staff session kept on the server (migration 0007): signing out ends it here, so a copy of
    the cookie taken before stops working. `id` is the SHA-256 of the token the cookie carries."""

    __tablename__ = "staff_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[int] = mapped_column(Integer, ForeignKey("staff_users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
# ---- Calling at the counters, and the office's own figures (0008) ----


class CounterCall(Base):
    """A receipt number called at a counter (呼び出し), and whether the resident did not come (不在)."""

    __tablename__ = "counter_calls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    counter_id: Mapped[str] = mapped_column(String(40), index=True)
    office: Mapped[str] = mapped_column(String(40), index=True)
    receipt_no: Mapped[str] = mapped_column(String(16))
    called_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    called_by: Mapped[str] = mapped_column(String(40))
    absent: Mapped[bool] = mapped_column(Boolean, default=False)


class CaseFigure(Base):
    """A case as the office's figures count it: counts and times only, kept after the case is purged."""

    __tablename__ = "case_figures"

    # The case's id, without a foreign key: the row outlives the case (retention deletes cases only).
    case_ref: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    office: Mapped[str] = mapped_column(String(40))
    event: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(16))
    procedures: Mapped[int] = mapped_column(Integer)
    # Characters the counter's forms were filled with from the code: what a clerk did not type.
    characters: Mapped[int] = mapped_column(Integer, default=0)


class CounterFigure(Base):
    """When a case was first called at a counter and when that counter finished it (完了)."""

    __tablename__ = "counter_figures"
    __table_args__ = (UniqueConstraint("case_ref", "counter_id", name="uq_counter_figure"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_ref: Mapped[int] = mapped_column(Integer, index=True)
    counter_id: Mapped[str] = mapped_column(String(40))
    called_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
