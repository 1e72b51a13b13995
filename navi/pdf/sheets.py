"""One form's sheets: the form itself (drawn in full, or only the values over the city's blank) and its 続紙.

Person rows beyond the form's rows, and values too long for their box even small and wrapped, go on
continuation sheets: nothing is cut off silently.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas

from navi.domain.catalog.layout import Box, FormLayout, FormWords, Rows, TextStyle
from navi.domain.catalog.model import Catalog
from navi.domain.dates import format_wareki
from navi.pdf.draw import FAINT, LABEL_STRIP, MM, PAD, Sheet, fit_box
from navi.pdf.fit import LEADING, wrap
from navi.pdf.layout import CLERK_HEADING, FOOTER, MARGIN, clerk_cells, continuation_rows, headings, value_area
from navi.pdf.values import FormData, Value

CONTINUED_SIZE = 10.0  # pt: values printed whole on a continuation sheet
HEADING_SIZE = 6.5  # pt: column headings and the clerk box's cells
FRAME_BAND = 6.0  # mm: the left band of a frame, where its heading stands vertically


@dataclass
class Continued:
    """A value too long for its box, printed whole on a continuation sheet."""

    heading: str
    text: str


@dataclass
class Continuation:
    """One continuation sheet: the person rows it carries (by index) and the values it continues."""

    rows: list[int]
    continued: list[Continued] = field(default_factory=list)


def draw_form(canvas: Canvas, data: FormData, layout: FormLayout, catalog: Catalog, today: dt.date) -> int:
    """Draw a form and its continuation sheets on `canvas`; returns the number of pages."""
    drawn, words, rows = layout.mode == "drawn", catalog.form_words, layout.rows
    sheets = _continuations(data, layout, words)
    pages = 1 + len(sheets)
    sheet = Sheet(canvas, *layout.page.size_mm())
    if drawn:
        _chrome(sheet, data, layout, words)
    _values(sheet, data, layout, words, drawn)
    if rows:
        _rows(sheet, data, rows, rows.y, list(range(min(rows.per_page, len(data.rows)))), words,
              chrome=drawn, slots=rows.per_page)
    if drawn:
        _footer(sheet, words, catalog.version, today, 1, pages)
    sheet.finish()
    for n, continuation in enumerate(sheets, start=1):
        sheet = Sheet(canvas, *layout.page.size_mm())
        title = f"{data.form.title.ja}（{words.sheet.continuation.format(n=n, total=len(sheets))}）"
        sheet.write(MARGIN, 10, sheet.width - 2 * MARGIN, 12, title, 14, 9, "center", bold=True)
        y = layout.continuation.rows_y
        if rows and continuation.rows:
            _rows(sheet, data, rows, y, continuation.rows, words, chrome=True, slots=len(continuation.rows))
            y = rows.row_top(len(continuation.rows)) - rows.y + y
        _continued(sheet, continuation.continued, y + 4)
        _footer(sheet, words, catalog.version, today, n + 1, pages)
        sheet.finish()
    return pages


def _continuations(data: FormData, layout: FormLayout, words: FormWords) -> list[Continuation]:
    """The continuation sheets a form needs: rows beyond the form's own, then values cut short."""
    first = layout.rows.per_page if layout.rows else len(data.rows)
    rest, per_sheet = list(range(first, len(data.rows))), max(continuation_rows(layout), 1)
    sheets = [Continuation(rest[i:i + per_sheet]) for i in range(0, len(rest), per_sheet)]
    cut = _cut_values(data, layout, words)
    if not cut:
        return sheets
    page_w, page_h = layout.page.size_mm()
    if not sheets:
        sheets.append(Continuation([]))
    y = layout.continuation.rows_y + (layout.rows.row_top(len(sheets[-1].rows)) - layout.rows.y
                                      if layout.rows and sheets[-1].rows else 0) + 4
    for item in cut:
        needed = _continued_height(item, page_w - 2 * MARGIN)
        if y + needed > page_h - FOOTER and (sheets[-1].rows or sheets[-1].continued):
            sheets.append(Continuation([]))
            y = layout.continuation.rows_y
        sheets[-1].continued.append(item)
        y += needed
    return sheets


def _cut_values(data: FormData, layout: FormLayout, words: FormWords) -> list[Continued]:
    """Values that do not fit their box even at the minimum size and wrapped."""
    drawn, cut = layout.mode == "drawn", []
    for placement in layout.fields:
        value = data.once.get(placement.field, Value())
        if value.text and not (placement.choices and drawn) and fit_box(
                value.text, *value_area(placement, drawn)[2:], placement.size, placement.min_size).overflow:
            label = data.form.field(placement.field).label.ja
            cut.append(Continued(words.sheet.overflow.format(label=label), value.text))
    for index, row in enumerate(data.rows):
        for column in layout.rows.columns if layout.rows else []:
            value = row.get(column.field, Value())
            if value.text and not column.choices and fit_box(
                    value.text, column.w, column.height(layout.rows.pitch), column.size, column.min_size).overflow:
                label = data.form.field(column.field).label.ja
                heading = words.sheet.row_overflow.format(name=data.row_names[index], label=label)
                cut.append(Continued(heading, value.text))
    return cut


def _text_height(text: str, width: float) -> float:
    lines = len(wrap(text, (width - 2 * PAD) * MM, CONTINUED_SIZE))
    return CONTINUED_SIZE * (1 + (lines - 1) * LEADING) / MM + PAD + 1


def _continued_height(item: Continued, width: float) -> float:
    return LABEL_STRIP + _text_height(item.text, width) + 2


def _continued(sheet: Sheet, items: list[Continued], y: float) -> None:
    width = sheet.width - 2 * MARGIN
    for item in items:
        height = LABEL_STRIP + _text_height(item.text, width)
        sheet.rect(MARGIN, y, width, height)
        sheet.label(MARGIN, y, width, item.heading)
        sheet.write(MARGIN, y + LABEL_STRIP, width, height - LABEL_STRIP, item.text, CONTINUED_SIZE, CONTINUED_SIZE)
        y += height + 2


def _chrome(sheet: Sheet, data: FormData, layout: FormLayout, words: FormWords) -> None:
    """What the printed blank form consists of: title, frames, labelled boxes, clerk box, signature box."""
    if layout.title:
        t = layout.title
        sheet.write(t.x, t.y, t.w, t.h, data.form.title.ja, t.size, 10, "center", bold=True)
    for frame in layout.frames:
        sheet.rect(frame.x, frame.y, frame.w, frame.h, line=1.0)
        if frame.label:
            sheet.line(frame.x + FRAME_BAND, frame.y, frame.x + FRAME_BAND, frame.y + frame.h)
            step = min(frame.h / len(frame.label), 4.5)
            top = frame.y + (frame.h - step * len(frame.label)) / 2
            for i, char in enumerate(frame.label):  # 縦書き: one character under the other
                sheet.write(frame.x, top + i * step, FRAME_BAND, step, char, 8, 5, "center", bold=True)
    for placement in layout.fields:
        sheet.rect(placement.x, placement.y, placement.w, placement.h)
        label = placement.label if placement.label is not None else data.form.field(placement.field).label.ja
        sheet.label(placement.x, placement.y, placement.w, label)
    if layout.clerk:
        c = layout.clerk
        sheet.rect(c.x, c.y, c.w, c.h, line=1.0)
        sheet.write(c.x, c.y, c.w, CLERK_HEADING, words.sheet.clerk, 7, 5, bold=True)
        for cell, (x, y, w, h) in clerk_cells(c):
            side = min(3.2, h - 1)
            sheet.write(x + side + 1.2, y, w - side - 1.2, h, cell.label, 7, 4.5)
    if layout.signature:
        s = layout.signature
        sheet.rect(s.x, s.y, s.w, s.h, line=1.0)
        sheet.label(s.x, s.y, s.w, words.sheet.signature)


def _values(sheet: Sheet, data: FormData, layout: FormLayout, words: FormWords, drawn: bool) -> None:
    """The household's values in their boxes, and the clerk box's ticks."""
    for placement in layout.fields:
        _value(sheet, value_area(placement, drawn), data.once.get(placement.field, Value()), placement,
               data.form.field(placement.field).source, words, drawn)
    if layout.clerk:
        for cell, (x, y, _w, h) in clerk_cells(layout.clerk):
            side = min(3.2, h - 1)
            if data.ticked(cell) or drawn:
                sheet.check(x + 0.8, y + (h - side) / 2, side, data.ticked(cell), box=drawn)


def _value(sheet: Sheet, area: tuple[float, float, float, float], value: Value, style: TextStyle, source: str,
           words: FormWords, drawn: bool) -> None:
    if style.choices and drawn:
        options = [(words.word(source, choice), value.code == choice) for choice in style.choices]
        sheet.choices(*area, options, style.size, style.min_size)
    elif value.text:
        sheet.write(*area, value.text, style.size, style.min_size, style.align, cut_mark=f"…{words.sheet.continued}")


def _rows(sheet: Sheet, data: FormData, rows: Rows, y: float, indices: list[int], words: FormWords, *,
          chrome: bool, slots: int) -> None:
    """Person rows from `y` (headings first): ruled when `chrome`, `slots` rows, filled for `indices`."""
    if chrome:
        for column, names in headings(data.form, rows):
            sheet.rect(column.x, y, column.w, rows.header)
            step = rows.header / len(names)
            for k, name in enumerate(names):
                sheet.write(column.x, y + k * step, column.w, step, name, HEADING_SIZE, 4.5, "center", color=FAINT)
    for slot in range(slots):
        top = y + rows.header + slot * rows.pitch
        row = data.rows[indices[slot]] if slot < len(indices) else {}
        for column in rows.columns:
            cell = Box(x=column.x, y=top + column.dy, w=column.w, h=column.height(rows.pitch))
            if chrome:
                sheet.rect(cell.x, cell.y, cell.w, cell.h, line=0.4)
            source = data.form.field(column.field).source
            _value(sheet, (cell.x, cell.y, cell.w, cell.h), row.get(column.field, Value()), column, source, words,
                   chrome)


def _footer(sheet: Sheet, words: FormWords, version: str, today: dt.date, page: int, pages: int) -> None:
    text = words.sheet.footer.format(date=format_wareki(today), version=version, page=page, pages=pages)
    sheet.write(MARGIN, sheet.height - FOOTER + 2, sheet.width - 2 * MARGIN, 4, text, 6, 5, "right", color=FAINT)
