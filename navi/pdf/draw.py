"""Drawing on one sheet in the catalog's units: millimetres from the top-left corner, text in points.

`Sheet` wraps a reportlab canvas page; every string goes through the embedded font and the fitting rules.
"""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from navi.pdf.fit import LEADING, Fitted, fit
from navi.pdf.fonts import ASCENT, FONT, font, printable, width

MM = 72 / 25.4
PAD = 1.0  # mm between a box's edge and its text
LABEL_SIZE = 6.5  # pt, the words printed on a box
LABEL_STRIP = 3.2  # mm taken by a box's words above its value
TICK = "✓"
INK = Color(0, 0, 0)
RULE = Color(0.25, 0.25, 0.25)
FAINT = Color(0.45, 0.45, 0.45)


def new_canvas(buffer) -> Canvas:
    """A canvas whose every font is the embedded one (no unembedded Helvetica in the file)."""
    font()
    canvas = Canvas(buffer, initialFontName=FONT, initialFontSize=10, pageCompression=1, invariant=1)
    canvas.setCreator("Todokede Navi")
    return canvas


def _inner(w: float, h: float) -> tuple[float, float]:
    """The room for text inside a box of w × h millimetres, in points."""
    return max(w - 2 * PAD, 1) * MM, max(h - PAD, 1) * MM


def fit_box(text: str, w: float, h: float, size: float, min_size: float) -> Fitted:
    """How `text` sets in a box of w × h millimetres (what `Sheet.write` will draw)."""
    return fit(printable(text), *_inner(w, h), size, min_size)


class Sheet:
    """One page being drawn, in millimetres from its top-left corner."""

    def __init__(self, canvas: Canvas, width_mm: float, height_mm: float):
        self.canvas = canvas
        self.width, self.height = width_mm, height_mm
        canvas.setPageSize((width_mm * MM, height_mm * MM))

    def finish(self) -> None:
        """End the page."""
        self.canvas.showPage()

    def rect(self, x: float, y: float, w: float, h: float, line: float = 0.6) -> None:
        """A ruled rectangle."""
        self.canvas.setStrokeColor(RULE)
        self.canvas.setLineWidth(line)
        self.canvas.rect(x * MM, (self.height - y - h) * MM, w * MM, h * MM, stroke=1, fill=0)

    def line(self, x1: float, y1: float, x2: float, y2: float, line: float = 0.4) -> None:
        """A ruled line."""
        self.canvas.setStrokeColor(RULE)
        self.canvas.setLineWidth(line)
        self.canvas.line(x1 * MM, (self.height - y1) * MM, x2 * MM, (self.height - y2) * MM)

    def label(self, x: float, y: float, w: float, text: str) -> None:
        """A box's words in its top strip, small and grey."""
        if text:
            self.write(x, y, w, LABEL_STRIP, text, LABEL_SIZE, 4.5, color=FAINT)

    def write(self, x: float, y: float, w: float, h: float, text: str, size: float, min_size: float,
              align: str = "left", *, bold: bool = False, color: Color = INK, cut_mark: str = "…") -> Fitted:
        """Set `text` in the box (shrunk, then wrapped), centred vertically; text cut short ends in `cut_mark`."""
        fitted = fit_box(text, w, h, size, min_size)
        inner_w = _inner(w, h)[0]
        block = fitted.size * (1 + (len(fitted.lines) - 1) * LEADING)
        top = (self.height - y) * MM - (h * MM - block) / 2
        canvas = self.canvas
        canvas.setFillColor(color)
        for i, line in enumerate(fitted.lines):
            if fitted.overflow and i == len(fitted.lines) - 1:
                line = self._cut(line, inner_w, fitted.size, cut_mark)
            baseline = top - fitted.size * ASCENT - i * fitted.size * LEADING
            text_width = width(line, fitted.size)
            left = x * MM + PAD * MM
            if align == "center":
                left += (inner_w - text_width) / 2
            elif align == "right":
                left += inner_w - text_width
            self._text(left, baseline, line, fitted.size, bold)
        return fitted

    def _cut(self, line: str, inner_w: float, size: float, mark: str) -> str:
        """The last visible line of cut text, ending in the mark (…※続紙へ) so the reader sees it goes on."""
        while line and width(line + mark, size) > inner_w:
            line = line[:-1]
        return line + mark

    def text_at(self, left: float, baseline: float, text: str, size: float, *, bold: bool = False,
                color: Color = INK) -> None:
        """One line of `text` with its baseline's left end at (left, baseline), in points."""
        self.canvas.setFillColor(color)
        self._text(left, baseline, text, size, bold)

    def _text(self, left: float, baseline: float, text: str, size: float, bold: bool) -> None:
        text_object = self.canvas.beginText(left, baseline)
        text_object.setFont(FONT, size)
        if bold:  # the regular outlines stroked: one font file to ship and embed
            text_object.setTextRenderMode(2)
            self.canvas.setStrokeColor(INK)
            self.canvas.setLineWidth(size * 0.03)
        text_object.textOut(text)
        if bold:  # the render mode is page state in PDF: back to plain fill for what follows
            text_object.setTextRenderMode(0)
        self.canvas.drawText(text_object)

    def check(self, x: float, y: float, side: float, ticked: bool, *, box: bool = True) -> None:
        """A check box with its top-left corner at (x, y), ticked with ✓ when `ticked`."""
        if box:
            self.rect(x, y, side, side, line=0.5)
        if ticked:
            size = side * MM * 1.1
            self.canvas.setFillColor(INK)
            self._text(x * MM + (side * MM - width(TICK, size)) / 2, (self.height - y - side * 0.85) * MM,
                       TICK, size, False)

    def choices(self, x: float, y: float, w: float, h: float, options: list[tuple[str, bool]], size: float,
                min_size: float) -> None:
        """Coded values as check boxes side by side (□男 ✓女), shrunk to fit the box."""
        size = min(size, (h - PAD) * MM)

        def needed(s: float) -> float:
            return sum(s * 1.4 + width(word, s) + s * 0.8 for word, _ in options)

        while size > min_size and needed(size) > (w - 2 * PAD) * MM:
            size = max(size - 0.5, min_size)
        left, middle = (x + PAD) * MM, y + h / 2
        side = size * 0.9 / MM
        for word, ticked in options:
            self.check(left / MM, middle - side / 2, side, ticked)
            left += size * 1.4
            self.canvas.setFillColor(INK)
            self._text(left, (self.height - middle) * MM - size * (ASCENT - 0.5), printable(word), size, False)
            left += width(word, size) + size * 0.8
