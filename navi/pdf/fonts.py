"""The Japanese font every PDF embeds (BIZ UDGothic, SIL OFL 1.1): registered once, subset per document.

Embedding a subset means a printed form looks the same wherever it prints, with no fonts installed there.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "BIZUDGothic"
FONT_FILE = Path(__file__).resolve().parent / "fonts" / "BIZUDGothic-Regular.ttf"
# The 下駄記号: what Japanese print shows for a character the typeface lacks, instead of an invisible box.
MISSING = "〓"
ASCENT = 0.88  # of the em, from the font's own metrics (descent 0.12): used to place baselines in boxes
_lock = threading.Lock()


_loaded: TTFont | None = None


def font() -> TTFont:
    """The registered font (parsed once per process, on first use: about 0.1 s)."""
    global _loaded
    if _loaded is None:
        with _lock:  # one parse and one registration even when the first forms print in parallel
            if _loaded is None:
                loaded = TTFont(FONT, str(FONT_FILE))
                pdfmetrics.registerFont(loaded)
                _loaded = loaded
    return _loaded


def covers(char: str) -> bool:
    """Whether the font has a glyph for `char`."""
    return ord(char) in font().face.charToGlyph


def printable(text: str) -> str:
    """`text` with every character the font lacks replaced by 〓 (never an invisible box)."""
    glyphs = font().face.charToGlyph
    return "".join(c if ord(c) in glyphs or c in "\n" else MISSING for c in text)


def width(text: str, size: float) -> float:
    """The width of `text` set at `size` points, in points."""
    return font().stringWidth(text, size)


def char_widths(text: str, size: float) -> list[float]:
    """The advance of each character of `text` at `size` points."""
    face = font().face
    scale = size / 1000
    return [face.getCharWidth(ord(c)) * scale for c in text]
