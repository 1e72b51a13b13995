"""Fills form fields from household facts: the one list of fact paths a form field may name.

Values stay typed (dates, enum codes); the PDF layer words and formats them (和暦, 男・女) for print.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from navi.domain.facts import Address, Facts, Member, Relation
from navi.domain.filers import parents


@dataclass(frozen=True)
class Source:
    """A fact path a form field can be filled from."""

    kind: str  # "text", "date", "enum", "bool"
    per_member: bool
    read: Callable[..., Any]


def _address(address: Address | None, part: str | None = None) -> Any:
    if address is None:
        return None
    return address.one_line() if part is None else getattr(address, part) or None


def _chosen(facts: Facts, member_id: str | None) -> Member | None:
    return next((m for m in facts.members if m.id == member_id), None) if member_id else None


def notifier(facts: Facts) -> Member:
    """Who files (届出人): the member chosen; else the head, or for a head's death the oldest survivor."""
    chosen = _chosen(facts, facts.notifier)
    if chosen is not None:
        return chosen
    head = facts.head
    if head is not None and not (facts.event == "death" and head.subject):
        return head
    living = [m for m in facts.members if not (facts.event == "death" and m.subject)] or list(facts.members)
    return min(living, key=lambda m: m.birth_date)


def claimant(facts: Facts) -> Member:
    """Who claims an allowance (請求者): the member chosen; else a parent (the head, or the spouse when the head
    died or stays behind), whoever files; else the 届出人."""
    chosen = _chosen(facts, facts.claimant)
    if chosen is not None:
        return chosen
    return next(iter(parents(facts)), None) or notifier(facts)


def claimant_spouse(facts: Facts) -> Member | None:
    """The claimant's spouse (配偶者): the head's spouse, or the head when the claimant is the spouse."""
    person = claimant(facts)
    if person.relation is Relation.HEAD:
        return next((m for m in facts.members if m.relation is Relation.SPOUSE), None)
    return facts.head if person.relation is Relation.SPOUSE else None


def living_with_claimant(facts: Facts, member: Member) -> bool:
    """Whether a member lives with the claimant (同居): in a move, only those who move with them do."""
    return member.moving == claimant(facts).moving


def _member(read: Callable[[Member], Any], kind: str = "text") -> Source:
    return Source(kind, True, lambda facts, member: read(member))


def _household(read: Callable[[Facts], Any], kind: str = "text") -> Source:
    return Source(kind, False, lambda facts, member=None: read(facts))


def _head(read: Callable[[Member], Any], kind: str = "text") -> Source:
    return _household(lambda facts: read(facts.head) if facts.head else None, kind)


SOURCES: dict[str, Source] = {
    "event_date": _household(lambda f: f.event_date, "date"),
    "new_address": _household(lambda f: _address(f.to_address)),
    "new_postal_code": _household(lambda f: _address(f.to_address, "postal_code")),
    "old_address": _household(lambda f: _address(f.from_address)),
    "old_postal_code": _household(lambda f: _address(f.from_address, "postal_code")),
    "address": _household(lambda f: _address(f.current_address)),
    "postal_code": _household(lambda f: _address(f.current_address, "postal_code")),
    "head.full_name": _head(lambda m: m.full_name),
    "head.full_name_kana": _head(lambda m: m.full_name_kana),
    "notifier.full_name": _household(lambda f: notifier(f).full_name),
    "notifier.phone": _household(lambda f: notifier(f).phone),
    "notifier.relation": _household(lambda f: notifier(f).relation.value, "enum"),
    "claimant.full_name": _household(lambda f: claimant(f).full_name),
    "claimant.phone": _household(lambda f: claimant(f).phone),
    "claimant.relation": _household(lambda f: claimant(f).relation.value, "enum"),
    "claimant.pension_scheme": _household(lambda f: claimant(f).pension.value, "enum"),
    "claimant.spouse.full_name": _household(lambda f: getattr(claimant_spouse(f), "full_name", None)),
    "member.living_together": Source("bool", True, living_with_claimant),
    "subject.full_name": _household(lambda f: next((m.full_name for m in f.members if m.subject), None)),
    "subject.full_name_kana": _household(lambda f: next((m.full_name_kana for m in f.members if m.subject), None)),
    "subject.birth_date": _household(lambda f: next((m.birth_date for m in f.members if m.subject), None), "date"),
    "subject.sex": _household(lambda f: next((m.sex.value for m in f.members if m.subject), None), "enum"),
    "member.full_name": _member(lambda m: m.full_name),
    "member.full_name_kana": _member(lambda m: m.full_name_kana),
    "member.family_name": _member(lambda m: m.family_name),
    "member.given_name": _member(lambda m: m.given_name),
    "member.birth_date": _member(lambda m: m.birth_date, "date"),
    "member.sex": _member(lambda m: m.sex.value, "enum"),
    "member.relation": _member(lambda m: m.relation.value, "enum"),
    "member.nationality": _member(lambda m: m.nationality),
    "member.residence_status": _member(lambda m: m.residence_status),
    "member.residence_card_number": _member(lambda m: m.residence_card_number),
    "member.period_of_stay_until": _member(lambda m: m.period_of_stay_until, "date"),
    "member.health_insurance": _member(lambda m: m.health_insurance.value, "enum"),
    "member.pension": _member(lambda m: m.pension.value, "enum"),
    "member.care_level": _member(lambda m: m.care_level.value, "enum"),
    "member.is_head": _member(lambda m: m.relation is Relation.HEAD, "bool"),
}


def fill(source: str, facts: Facts, member: Member | None = None) -> Any:
    """The value a form field with this source gets for a household (and member, for repeated rows)."""
    spec = SOURCES[source]
    return spec.read(facts, member) if spec.per_member else spec.read(facts)
