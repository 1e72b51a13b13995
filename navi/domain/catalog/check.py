"""Checks a loaded catalog beyond its schema: references, condition facts, form sources, examples.

`check_catalog` finds what makes a catalog unusable; `catalog_warnings` what a supervisor should fix but may
publish with; `run_examples` runs every procedure's example households through the planner. All name the
file and path a supervisor must edit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from navi.domain.catalog.check_texts import easy_ja_warnings, text_problems
from navi.domain.catalog.in_force import Dated
from navi.domain.catalog.layout import Box, FormLayout, FormWords, attribute
from navi.domain.catalog.loader import CatalogProblem
from navi.domain.catalog.model import (
    AllOf,
    AnyOf,
    Catalog,
    Condition,
    CountMembers,
    Form,
    Leaf,
    NotOf,
    Param,
    Procedure,
    SomeMember,
)
from navi.domain.conditions import FACTS, MEMBER_FACTS
from navi.domain.prefill import SOURCES
from navi.domain.validation import FactsInvalid, parse_example


def check_catalog(catalog: Catalog) -> list[CatalogProblem]:
    """Every cross-reference and condition problem in a structurally valid catalog."""
    problems: list[CatalogProblem] = []
    problems += _duplicate_ids(catalog)
    counters = {c.id for c in catalog.counters}
    offices = {o.id: o for o in catalog.offices}
    for i, office in enumerate(catalog.offices):
        for j, counter in enumerate(office.counters):
            if counter not in counters:
                problems.append(_p("offices.yaml", f"$.offices[{i}].counters[{j}]", f"unknown counter {counter!r}"))
        if office.kind == "branch" and (office.ward not in offices or offices[office.ward].kind != "ward"):
            problems.append(_p("offices.yaml", f"$.offices[{i}].ward", "a branch office must name its ward office"))
    for question in catalog.questions:
        for event in question.events:
            if event not in {e.id for e in catalog.events}:
                problems.append(_p("events.yaml", f"questions#{question.id}.events", f"unknown event {event!r}"))
        if question.ask_when is not None:
            problems += _condition_problems(question.ask_when, catalog, "events.yaml",
                                            f"questions#{question.id}.ask_when", member_scope=False)
    for procedure in catalog.procedures:
        problems += _procedure_problems(procedure, catalog, counters)
    for form in catalog.forms:
        for k, form_field in enumerate(form.fields):
            if form_field.source != "manual" and form_field.source not in SOURCES:
                problems.append(_p(f"forms/{form.id}.yaml", f"$.fields[{k}].source",
                                   f"no fact fills this field: unknown source {form_field.source!r}"))
            elif form_field.source != "manual" and (
                SOURCES[form_field.source].per_member != (form_field.repeat == "member")
            ):
                problems.append(_p(f"forms/{form.id}.yaml", f"$.fields[{k}].repeat",
                                   f"source {form_field.source!r} needs repeat: "
                                   f"{'member' if SOURCES[form_field.source].per_member else 'once'}"))
        problems += layout_problems(form, catalog)
    problems += text_problems(catalog)
    for name, household in catalog.households.items():
        try:
            parse_example(household, catalog)
        except FactsInvalid as error:
            for problem in error.problems:
                problems.append(_p(f"households/{name}.yaml", problem.path, f"invalid household: {problem.code}"))
    return problems


def catalog_warnings(catalog: Catalog) -> list[CatalogProblem]:
    """What a supervisor should fix but may publish with (a text without easy_ja); never stops a catalog."""
    return easy_ja_warnings(catalog)


def layout_problems(form: Form, catalog: Catalog) -> list[CatalogProblem]:
    """A form's print layout: known field ids, each in the right place (once or per person), on the page."""
    if form.layout is None:
        return []
    file = f"forms/{form.id}.yaml"
    problems = _placement_problems(form, catalog, file) + _page_problems(form.layout, file)
    procedures = {p.id for p in catalog.procedures}
    fields = {f.id for f in form.fields}
    for i, cell in enumerate(form.layout.clerk.cells if form.layout.clerk else []):
        if cell.field is not None and cell.field not in fields:
            problems.append(_p(file, f"$.layout.clerk.cells[{i}].field", f"unknown field {cell.field!r}"))
        problems += [_p(file, f"$.layout.clerk.cells[{i}].procedures", f"unknown procedure {p!r}")
                     for p in cell.procedures if p not in procedures]
    return problems


def _placement_problems(form: Form, catalog: Catalog, file: str) -> list[CatalogProblem]:
    layout, problems = form.layout, []
    fields = {f.id: f for f in form.fields}
    placed = {p.field: ("once", f"$.layout.fields[{i}]", p) for i, p in enumerate(layout.fields)}
    columns = layout.rows.columns if layout.rows else []
    placed |= {c.field: ("member", f"$.layout.rows.columns[{i}]", c) for i, c in enumerate(columns)}
    for field_id, (repeat, path, style) in placed.items():
        if field_id not in fields:
            problems.append(_p(file, f"{path}.field", f"unknown field {field_id!r}"))
        elif fields[field_id].repeat != repeat:
            where = "layout.rows" if fields[field_id].repeat == "member" else "layout.fields"
            problems.append(_p(file, f"{path}.field", f"field {field_id!r} repeats "
                               f"{fields[field_id].repeat!r}: place it in {where}"))
        else:
            problems += _choice_problems(style.choices, fields[field_id].source, catalog.form_words, file, path)
    problems += [_p(file, "$.layout", f"field {f.id!r} is filled from the facts but has no place on the form")
                 for f in form.fields if f.source != "manual" and f.id not in placed]
    return problems


def _page_problems(layout: FormLayout, file: str) -> list[CatalogProblem]:
    width, height = layout.page.size_mm()
    boxes: list[tuple[str, Box | None]] = [("$.layout.title", layout.title), ("$.layout.clerk", layout.clerk),
                                           ("$.layout.signature", layout.signature)]
    boxes += [(f"$.layout.frames[{i}]", b) for i, b in enumerate(layout.frames)]
    boxes += [(f"$.layout.fields[{i}]", b) for i, b in enumerate(layout.fields)]
    problems = [_p(file, path, f"box runs off the {width:g}×{height:g} mm page")
                for path, box in boxes if box is not None and (box.x + box.w > width or box.y + box.h > height)]
    rows = layout.rows
    if rows and rows.bottom() > height:
        problems.append(_p(file, "$.layout.rows", f"{rows.per_page} rows run off the {height:g} mm page"))
    for i, column in enumerate(rows.columns if rows else []):
        if column.x + column.w > width or column.dy + column.height(rows.pitch) > rows.pitch:
            problems.append(_p(file, f"$.layout.rows.columns[{i}]", "cell runs off the page or out of its row"))
    return problems


def _choice_problems(choices: list[str], source: str, words: FormWords, file: str, path: str) -> list[CatalogProblem]:
    known = words.values.get(attribute(source), {})
    return [_p(file, f"{path}.choices", f"{choice!r} has no word in vocabulary.yaml for {attribute(source)!r}")
            for choice in choices if choice not in known]


def _p(file: str, path: str, message: str) -> CatalogProblem:
    return CatalogProblem(file, path, message)


def _duplicate_ids(catalog: Catalog) -> list[CatalogProblem]:
    problems = []
    for kind, items in (("counters", catalog.counters), ("offices", catalog.offices), ("events", catalog.events),
                        ("questions", catalog.questions), ("documents", catalog.documents),
                        ("procedures", catalog.procedures), ("forms", catalog.forms)):
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                problems.append(_p(kind, f"#{item.id}", f"duplicate id {item.id!r}"))
            seen.add(item.id)
    return problems


def _procedure_problems(procedure: Procedure, catalog: Catalog, counters: set[str]) -> list[CatalogProblem]:
    file = catalog.procedure_files.get(procedure.id, "procedures")
    base = f"$[id={procedure.id}]"
    problems = []
    refs = [
        ("counter", [procedure.counter], counters),
        ("events", procedure.events, {e.id for e in catalog.events}),
        ("documents", procedure.documents, {d.id for d in catalog.documents}),
        ("forms", procedure.forms, {f.id for f in catalog.forms}),
        ("available_at", procedure.available_at, {"ward", "branch"} | {o.id for o in catalog.offices}),
    ]
    for field_name, values, known in refs:
        for value in values:
            if value not in known:
                problems.append(_p(file, f"{base}.{field_name}", f"unknown {field_name.rstrip('s')} {value!r}"))
    if procedure.deemed_with is not None:
        ids = {p.id for p in catalog.procedures}
        if procedure.deemed_with not in ids or procedure.deemed_with == procedure.id:
            problems.append(_p(file, f"{base}.deemed_with", f"unknown procedure {procedure.deemed_with!r}"))
    problems += _condition_problems(procedure.condition, catalog, file, f"{base}.condition",
                                    member_scope=procedure.scope == "member", events=procedure.events)
    # Conditions on documents and notes read the household (some_member for a member's facts).
    extra = [(f"{base}.documents_when.{d}", c) for d, c in procedure.documents_when.items()]
    extra += [(f"{base}.notes_when", procedure.notes_when)] if procedure.notes_when is not None else []
    for path, condition in extra:
        problems += _condition_problems(condition, catalog, file, path, member_scope=False, events=procedure.events)
    problems += [_p(file, f"{base}.documents_when.{d}", f"document {d!r} is not in documents")
                 for d in procedure.documents_when if d not in procedure.documents]
    examples = procedure.examples.must + procedure.examples.must_not
    for example in examples:
        if example.household not in catalog.households:
            problems.append(_p(file, f"{base}.examples", f"unknown example household {example.household!r}"))
    return problems


def _leaves(condition: Condition, member_scope: bool) -> Iterator[tuple[Leaf | CountMembers, bool, str]]:
    """Every leaf of a condition with whether a member is in scope there, and its path."""
    stack: list[tuple[Condition, bool, str]] = [(condition, member_scope, "")]
    while stack:
        node, in_member, path = stack.pop()
        if isinstance(node, AllOf):
            stack += [(part, in_member, f"{path}.all[{i}]") for i, part in enumerate(node.all)]
        elif isinstance(node, AnyOf):
            stack += [(part, in_member, f"{path}.any[{i}]") for i, part in enumerate(node.any)]
        elif isinstance(node, NotOf):
            stack.append((node.not_, in_member, f"{path}.not"))
        elif isinstance(node, SomeMember):
            stack.append((node.some_member, True, f"{path}.some_member"))
        elif isinstance(node, CountMembers):
            yield node, in_member, path
            stack.append((node.count_members, True, f"{path}.count_members"))
        else:
            yield node, in_member, path


def _condition_problems(condition: Condition, catalog: Catalog, file: str, base: str, *,
                        member_scope: bool, events: list[str] | None = None) -> list[CatalogProblem]:
    problems = []
    params = catalog.info.parameters
    for leaf, in_member, path in _leaves(condition, member_scope):
        where = f"{base}{path}"
        value = leaf.value
        if isinstance(value, Param):
            if value.param not in params:
                problems.append(_p(file, f"{where}.value", f"unknown parameter {value.param!r}"))
                continue
            value = params[value.param]
        if isinstance(leaf, CountMembers):
            continue
        if isinstance(value, Dated):  # every value it ever had must fit the fact
            for k, dated in enumerate(value.in_force):
                problems += _leaf_problems(leaf, dated.value, in_member, catalog, file, f"{where}[{k}]", events)
            continue
        problems += _leaf_problems(leaf, value, in_member, catalog, file, where, events)
    return problems


def _leaf_problems(leaf: Leaf, value, in_member: bool, catalog: Catalog, file: str, where: str,
                   events: list[str] | None) -> list[CatalogProblem]:
    """One condition row: a known fact (or question asked for these events), in scope, with a fitting value."""
    if leaf.fact.startswith("answer."):
        question = next((q for q in catalog.questions if q.id == leaf.fact.split(".", 1)[1]), None)
        if question is None:
            return [_p(file, f"{where}.fact", f"unknown fact {leaf.fact!r}: no such question")]
        if events and not set(events) & set(question.events):
            return [_p(file, f"{where}.fact", f"question {question.id!r} is not asked for these events")]
        return []
    spec = FACTS.get(leaf.fact)
    if spec is None:
        return [_p(file, f"{where}.fact", f"unknown fact {leaf.fact!r}")]
    problems = []
    if leaf.fact in MEMBER_FACTS and not in_member:
        problems.append(_p(file, f"{where}.fact", f"member fact {leaf.fact!r} needs a member scope"))
    return problems + _value_problems(leaf, value, spec, file, where)


def _value_problems(leaf: Leaf, value, spec, file: str, where: str) -> list[CatalogProblem]:
    values = value if isinstance(value, list) else [value]
    if leaf.op in ("in", "not_in") and not isinstance(value, list):
        return [_p(file, f"{where}.value", f"operator {leaf.op!r} needs a list")]
    if leaf.op in ("lt", "le", "gt", "ge") and not spec.ordered:
        return [_p(file, f"{where}.op", f"fact {leaf.fact!r} has no order")]
    problems = []
    for item in values:
        if spec.values is not None and item not in spec.values:
            problems.append(_p(file, f"{where}.value", f"{item!r} is not a value of {leaf.fact!r}"))
        elif spec.values is None and not isinstance(item, spec.kind):
            problems.append(_p(file, f"{where}.value", f"{item!r} is not a {spec.kind.__name__}"))
        elif spec.kind is int and isinstance(item, bool):
            problems.append(_p(file, f"{where}.value", f"{item!r} is not a number"))
    return problems


@dataclass(frozen=True)
class ExampleResult:
    """The outcome of one example household for one procedure."""

    procedure: str
    household: str
    expected: bool
    ok: bool
    detail: str  # for the command line (English, as every message of `navi catalog`)
    # For screens to word in their own language: who the procedure was for, who the example expects, and
    # whether the example could run at all.
    found: tuple[str, ...] = ()
    wanted: tuple[str, ...] | None = None
    ran: bool = True


def run_examples(catalog: Catalog) -> list[ExampleResult]:
    """Run every procedure's must and must-not examples through the planner."""
    from navi.domain.planner import context_for, matching_members

    results = []
    for procedure in catalog.procedures:
        cases = [(e, True) for e in procedure.examples.must] + [(e, False) for e in procedure.examples.must_not]
        for example, expected in cases:
            facts = parse_example(catalog.households[example.household], catalog)
            members = matching_members(procedure, facts, context_for(facts, catalog))
            found = [m.id for m in members] if members else []
            if expected:
                ok = bool(found) and (example.members is None or sorted(found) == sorted(example.members))
                detail = f"members {found}" + ("" if example.members is None else f", expected {example.members}")
            else:
                ok = not found
                detail = "not triggered" if ok else f"triggered for {found}"
            wanted = None if example.members is None else tuple(example.members)
            results.append(ExampleResult(procedure.id, example.household, expected, ok, detail, tuple(found), wanted))
    return results
