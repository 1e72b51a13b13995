"""Completed forms as PDF: one form, or every form of a plan in the order the counters are visited.

Pure functions of the facts, the catalog version, the plan and the day: the counter prints them, the CLI
writes them to a file.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from navi.domain.catalog.loader import DEFAULT_CATALOG_DIR
from navi.domain.catalog.model import Catalog, Form
from navi.domain.facts import Facts
from navi.domain.planner import Plan
from navi.pdf.draw import new_canvas
from navi.pdf.layout import default_layout
from navi.pdf.overlay import merge_backgrounds
from navi.pdf.sheets import draw_form
from navi.pdf.values import form_data

DEFAULT_BACKGROUNDS = DEFAULT_CATALOG_DIR / "forms" / "backgrounds"


class NothingToPrint(ValueError):
    """The plan files no form (every procedure is deemed, automatic or formless)."""


def packet_forms(plan: Plan, catalog: Catalog) -> list[Form]:
    """The forms a plan files, in the order the resident visits the counters (each form once)."""
    order = {name: i for i, name in enumerate(plan.visit_order)}
    filed = [p for p in plan.procedures if not p.automatic and p.forms]
    filed.sort(key=lambda p: order.get(p.counter, len(order)))  # stable: plan order within a counter
    known = {f.id: f for f in catalog.forms}
    chosen: dict[str, Form] = {}
    for procedure in filed:
        for form_id in procedure.forms:
            if form_id in known:
                chosen.setdefault(form_id, known[form_id])
    return list(chosen.values())


def render_packet(facts: Facts, catalog: Catalog, plan: Plan, today: dt.date, *,
                  backgrounds: Path | None = None) -> bytes:
    """Every completed form of the plan in one PDF, in counter visiting order; raises NothingToPrint."""
    forms = packet_forms(plan, catalog)
    if not forms:
        raise NothingToPrint("the plan files no form")
    return _render(forms, facts, catalog, plan, today, backgrounds or DEFAULT_BACKGROUNDS)


def render_form(form_id: str, facts: Facts, catalog: Catalog, plan: Plan, today: dt.date, *,
                backgrounds: Path | None = None) -> bytes:
    """One completed form (with its continuation sheets) as a PDF; raises KeyError for an unknown form."""
    form = next((f for f in catalog.forms if f.id == form_id), None)
    if form is None:
        raise KeyError(form_id)
    return _render([form], facts, catalog, plan, today, backgrounds or DEFAULT_BACKGROUNDS)


def _render(forms: list[Form], facts: Facts, catalog: Catalog, plan: Plan, today: dt.date,
            backgrounds: Path) -> bytes:
    buffer = io.BytesIO()
    canvas = new_canvas(buffer)
    canvas.setTitle(" / ".join(f.title.ja for f in forms))
    blanks: dict[int, Path] = {}
    page = 0
    for form in forms:
        layout = form.layout or default_layout(form)
        if layout.mode == "overlay" and layout.background:
            blanks[page] = backgrounds / layout.background
        page += draw_form(canvas, form_data(form, facts, catalog, plan, today), layout, catalog, today)
    canvas.save()
    pdf = buffer.getvalue()
    return merge_backgrounds(pdf, blanks) if blanks else pdf
