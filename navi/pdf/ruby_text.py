"""Paragraphs with ruby (furigana) for the やさしい日本語 route slip: readings set small above their kanji."""

from __future__ import annotations

from navi.pdf.draw import INK, MM, PAD, Sheet
from navi.pdf.fit import LEADING, wrap
from navi.pdf.fonts import ASCENT, printable, width
from navi.text.ruby import pieces

RUBY_SCALE = 0.5  # of the base size, as in print (JIS X 4051's ruby is half the size of its base)


def ruby_height(text: str, box_width: float, size: float) -> float:
    """The height in mm of `text` wrapped to `box_width` mm, each line with room for its readings above."""
    lines = len(wrap(printable(text), (box_width - 2 * PAD) * MM, size))
    return (size * (1 + RUBY_SCALE) + (lines - 1) * size * (LEADING + RUBY_SCALE)) / MM + PAD + 1.2


def write_ruby(sheet: Sheet, x: float, y: float, box_width: float, text: str, size: float, *, bold: bool = False,
               color=INK, plain: frozenset[str] = frozenset()) -> None:
    """Set `text` from (x, y) mm down, wrapped, with each kanji run's reading centred above it; `plain` words
    (the resident's own names) stay without."""
    text = printable(text)
    lines = wrap(text, (box_width - 2 * PAD) * MM, size)
    readings = _readings_by_offset(text, plain)
    step = size * (LEADING + RUBY_SCALE)
    top = (sheet.height - y - PAD / 2) * MM - size * RUBY_SCALE
    offset = 0
    for i, line in enumerate(lines):
        offset = text.index(line, offset) if line else offset
        baseline = top - size * ASCENT - i * step
        left = (x + PAD) * MM
        sheet.text_at(left, baseline, line, size, bold=bold, color=color)
        for start, end, reading in readings:
            first, last = max(start, offset), min(end, offset + len(line))
            if first >= last:
                continue
            share = reading if (first, last) == (start, end) else _share(reading, start, end, first, last)
            base_left = left + width(line[: first - offset], size)
            base_width = width(line[first - offset:last - offset], size)
            small = size * RUBY_SCALE
            over = base_left + (base_width - width(share, small)) / 2
            sheet.text_at(over, baseline + size * ASCENT + small * 0.15, share, small, color=color)
        offset += len(line)


def _readings_by_offset(text: str, plain: frozenset[str]) -> list[tuple[int, int, str]]:
    found, at = [], 0
    for part, reading in pieces(text, plain):
        if reading:
            found.append((at, at + len(part), reading))
        at += len(part)
    return found


def _share(reading: str, start: int, end: int, first: int, last: int) -> str:
    """The part of a reading over the part of its base that fell on this line (a word broken across lines)."""
    begin = round(len(reading) * (first - start) / (end - start))
    finish = round(len(reading) * (last - start) / (end - start))
    return reading[begin:finish]
