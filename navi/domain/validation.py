"""Turns untrusted household data into `Facts`, listing every problem with its JSON path.

Problems carry a code and parameters, never prose: `navi.web.messages` words them in the user's language.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from navi.domain.catalog.loader import json_path
from navi.domain.catalog.model import Catalog
from navi.domain.facts import RESIDENCE_CARD_PATTERN, TEXT_MAX_LENGTH, Facts

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


@dataclass(frozen=True)
class Problem:
    """One problem in submitted facts: the JSON path, a code, and the values the message needs."""

    path: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)


class FactsInvalid(Exception):
    """Raised by `parse_facts` with every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in household facts")
        self.problems = problems


def parse_facts(data: Any, catalog: Catalog) -> Facts:
    """Validate raw data (parsed JSON) against the facts model and the catalog; raises FactsInvalid.

    Catalog and cross-field checks run on the raw data too, so one pass reports every problem.
    """
    problems: list[Problem] = []
    facts = None
    try:
        facts = Facts.model_validate(data, strict=False)
    except ValidationError as error:
        problems = [_from_pydantic(item) for item in error.errors()]
    if isinstance(data, dict):
        seen = {p.path for p in problems}
        problems += [p for p in catalog_problems(data, catalog) if p.path not in seen]
    if problems or facts is None:
        raise FactsInvalid(problems or [Problem("$", "wrong_type")])
    return facts


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


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def catalog_problems(data: dict[str, Any], catalog: Catalog) -> list[Problem]:
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
    problems += _member_problems(members, _date(data.get("event_date")))
    if isinstance(event_id, str) and event_id in events:
        event = events[event_id]
        for address in event.addresses:
            if data.get(address) is None:
                problems.append(Problem(f"$.{address}", "required"))
        if event.concerned == "moving" and members and not any(m.get("moving") is True for m in members):
            problems.append(Problem("$.members", "no_moving_member"))
        if event.concerned == "subject" and members and sum(m.get("subject") is True for m in members) != 1:
            problems.append(Problem("$.members", "one_subject_needed"))
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
        birth = _date(member.get("birth_date"))
        code = birth_date_problem(birth, event_date) if birth is not None else None
        if code:
            problems.append(Problem(f"{base}.birth_date", code))
    if sum(1 for m in members if m.get("relation") == "head") > 1:
        problems.append(Problem("$.members", "several_heads"))
    return problems


def birth_date_problem(birth: dt.date, event_date: dt.date | None, today: dt.date | None = None) -> str | None:
    """The problem code of a birth date (after the event, in the future, implausibly early), or None."""
    if today is not None and birth > today:
        return "born_in_future"
    if event_date is not None and birth > event_date:
        return "born_after_event"
    if birth.year < 1880:
        return "implausible_date"
    return None


def head_problem(relation: str, other_relations: list[str]) -> str | None:
    """The problem code of a 続柄 given the other members' (a second 世帯主), or None."""
    return "several_heads" if relation == "head" and "head" in other_relations else None


def text_problem(value: str) -> str | None:
    """The problem code of a name or address part longer than the facts model (and the forms) hold, or None."""
    return "too_long" if len(value.strip()) > TEXT_MAX_LENGTH else None


def residence_card_problem(number: str) -> str | None:
    """The problem code of a 在留カード番号 (not two letters, eight digits, two letters), or None."""
    return None if re.fullmatch(RESIDENCE_CARD_PATTERN, number) else "bad_residence_card"


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
