"""The condition interpreter: evaluates catalog conditions on household facts, never with `eval`.

A condition is a tree of rows (fact, operator, value) joined by all/any/not, and household quantifiers
(some_member, count_members). Member facts are read from the member in hand; household facts from the
household. `FACTS` is the one list of fact names a catalog may use.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from navi.domain.catalog.model import AllOf, AnyOf, Condition, CountMembers, Leaf, NotOf, Param, SomeMember
from navi.domain.dates import SCHOOL_STAGE_ORDER, birthday_age, legal_age, school_stage
from navi.domain.facts import CareLevel, Facts, HealthInsurance, Member, Pension, Relation, Sex


@dataclass(frozen=True)
class FactSpec:
    """A fact a condition may name: its scope, the type of its values and, for enums, the allowed ones."""

    scope: str  # "member" or "household"
    kind: type
    values: tuple[Any, ...] | None = None
    ordered: bool = False


def _enum_values(enum: Any) -> tuple[str, ...]:
    return tuple(item.value for item in enum)


MEMBER_FACTS: dict[str, FactSpec] = {
    "relation": FactSpec("member", str, _enum_values(Relation)),
    "sex": FactSpec("member", str, _enum_values(Sex)),
    "nationality": FactSpec("member", str),
    "foreign": FactSpec("member", bool),
    "special_permanent_resident": FactSpec("member", bool),
    "health_insurance": FactSpec("member", str, _enum_values(HealthInsurance)),
    "pension": FactSpec("member", str, _enum_values(Pension)),
    "has_my_number_card": FactSpec("member", bool),
    "care_level": FactSpec("member", str, _enum_values(CareLevel)),
    "care_certified": FactSpec("member", bool),
    "disability_handbook": FactSpec("member", bool),
    "moving": FactSpec("member", bool),
    "subject": FactSpec("member", bool),
    "concerned": FactSpec("member", bool),
    "age": FactSpec("member", int, ordered=True),
    "birthday_age": FactSpec("member", int, ordered=True),
    "school_stage": FactSpec("member", str, tuple(SCHOOL_STAGE_ORDER), ordered=True),
}

HOUSEHOLD_FACTS: dict[str, FactSpec] = {
    "event": FactSpec("household", str),
    "office_kind": FactSpec("household", str, ("ward", "branch")),
    "household_size": FactSpec("household", int, ordered=True),
    "from_abroad": FactSpec("household", bool),
    "to_abroad": FactSpec("household", bool),
    "same_prefecture": FactSpec("household", bool),
    "same_city": FactSpec("household", bool),
    "whole_household_moving": FactSpec("household", bool),
}

FACTS: dict[str, FactSpec] = {**MEMBER_FACTS, **HOUSEHOLD_FACTS}

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
    "in": lambda a, b: a in b,
    "not_in": lambda a, b: a not in b,
}


class ConditionError(ValueError):
    """A condition that cannot be evaluated (a catalog bug that `catalog check` should have caught)."""


@dataclass(frozen=True)
class Context:
    """Everything a condition can look at: the facts, the catalog's parameters and the office kind."""

    facts: Facts
    parameters: Mapping[str, Any]
    office_kind: str
    concerned_ids: frozenset[str]
    # Derived member facts, computed once per member (the interview evaluates many conditions per page).
    _derived: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False, repr=False)

    def member_fact(self, member: Member, name: str) -> Any:
        """The value of a member fact for `member`, on the event date."""
        derive = _DERIVED.get(name)
        if derive is None:
            value = getattr(member, name)
            return getattr(value, "value", value)
        # Each derived fact is worked out on first use only: most conditions read one or two of them.
        known = self._derived.setdefault(member.id, {})
        if name not in known:
            known[name] = derive(self, member)
        return known[name]

    def household_fact(self, name: str) -> Any:
        """The value of a household fact, or of an answer (`answer.<question id>`)."""
        if name.startswith("answer."):
            return self.facts.answers.get(name.split(".", 1)[1])
        facts = self.facts
        source, target = facts.from_address, facts.to_address
        values = {
            "event": lambda: facts.event,
            "office_kind": lambda: self.office_kind,
            "household_size": lambda: len(facts.members),
            "from_abroad": lambda: source is not None and source.country != "JP",
            "to_abroad": lambda: target is not None and target.country != "JP",
            "same_prefecture": lambda: _same(source, target, "prefecture"),
            "same_city": lambda: _same(source, target, "prefecture") and _same(source, target, "city"),
            "whole_household_moving": lambda: all(m.moving for m in facts.members),
        }
        if name not in values:
            raise ConditionError(f"unknown household fact {name!r}")
        return values[name]()


_DERIVED: dict[str, Callable[[Context, Member], Any]] = {
    "foreign": lambda ctx, member: member.nationality != "JP",
    # 特別永住者 hold a 特別永住者証明書 under the special act, not a 在留カード.
    "special_permanent_resident": lambda ctx, member: member.residence_status == "特別永住者",
    "care_certified": lambda ctx, member: member.care_level is not CareLevel.NONE,
    "concerned": lambda ctx, member: member.id in ctx.concerned_ids,
    "age": lambda ctx, member: legal_age(member.birth_date, ctx.facts.event_date),
    "birthday_age": lambda ctx, member: birthday_age(member.birth_date, ctx.facts.event_date),
    "school_stage": lambda ctx, member: school_stage(member.birth_date, ctx.facts.event_date).value,
}


def _same(a: Any, b: Any, field: str) -> bool:
    return a is not None and b is not None and getattr(a, field) == getattr(b, field)


def holds(condition: Condition, ctx: Context, member: Member | None = None) -> bool:
    """Whether `condition` holds for the household in `ctx` (and for `member`, in member scope)."""
    if isinstance(condition, Leaf):  # most rows of a tree are leaves: tried first
        return _leaf(condition, ctx, member)
    if isinstance(condition, AllOf):
        return all(holds(part, ctx, member) for part in condition.all)
    if isinstance(condition, AnyOf):
        return any(holds(part, ctx, member) for part in condition.any)
    if isinstance(condition, NotOf):
        return not holds(condition.not_, ctx, member)
    if isinstance(condition, SomeMember):
        return any(holds(condition.some_member, ctx, m) for m in ctx.facts.members)
    if isinstance(condition, CountMembers):
        count = sum(1 for m in ctx.facts.members if holds(condition.count_members, ctx, m))
        return _COMPARE[condition.op](count, _resolve(condition.value, ctx))
    raise ConditionError(f"not a condition: {type(condition).__name__}")


def _resolve(value: Any, ctx: Context) -> Any:
    if isinstance(value, Param):
        return ctx.parameters[value.param]
    return value


def _leaf(leaf: Leaf, ctx: Context, member: Member | None) -> bool:
    if leaf.fact in MEMBER_FACTS:
        if member is None:
            raise ConditionError(f"member fact {leaf.fact!r} used outside a member scope")
        actual = ctx.member_fact(member, leaf.fact)
    else:
        actual = ctx.household_fact(leaf.fact)
    expected = _resolve(leaf.value, ctx)
    if actual is None:
        # An unanswered question ("わからない") satisfies no comparison but "ne"/"not_in".
        return leaf.op in ("ne", "not_in")
    spec = FACTS.get(leaf.fact)
    if spec is not None and spec.ordered and spec.values and leaf.op in ("lt", "le", "gt", "ge"):
        actual, expected = spec.values.index(actual), spec.values.index(expected)
    return _COMPARE[leaf.op](actual, expected)
