"""What a form says for one household: each field's printed words, the person rows and the clerk's ticks.

Facts stay typed in `navi.domain.prefill`; here they become words on paper: 和暦 dates, 〒 codes, and the
catalog's vocabulary for coded values (male → 男, spouse → 妻).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from navi.domain.catalog.layout import ClerkCell
from navi.domain.catalog.model import Catalog, Form, FormField
from navi.domain.dates import format_wareki
from navi.domain.facts import Facts, Member
from navi.domain.planner import Plan
from navi.domain.prefill import SOURCES, claimant, fill, notifier


@dataclass(frozen=True)
class Value:
    """A field as printed, and its coded value (for check boxes)."""

    text: str = ""
    code: str | None = None


@dataclass
class FormData:
    """Everything printed on one form for one household."""

    form: Form
    once: dict[str, Value]
    rows: list[dict[str, Value]]
    row_names: list[str]
    planned: set[str] = field(default_factory=set)

    def ticked(self, cell: ClerkCell) -> bool:
        """Whether a clerk cell is ticked: the plan has one of its procedures (or files it as deemed)."""
        return bool(self.planned & set(cell.procedures))


def form_data(form: Form, facts: Facts, catalog: Catalog, plan: Plan, today: dt.date) -> FormData:
    """The printed values of `form` for this household and plan."""
    today_fields = {p.field for p in form.layout.fields if p.today} if form.layout else set()
    once = {f.id: printed(f, facts, None, catalog, today if f.id in today_fields else None)
            for f in form.fields if f.repeat == "once"}
    members = form_members(form.id, facts, plan)
    rows = [{f.id: printed(f, facts, m, catalog) for f in form.fields if f.repeat == "member"} for m in members]
    planned = {p.id for p in plan.procedures} | {d.id for p in plan.procedures for d in p.deemed}
    return FormData(form, once, rows, [m.full_name for m in members], planned)


def form_members(form_id: str, facts: Facts, plan: Plan) -> list[Member]:
    """The members a form's person rows list: those of every planned procedure filed with it."""
    wanted = {m for p in plan.procedures if form_id in p.forms and not p.automatic for m in p.members}
    return [m for m in facts.members if m.id in wanted]


def printed(form_field: FormField, facts: Facts, member: Member | None, catalog: Catalog,
            today: dt.date | None = None) -> Value:
    """One field as printed: blank for hand-filled fields (or the print date for 届出日)."""
    if form_field.source == "manual":
        return Value(format_wareki(today)) if today else Value()
    value = fill(form_field.source, facts, member)
    if value is None or value == "":
        return Value()
    if isinstance(value, dt.date):
        return Value(format_wareki(value))
    if form_field.source.endswith("postal_code") and len(value) == 7:
        return Value(f"〒{value[:3]}-{value[3:]}")
    if SOURCES[form_field.source].kind in ("enum", "bool") or form_field.source.endswith("nationality"):
        person = _person(form_field.source, facts, member)
        sex = person.sex.value if person else None
        return Value(catalog.form_words.word(form_field.source, value, sex), str(value).lower())
    return Value(str(value))


def _person(source: str, facts: Facts, member: Member | None) -> Member | None:
    """The person a fact path describes, for words that depend on their sex (続柄)."""
    who = source.split(".", 1)[0]
    if who == "member":
        return member
    if who == "notifier":
        return notifier(facts)
    if who == "claimant":
        return claimant(facts)
    if who == "head":
        return facts.head
    if who == "subject":
        return next((m for m in facts.members if m.subject), None)
    return None


# The sources a household may leave out (design.md §3: `address` is optional); a form printing one says so.
OPTIONAL_SOURCES = ("address", "postal_code")


def missing_fields(forms: list[Form], facts: Facts) -> list[tuple[str, str]]:
    """(form id, field label) for every printed field whose optional fact the household left out."""
    if facts.current_address is not None:
        return []
    return [(form.id, f.label.ja) for form in forms for f in form.fields if f.source in OPTIONAL_SOURCES]
