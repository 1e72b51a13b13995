"""Clerk corrections: one field of a case's facts at a time, with a reason, re-validated and re-planned.

Field paths name a place in the facts document: `event_date`, `to_address.street`,
`members.m1.family_name`, `answers.inkan_registration`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from navi.domain.catalog.model import Catalog
from navi.domain.planner import plan_for
from navi.domain.validation import FactsInvalid, Problem, parse_facts
from navi.records import audit
from navi.records.cases import kana_index, procedure_rows
from navi.records.models import CaseRecord, utcnow

MEMBER_FIELDS = (
    "family_name", "given_name", "family_name_kana", "given_name_kana", "birth_date", "sex", "relation",
    "nationality", "health_insurance", "pension", "care_level", "has_my_number_card", "disability_handbook",
    "moving", "subject", "residence_status", "residence_card_number", "period_of_stay_until", "phone",
)
ADDRESS_FIELDS = ("postal_code", "prefecture", "city", "street", "building")
ADDRESSES = ("from_address", "to_address", "address")
BOOLEAN_FIELDS = ("has_my_number_card", "disability_handbook", "moving", "subject")


@dataclass(frozen=True)
class FieldPath:
    """A parsed field path: the container keys leading to the value, and the field's own name."""

    keys: tuple[str, ...]
    name: str


class NoSuchField(KeyError):
    """The path does not name a correctable field of this case."""


def parse_path(facts: dict, path: str) -> FieldPath:
    """The parsed path, checked against the fields clerks may correct; raises NoSuchField."""
    parts = tuple(path.split("."))
    ok = (
        (len(parts) == 1 and parts[0] == "event_date")
        or (len(parts) == 2 and parts[0] in ADDRESSES and parts[1] in ADDRESS_FIELDS and facts.get(parts[0]))
        or (len(parts) == 2 and parts[0] == "answers" and parts[1] in facts.get("answers", {}))
        or (len(parts) == 3 and parts[0] == "members" and parts[2] in MEMBER_FIELDS
            and any(m["id"] == parts[1] for m in facts["members"]))
    )
    if not ok:
        raise NoSuchField(path)
    return FieldPath(parts[:-1], parts[-1])


def _container(facts: dict, keys: tuple[str, ...]) -> dict:
    node: Any = facts
    for key in keys:
        node = next(m for m in node if m["id"] == key) if isinstance(node, list) else node[key]
    return node


def read_value(facts: dict, path: str) -> Any:
    """The current value at a field path (None when unset)."""
    where = parse_path(facts, path)
    return _container(facts, where.keys).get(where.name)


def as_text(value: Any) -> str:
    """A stored value as a correction form shows it (the inverse of how a form's text is read)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _typed(where: FieldPath, text: str) -> Any:
    """The value a form's text stands for: booleans, numbers and empty values need converting."""
    text = text.strip()
    if where.name in BOOLEAN_FIELDS or where.keys == ("answers",):
        words = {"true": True, "false": False, "none": None, "": None}
        if text.lower() in words:
            return words[text.lower()]
        if where.keys == ("answers",) and text.isdigit():
            return int(text)
    return text if text else None


def correct(
    session: Session, case: CaseRecord, path: str, text: str, reason: str, actor: str, catalog: Catalog
) -> list[Problem]:
    """Apply one correction (audited with before/after, re-planned, commits); the problems if it is invalid."""
    where = parse_path(case.facts, path)
    facts = copy.deepcopy(case.facts)
    container = _container(facts, where.keys)
    before = container.get(where.name)
    value = _typed(where, text)
    if value is None and where.keys != ("answers",):
        container.pop(where.name, None)
    else:
        container[where.name] = value
    try:
        parsed = parse_facts(facts, catalog)
    except FactsInvalid as error:
        return error.problems
    if before == container.get(where.name):
        return []
    _replan(case, parsed, catalog, actor)
    case.facts = parsed.model_dump(mode="json")
    audit.record(session, actor, "correction", case, field=path, before=before, after=container.get(where.name),
                 detail={"reason": reason})
    session.commit()
    return []


def _replan(case: CaseRecord, facts, catalog: Catalog, actor: str) -> None:
    """Re-plan after a correction: new procedures start as not started, dropped ones become not needed."""
    plan = plan_for(facts, catalog, "ja").to_dict()
    now = utcnow()
    known = {p.procedure_id: p for p in case.procedures}
    wanted = {row.procedure_id: row for row in procedure_rows(plan, actor, now)}
    for procedure_id, row in known.items():
        if procedure_id not in wanted and row.status == "not_started":
            row.status, row.updated_at, row.updated_by = "not_needed", now, actor
    position = len(known)
    for procedure_id, row in wanted.items():
        if procedure_id not in known:
            row.position, position = position, position + 1
            case.procedures.append(row)
    case.plan = plan
    case.kana_index = kana_index(facts)
