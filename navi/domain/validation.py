"""Turns untrusted household data into `Facts`, listing every problem with its JSON path.

Problems carry a code and parameters, never prose: `navi.web.messages` words them in the user's language.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import ValidationError

from navi.domain import household_rules as rules
from navi.domain.catalog.loader import json_path
from navi.domain.catalog.model import Catalog
from navi.domain.facts import RESIDENCE_CARD_PATTERN, TEXT_MAX_LENGTH, Facts
from navi.domain.problems import Problem

__all__ = ["FactsInvalid", "Problem", "catalog_problems", "parse_example", "parse_facts"]

# pydantic error types → our problem codes (the words live in navi.web.messages).
_PYDANTIC_CODES = {
    "missing": "required",
    "extra_forbidden": "unknown_field",
    "date_from_datetime_parsing": "invalid_date",
    "date_parsing": "invalid_date",
    "date_type": "invalid_date",
    "enum": "not_allowed",
    "string_pattern_mismatch": "bad_format",
    "string_too_short": "required",
    "string_too_long": "too_long",
    "string_type": "wrong_type",
    "bool_type": "wrong_type",
    "bool_parsing": "wrong_type",
    "int_type": "wrong_type",
    "int_parsing": "wrong_type",
    "list_type": "wrong_type",
    "dict_type": "wrong_type",
    "model_type": "wrong_type",
    "model_attributes_type": "wrong_type",
    "too_short": "too_few",
    "too_long": "too_many",
}


class FactsInvalid(Exception):
    """Raised by `parse_facts` with every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in household facts")
        self.problems = problems


def parse_facts(data: Any, catalog: Catalog, *, today: dt.date | None = None) -> Facts:
    """Validate raw data (parsed JSON) against the facts model and the catalog; raises FactsInvalid.

    Catalog and cross-field checks run on the raw data too, so one pass reports every problem. The event
    date must lie near `today` (the real today unless given: the catalog's examples give their own).
    """
    problems: list[Problem] = []
    facts = None
    try:
        facts = Facts.model_validate(data, strict=False)
    except ValidationError as error:
        problems = [_from_pydantic(item) for item in error.errors()]
    if isinstance(data, dict):
        seen = {p.path for p in problems}
        problems += [p for p in catalog_problems(data, catalog, today or dt.date.today()) if p.path not in seen]
    if problems or facts is None:
        raise FactsInvalid(problems or [Problem("$", "wrong_type")])
    return facts


def parse_example(data: Any, catalog: Catalog) -> Facts:
    """A catalog's example household, judged as on its own event date (so examples never expire)."""
    event_date = rules.as_date(data.get("event_date")) if isinstance(data, dict) else None
    return parse_facts(data, catalog, today=event_date)


def _from_pydantic(item: dict[str, Any]) -> Problem:
    code = _PYDANTIC_CODES.get(item["type"], "invalid")
    params: dict[str, Any] = {}
    context = item.get("ctx") or {}
    if "expected" in context:
        params["expected"] = str(context["expected"])
    if code == "invalid":
        params["detail"] = item["msg"]
    loc = tuple(part for part in item["loc"] if not (isinstance(part, str) and "[" in part))
    return Problem(json_path(loc), code, params)


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def catalog_problems(data: dict[str, Any], catalog: Catalog, today: dt.date) -> list[Problem]:
    """Problems that need the catalog or several fields at once to see, read defensively from raw data."""
    problems: list[Problem] = []
    events = {e.id: e for e in catalog.events}
    event_id = data.get("event")
    if isinstance(event_id, str) and event_id not in events:
        problems.append(Problem("$.event", "unknown_event", {"value": event_id}))
    office = data.get("office")
    if isinstance(office, str) and office not in {o.id for o in catalog.offices}:
        problems.append(Problem("$.office", "unknown_office", {"value": office}))
    members = [m for m in _list(data.get("members")) if isinstance(m, dict)]
    problems += rules.event_date_problems(data.get("event_date"), today)
    problems += _member_problems(members, rules.as_date(data.get("event_date")))
    problems += rules.filer_problems(data)
    if isinstance(event_id, str) and event_id in events:
        event = events[event_id]
        # `address` (events without a move) is optional: planning never needs it (design.md §3).
        for address in event.addresses:
            if address != "address" and data.get(address) is None:
                problems.append(Problem(f"$.{address}", "required"))
        if event.concerned == "moving" and members and not any(m.get("moving") is True for m in members):
            problems.append(Problem("$.members", "no_moving_member"))
        problems += rules.subject_problems(members, event)
        problems += rules.address_problems(data, event, catalog)
        answers = data.get("answers")
        problems += _answer_problems(event_id, answers if isinstance(answers, dict) else {}, catalog)
    return problems


def _member_problems(members: list[dict[str, Any]], event_date: dt.date | None) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[Any] = set()
    for index, member in enumerate(members):
        base = f"$.members[{index}]"
        member_id = member.get("id")
        if isinstance(member_id, str):  # the facts model reports a missing or mistyped id
            if member_id in seen:
                problems.append(Problem(f"{base}.id", "duplicate_member_id", {"value": member_id}))
            seen.add(member_id)
        problems += rules.birth_date_problems(member.get("birth_date"), event_date, f"{base}.birth_date")
        problems += rules.stay_date_problems(member.get("period_of_stay_until"), event_date,
                                             f"{base}.period_of_stay_until")
    return problems + rules.head_problems(members)


def _answer_problems(event_id: str, answers: dict[str, Any], catalog: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    questions = {q.id: q for q in catalog.questions if event_id in q.events}
    for key, value in answers.items():
        path = f"$.answers.{key}"
        question = questions.get(key)
        if question is None:
            problems.append(Problem(path, "unknown_question", {"value": key}))
        elif value is None:
            if not question.allow_unknown:
                problems.append(Problem(path, "required"))
        elif not _answer_type_ok(question.kind, value):
            problems.append(Problem(path, "wrong_type"))
        elif question.kind == "choice" and value not in [c.value for c in question.choices]:
            expected = ", ".join(str(c.value) for c in question.choices)
            problems.append(Problem(path, "not_allowed", {"expected": expected}))
    return problems


def _answer_type_ok(kind: str, value: Any) -> bool:
    """Whether an answer has the type its question asks for (choices are checked separately)."""
    if kind == "yes_no":
        return isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "text":
        return isinstance(value, str)
    return True


def birth_date_problem(birth: dt.date, event_date: dt.date | None, today: dt.date | None = None) -> Problem | None:
    """The first problem of a birth date entered on its own (in the future, out of the window, after the
    event), or None: the wizard asks this on the person's page."""
    if today is not None and birth > today:
        return Problem("birth_date", "born_in_future")
    found = rules.birth_date_problems(birth, event_date, "birth_date")
    return found[0] if found else None


def residence_card_problem(number: str) -> Problem | None:
    """The problem of a 在留カード番号 that is not two letters, eight digits and two letters, or None."""
    return None if re.fullmatch(RESIDENCE_CARD_PATTERN, number) else Problem("residence_card_number",
                                                                              "bad_residence_card")


def event_date_problem(day: dt.date, today: dt.date) -> Problem | None:
    """The problem of an event date the office cannot act on (far past or future), or None."""
    found = rules.event_date_problems(day, today)
    return found[0] if found else None


def head_problem(relation: str, other_relations: list[str]) -> Problem | None:
    """The problem of a 続柄 given the other members' (a second 世帯主), or None."""
    return Problem("relation", "several_heads") if relation == "head" and "head" in other_relations else None


def text_problem(value: str) -> Problem | None:
    """The problem of a name or address part longer than the facts model (and the forms) hold, or None."""
    return Problem("text", "too_long") if len(value.strip()) > TEXT_MAX_LENGTH else None
