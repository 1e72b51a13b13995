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

    def derived(self, member: Member, name: str, derive: Callable[[Context, Member], Any]) -> Any:
        """A derived member fact, worked out on first use only: most conditions read one or two of them."""
        known = self._derived.get(member.id)
        if known is None:
            known = self._derived[member.id] = {}
        if name not in known:
            known[name] = derive(self, member)
        return known[name]


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


_HOUSEHOLD: dict[str, Callable[[Context], Any]] = {
    "event": lambda ctx: ctx.facts.event,
    "office_kind": lambda ctx: ctx.office_kind,
    "household_size": lambda ctx: len(ctx.facts.members),
    "from_abroad": lambda ctx: ctx.facts.from_address is not None and ctx.facts.from_address.country != "JP",
    "to_abroad": lambda ctx: ctx.facts.to_address is not None and ctx.facts.to_address.country != "JP",
    "same_prefecture": lambda ctx: _same(ctx.facts.from_address, ctx.facts.to_address, "prefecture"),
    "same_city": lambda ctx: (_same(ctx.facts.from_address, ctx.facts.to_address, "prefecture")
                              and _same(ctx.facts.from_address, ctx.facts.to_address, "city")),
    "whole_household_moving": lambda ctx: all(m.moving for m in ctx.facts.members),
}


def _household_getter(name: str) -> Callable[[Context], Any]:
    if name.startswith("answer."):
        question_id = name.split(".", 1)[1]
        return lambda ctx: ctx.facts.answers.get(question_id)
    getter = _HOUSEHOLD.get(name)
    if getter is None:
        def unknown(ctx: Context) -> Any:
            raise ConditionError(f"unknown household fact {name!r}")
        return unknown
    return getter


Test = Callable[[Context, Member | None], bool]
# Each condition tree turned once into nested closures (the interview, the plan and the counter's 未確認 check
# evaluate the same rows thousands of times a page). Keyed by the object, which the entry keeps alive so that
# its id is not reused; catalog data only, never a resident's. Cleared when full: the editor's previews make
# new condition objects on every request.
_compiled: dict[int, tuple[Condition, Test]] = {}
_MAX_COMPILED = 20_000


def holds(condition: Condition, ctx: Context, member: Member | None = None) -> bool:
    """Whether `condition` holds for the household in `ctx` (and for `member`, in member scope)."""
    found = _compiled.get(id(condition))
    if found is None:
        if len(_compiled) >= _MAX_COMPILED:
            _compiled.clear()
        found = _compiled[id(condition)] = (condition, _compile(condition))
    return found[1](ctx, member)


def _compile(condition: Condition) -> Test:
    """The condition as a function of (context, member); errors of evaluation are raised when evaluated."""
    if isinstance(condition, Leaf):
        return _compile_leaf(condition)
    if isinstance(condition, AllOf):
        every = tuple(_compile(part) for part in condition.all)

        def all_hold(ctx: Context, member: Member | None) -> bool:
            for part in every:  # noqa: SIM110 -- a loop, not all(): no generator made per evaluation
                if not part(ctx, member):
                    return False
            return True
        return all_hold
    if isinstance(condition, AnyOf):
        some = tuple(_compile(part) for part in condition.any)

        def any_holds(ctx: Context, member: Member | None) -> bool:
            for part in some:  # noqa: SIM110 -- a loop, not any(): no generator made per evaluation
                if part(ctx, member):
                    return True
            return False
        return any_holds
    if isinstance(condition, NotOf):
        inner = _compile(condition.not_)
        return lambda ctx, member: not inner(ctx, member)
    if isinstance(condition, SomeMember):
        each = _compile(condition.some_member)
        return lambda ctx, member: any(each(ctx, m) for m in ctx.facts.members)
    if isinstance(condition, CountMembers):
        each, compare, value = _compile(condition.count_members), _COMPARE[condition.op], condition.value

        def counted(ctx: Context, member: Member | None) -> bool:
            return compare(sum(1 for m in ctx.facts.members if each(ctx, m)), _resolve(value, ctx))
        return counted
    raise ConditionError(f"not a condition: {type(condition).__name__}")


def _resolve(value: Any, ctx: Context) -> Any:
    if isinstance(value, Param):
        return ctx.parameters[value.param]
    return value


def _compile_leaf(leaf: Leaf) -> Test:
    fact, compare = leaf.fact, _COMPARE[leaf.op]
    # An unanswered question ("わからない") satisfies no comparison but "ne"/"not_in".
    when_unknown = leaf.op in ("ne", "not_in")
    param = leaf.value.param if isinstance(leaf.value, Param) else None
    fixed = leaf.value
    spec = FACTS.get(fact)
    rank = spec.values.index if (spec is not None and spec.ordered and spec.values
                                 and leaf.op in ("lt", "le", "gt", "ge")) else None
    if fact in MEMBER_FACTS:
        derive = _DERIVED.get(fact)

        def actual_of(ctx: Context, member: Member | None) -> Any:
            if member is None:
                raise ConditionError(f"member fact {fact!r} used outside a member scope")
            if derive is not None:
                return ctx.derived(member, fact, derive)
            value = getattr(member, fact)
            return getattr(value, "value", value)
    else:
        household = _household_getter(fact)

        def actual_of(ctx: Context, member: Member | None) -> Any:
            return household(ctx)

    def test(ctx: Context, member: Member | None) -> bool:
        actual = actual_of(ctx, member)
        expected = fixed if param is None else ctx.parameters[param]
        if actual is None:
            return when_unknown
        if rank is not None:
            return compare(rank(actual), rank(expected))
        return compare(actual, expected)
    return test
