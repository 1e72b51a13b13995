"""Case records: receiving a household (scanned or staff-assisted), receipt numbers, procedure statuses.

A case keeps the facts, the catalog version and the plan made with that version. The same code scanned
twice, even by two clerks at the same moment, opens the first case: the code's digest is unique and a
losing insert falls back to loading the winner.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from navi.domain import normalize
from navi.domain.catalog.model import Catalog
from navi.domain.dates import OFFICE_TIMEZONE
from navi.domain.facts import Facts
from navi.domain.plan_diff import PlanDifference, compare_plans
from navi.domain.planner import plan_for
from navi.records import audit, figures
from navi.records.models import CaseProcedure, CaseRecord, ReceiptSequence, StaffUser, utcnow

# Receipt numbers follow the office's calendar day, not UTC's (the default zone; the app passes its setting).
OFFICE_TZ = ZoneInfo(OFFICE_TIMEZONE)
STATUSES = ("not_started", "received", "in_progress", "done", "not_needed")
OPEN_STATUSES = ("not_started", "received", "in_progress")


def receive_code(session: Session, facts: Facts, catalog: Catalog, digest: str, actor: str,
                 zone: ZoneInfo = OFFICE_TZ) -> tuple[CaseRecord, bool]:
    """The case for a scanned code: a new one (True), or the one this code already opened (False); its
    receipt number counts the days of `zone` (the office's time zone)."""
    existing = case_by_digest(session, digest)
    if existing is not None:
        return existing, False
    try:
        case = _new_case(session, facts, catalog, actor, source="scan", digest=digest, zone=zone)
        session.commit()
    except IntegrityError:
        # Another clerk's insert of the same code won the race: open theirs.
        session.rollback()
        existing = case_by_digest(session, digest)
        if existing is None:
            raise
        return existing, False
    return case, True


def create_case_from_facts(
    session: Session, facts: Facts, catalog: Catalog, staff_user: StaffUser | str, source: str = "assisted",
    zone: ZoneInfo = OFFICE_TZ,
) -> CaseRecord:
    """A new case for facts entered with a clerk's help (the wizard's assisted mode); commits."""
    actor = staff_user if isinstance(staff_user, str) else staff_user.username
    case = _new_case(session, facts, catalog, actor, source=source, digest=None, zone=zone)
    session.commit()
    return case


def _new_case(session: Session, facts: Facts, catalog: Catalog, actor: str, *, source: str, digest: str | None,
              zone: ZoneInfo):
    now = utcnow()
    planned = plan_for(facts, catalog, "ja")
    plan = planned.to_dict()
    receipt_no, day = _next_receipt(session, now, zone)
    case = CaseRecord(
        receipt_no=receipt_no, received_on=day, received_at=now, code_digest=digest, source=source,
        catalog_version=catalog.version, event=facts.event, office=facts.office,
        facts=facts.model_dump(mode="json"), plan=plan, kana_index=kana_index(facts), received_by=actor,
    )
    case.procedures = procedure_rows(plan, actor, now)
    session.add(case)
    session.flush()
    # Only a scanned code spares the clerk typing; with assisted entry the clerk typed it all in the wizard.
    typed_for_us = figures.characters_filled(facts, catalog, planned, day) if source == "scan" else 0
    figures.case_received(session, case, typed_for_us)
    audit.record(session, actor, "case_created", case, detail={"source": source})
    return case


# Built once (per dialect) with the day as a parameter: SQLAlchemy neither builds them nor works out their cache
# key on every scan.
_RECEIPT_TABLE = ReceiptSequence.__table__
_RECEIPT_DAY = {name: insert(_RECEIPT_TABLE).values(day=bindparam("receipt_day"), last=0).on_conflict_do_nothing()
                for name, insert in (("postgresql", pg_insert), ("sqlite", sqlite_insert))}
_RECEIPT_NEXT = (update(_RECEIPT_TABLE).where(_RECEIPT_TABLE.c.day == bindparam("receipt_day"))
                 .values(last=_RECEIPT_TABLE.c.last + 1).returning(_RECEIPT_TABLE.c.last))


def _next_receipt(session: Session, now: dt.datetime, zone: ZoneInfo) -> tuple[str, dt.date]:
    """The next receipt number of the office's day, e.g. 20270401-0007 (the row lock serialises clerks)."""
    day = now.astimezone(zone).date()
    key = day.strftime("%Y%m%d")
    dialect = "postgresql" if session.get_bind().dialect.name == "postgresql" else "sqlite"
    session.execute(_RECEIPT_DAY[dialect], {"receipt_day": key})
    number = session.execute(_RECEIPT_NEXT, {"receipt_day": key}).scalar_one()
    return f"{key}-{number:04d}", day


def procedure_rows(plan: dict, actor: str, now: dt.datetime) -> list[CaseProcedure]:
    """One status row per procedure a counter must do (automatic ones and pointers need nobody)."""
    return [
        CaseProcedure(procedure_id=p["id"], counter_id=p["counter_id"], position=i, status="not_started",
                      updated_at=now, updated_by=actor)
        # Pointers to other offices (年金事務所, 勤め先…) are nobody's work at a counter here.
        for i, p in enumerate(plan["procedures"]) if not p.get("automatic") and not p.get("elsewhere")
    ]


def kana_index(facts: Facts) -> str:
    """Every member's フリガナ, normalised and without spaces, for searching by name."""
    names = [normalize.kana(m.family_name_kana + m.given_name_kana).replace("\u3000", "") for m in facts.members]
    return " " + " ".join(names) + " "


def case_by_digest(session: Session, digest: str) -> CaseRecord | None:
    """The case a code opened, if any."""
    return session.scalar(select(CaseRecord).where(CaseRecord.code_digest == digest))


def get_case(session: Session, case_id: int) -> CaseRecord | None:
    """A case with its procedures."""
    return session.get(CaseRecord, case_id, options=[selectinload(CaseRecord.procedures)])


def set_status(session: Session, case: CaseRecord, procedure_id: str, status: str, actor: str) -> bool:
    """Change one procedure's status (audited, commits); False when the case has no such procedure."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status}")
    row = next((p for p in case.procedures if p.procedure_id == procedure_id), None)
    if row is None:
        return False
    if row.status != status:
        audit.record(session, actor, "status", case, field=procedure_id, before=row.status, after=status)
        row.status, row.updated_at, row.updated_by = status, utcnow(), actor
        if not any(p.status in OPEN_STATUSES for p in case.procedures if p.counter_id == row.counter_id):
            figures.counter_finished(session, case.id, row.counter_id, row.updated_at)
    session.commit()
    return True


@dataclass(frozen=True)
class QueueItem:
    """A case waiting at one counter, with that counter's procedures."""

    case: CaseRecord
    procedures: list[CaseProcedure]


def queue_for(session: Session, counter_id: str, *, include_finished: bool = False) -> list[QueueItem]:
    """The cases coming to a counter in arrival order, each with what this counter must do."""
    at_counter = select(CaseProcedure.case_id).where(CaseProcedure.counter_id == counter_id)
    query = (
        select(CaseRecord).where(CaseRecord.id.in_(at_counter))
        .options(selectinload(CaseRecord.procedures)).order_by(CaseRecord.received_at, CaseRecord.id)
    )
    items = []
    for case in session.scalars(query):
        mine = [p for p in case.procedures if p.counter_id == counter_id]
        if include_finished or any(p.status in OPEN_STATUSES for p in mine):
            items.append(QueueItem(case, mine))
    return items


def search(session: Session, *, receipt: str = "", kana: str = "", day: dt.date | None = None) -> list[CaseRecord]:
    """Cases matching every criterion given: receipt number (or its start), フリガナ, reception day."""
    query = select(CaseRecord).order_by(CaseRecord.received_at.desc()).limit(100)
    receipt = normalize.text(receipt)
    if receipt:
        query = query.where(CaseRecord.receipt_no.startswith(receipt, autoescape=True))
    wanted = normalize.kana(kana).replace("\u3000", "")
    if wanted:
        query = query.where(CaseRecord.kana_index.contains(wanted, autoescape=True))
    if day is not None:
        query = query.where(CaseRecord.received_on == day)
    return list(session.scalars(query))


def catalog_differences(case: CaseRecord, current: Catalog) -> PlanDifference:
    """What today's catalog would plan differently for this case's facts (empty when the versions match)."""
    if current.version == case.catalog_version:
        return PlanDifference()
    facts = Facts.model_validate(case.facts)
    return compare_plans(case.plan, plan_for(facts, current, "ja").to_dict())
