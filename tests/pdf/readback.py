"""Reading a rendered PDF back: characters by page, and the text inside a layout box (millimetres)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber

MM = 72 / 25.4
TOLERANCE = 0.6  # points a glyph's box may stray over its field's box (rounding of metrics)


@dataclass(frozen=True)
class Box:
    """A rectangle in millimetres from the top-left corner."""

    x: float
    y: float
    w: float
    h: float


def pages(pdf: bytes) -> list[list[dict]]:
    """The characters of each page (pdfplumber dicts: text, x0, x1, top, bottom in points from the top)."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [list(page.chars) for page in document.pages]


def page_text(chars: list[dict]) -> str:
    """All the characters of a page, in drawing order, without whitespace."""
    return "".join(c["text"] for c in chars if not c["text"].isspace())


def chars_in(chars: list[dict], box: Box) -> list[dict]:
    """The non-blank characters whose centre lies in the box, in reading order (line by line)."""
    left, top, right, bottom = box.x * MM, box.y * MM, (box.x + box.w) * MM, (box.y + box.h) * MM
    found = [c for c in chars if not c["text"].isspace()
             and left <= (c["x0"] + c["x1"]) / 2 <= right and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
    return sorted(found, key=lambda c: (round(c["top"], 1), c["x0"]))


def text_in(chars: list[dict], box: Box) -> str:
    """The text inside a box, read line by line, after checking every glyph lies wholly inside it."""
    found = chars_in(chars, box)
    left, top, right, bottom = box.x * MM, box.y * MM, (box.x + box.w) * MM, (box.y + box.h) * MM
    for c in found:
        assert c["x0"] >= left - TOLERANCE and c["x1"] <= right + TOLERANCE, (c["text"], box)
        assert c["top"] >= top - TOLERANCE and c["bottom"] <= bottom + TOLERANCE, (c["text"], box)
    return "".join(c["text"] for c in found)


def compact(text: str) -> str:
    """Text without any whitespace (names are printed with a full-width space between 姓 and 名)."""
    return "".join(text.split())
