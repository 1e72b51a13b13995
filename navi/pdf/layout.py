"""Layout geometry the renderer shares: value areas, column headings, and a plain layout for forms without one.

The catalog's layouts are data (`navi.domain.catalog.layout`); a form a city has not laid out yet still prints,
as labelled boxes and person rows on A4.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from navi.domain.catalog.layout import Box, ClerkBox, ClerkCell, Column, FormLayout, Page, Placement, Rows, Title
from navi.domain.catalog.model import Form
from navi.pdf.draw import LABEL_STRIP

MARGIN = 12.0  # mm around continuation sheets and plain layouts
FOOTER = 8.0  # mm kept free at the bottom of a sheet for its footer
CLERK_HEADING = 4.0  # mm: the clerk box's heading strip


def value_area(box: Box, drawn: bool) -> tuple[float, float, float, float]:
    """Where a value goes inside its box: below the box's words on a drawn form, the whole box on a blank."""
    if not drawn:
        return box.x, box.y, box.w, box.h
    return box.x, box.y + LABEL_STRIP, box.w, box.h - LABEL_STRIP


def headings(form: Form, rows: Rows) -> list[tuple[Column, list[str]]]:
    """Column headings: one per x range, the words of the columns stacked there (フリガナ over 氏名)."""
    groups: dict[tuple[float, float], tuple[Column, list[str]]] = {}
    for column in sorted(rows.columns, key=lambda c: c.dy):
        field = form.field(column.field)
        words = column.label if column.label is not None else (field.label.ja if field else column.field)
        _, names = groups.setdefault((column.x, column.w), (column, []))
        names.append(words)
    return list(groups.values())


def clerk_cells(clerk: ClerkBox) -> Iterator[tuple[ClerkCell, tuple[float, float, float, float]]]:
    """Each clerk cell with its rectangle: a grid of `columns` under the box's heading."""
    lines = math.ceil(len(clerk.cells) / clerk.columns)
    w, h = clerk.w / clerk.columns, (clerk.h - CLERK_HEADING) / lines
    for i, cell in enumerate(clerk.cells):
        yield cell, (clerk.x + (i % clerk.columns) * w, clerk.y + CLERK_HEADING + (i // clerk.columns) * h, w, h)


def continuation_rows(layout: FormLayout) -> int:
    """How many person rows a continuation sheet holds."""
    rows = layout.rows
    if rows is None:
        return 0
    if layout.continuation.per_page:
        return layout.continuation.per_page
    room = layout.page.size_mm()[1] - FOOTER - layout.continuation.rows_y - rows.header
    return max(int(room // rows.pitch), 1)


def default_layout(form: Form) -> FormLayout:
    """A plain A4 layout: the fields printed once as boxes two to a line, then person rows."""
    width = 210 - 2 * MARGIN
    once = [f for f in form.fields if f.repeat == "once" and f.id != "signature"]
    fields = [Placement(field=f.id, x=MARGIN + (i % 2) * width / 2, y=28 + (i // 2) * 13, w=width / 2, h=13)
              for i, f in enumerate(once)]
    top = 28 + ((len(once) + 1) // 2) * 13 + 6
    per_member = [f for f in form.fields if f.repeat == "member"]
    rows = None
    if per_member:
        step = width / len(per_member)
        columns = [Column(field=f.id, x=MARGIN + i * step, w=step, size=9) for i, f in enumerate(per_member)]
        per_page = max(min(int((297 - 40 - top - 8) // 10), 10), 1)
        rows = Rows(y=top, header=8, pitch=10, per_page=per_page, columns=columns)
    return FormLayout(page=Page(), title=Title(x=MARGIN, y=10, w=width, h=12), fields=fields, rows=rows,
                      signature=Box(x=MARGIN + width / 2, y=297 - 32, w=width / 2, h=18))
