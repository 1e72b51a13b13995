"""Open questions: an unanswered question that decides a procedure is listed in the plan, never taken as "no".

A question is open when the facts have no answer for it (「わからない」 is an answer), its ask_when holds, and
some answer would add a procedure the plan does not list (design.md §4: `could_add`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from navi.domain.catalog.model import AllOf, AnyOf, Catalog, Condition, Leaf, NotOf, Procedure, Question, SomeMember
from navi.domain.conditions import Context, holds

Matcher = Callable[[Procedure, Context], bool]
_readers: dict[tuple[str, str, str], tuple[Procedure, ...]] = {}


@dataclass
class OpenQuestion:
    """A deciding question without an answer, and the procedures an answer could add."""

    question: str
    text: str
    could_add: list[str]


def _facts_read(condition: Condition) -> set[str]:
    if isinstance(condition, Leaf):
        return {condition.fact}
    if isinstance(condition, AllOf | AnyOf):
        parts = condition.all if isinstance(condition, AllOf) else condition.any
        return set().union(*(_facts_read(part) for part in parts))
    if isinstance(condition, NotOf):
        return _facts_read(condition.not_)
    if isinstance(condition, SomeMember):
        return _facts_read(condition.some_member)
    return _facts_read(condition.count_members)


def _deciding(catalog: Catalog, event: str, question: str) -> tuple[Procedure, ...]:
    """The event's procedures whose conditions read the answer (cached per catalog version: no resident data)."""
    key = (catalog.version, event, question)
    if key not in _readers:
        name = f"answer.{question}"
        _readers[key] = tuple(p for p in catalog.procedures
                              if event in p.events and name in _facts_read(p.condition))
    return _readers[key]


def _values(question: Question) -> list:
    return [c.value for c in question.choices] if question.kind == "choice" else [True, False]


def open_questions(ctx: Context, catalog: Catalog, listed: set[str], applies: Matcher, lang: str) -> list[OpenQuestion]:
    """The questions of this event that are unanswered and could add procedures to `listed`."""
    facts = ctx.facts
    found = []
    for question in catalog.questions:
        if facts.event not in question.events or question.id in facts.answers:
            continue
        if question.kind not in ("yes_no", "choice"):
            continue
        deciding = [p for p in _deciding(catalog, facts.event, question.id) if p.id not in listed]
        if not deciding or (question.ask_when is not None and not holds(question.ask_when, ctx)):
            continue
        added: list[str] = []
        for value in _values(question):
            answered = facts.model_copy(update={"answers": {**facts.answers, question.id: value}})
            trial = Context(answered, ctx.parameters, ctx.office_kind, ctx.concerned_ids)
            added += [p.id for p in deciding if p.id not in added and applies(p, trial)]
        if added:
            found.append(OpenQuestion(question.id, question.text.get(lang), added))
    return found
