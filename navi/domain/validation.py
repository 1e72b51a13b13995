"""Turns untrusted household data into `Facts`, listing every problem with its JSON path.

Problems carry a code and parameters, never prose: `navi.messages` words them in the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from navi.domain.catalog.loader import json_path
from navi.domain.catalog.model import Catalog
from navi.domain.facts import Facts

# pydantic error types → our problem codes (the words live in navi.messages).
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
    """Validate raw data (parsed JSON) against the facts model and the catalog; raises FactsInvalid."""
    try:
        facts = Facts.model_validate(data, strict=False)
    except ValidationError as error:
        raise FactsInvalid([_from_pydantic(item) for item in error.errors()]) from None
    problems = catalog_problems(facts, catalog)
    if problems:
        raise FactsInvalid(problems)
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


def catalog_problems(facts: Facts, catalog: Catalog) -> list[Problem]:
    """Problems that need the catalog or several fields at once to see."""
    problems: list[Problem] = []
    events = {e.id: e for e in catalog.events}
    if facts.event not in events:
        problems.append(Problem("$.event", "unknown_event", {"value": facts.event}))
    if facts.office not in {o.id for o in catalog.offices}:
        problems.append(Problem("$.office", "unknown_office", {"value": facts.office}))
    problems += _member_problems(facts)
    if facts.event in events:
        event = events[facts.event]
        for address in event.addresses:
            if getattr(facts, address) is None:
                problems.append(Problem(f"$.{address}", "required"))
        if event.concerned == "moving" and not any(m.moving for m in facts.members):
            problems.append(Problem("$.members", "no_moving_member"))
        if event.concerned == "subject" and sum(m.subject for m in facts.members) != 1:
            problems.append(Problem("$.members", "one_subject_needed"))
        problems += _answer_problems(facts, catalog)
    return problems


def _member_problems(facts: Facts) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, member in enumerate(facts.members):
        base = f"$.members[{index}]"
        if member.id in seen:
            problems.append(Problem(f"{base}.id", "duplicate_member_id", {"value": member.id}))
        seen.add(member.id)
        if member.birth_date > facts.event_date:
            problems.append(Problem(f"{base}.birth_date", "born_after_event"))
        if member.birth_date.year < 1880:
            problems.append(Problem(f"{base}.birth_date", "implausible_date"))
    if sum(1 for m in facts.members if m.relation.value == "head") > 1:
        problems.append(Problem("$.members", "several_heads"))
    return problems


def _answer_problems(facts: Facts, catalog: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    questions = {q.id: q for q in catalog.questions if facts.event in q.events}
    for key, value in facts.answers.items():
        path = f"$.answers.{key}"
        question = questions.get(key)
        if question is None:
            problems.append(Problem(path, "unknown_question", {"value": key}))
        elif value is None:
            if not question.allow_unknown:
                problems.append(Problem(path, "required"))
        elif question.kind == "yes_no" and not isinstance(value, bool):
            problems.append(Problem(path, "wrong_type"))
        elif question.kind == "number" and (isinstance(value, bool) or not isinstance(value, int)):
            problems.append(Problem(path, "wrong_type"))
        elif question.kind == "choice" and value not in [c.value for c in question.choices]:
            expected = ", ".join(str(c.value) for c in question.choices)
            problems.append(Problem(path, "not_allowed", {"expected": expected}))
    return problems
