"""Setting text in a box: shrink down to a minimum size, then wrap, then report what must go to a 続紙.

Nothing is cut off silently: `Fitted.overflow` says when the box shows only the beginning of the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from navi.pdf.fonts import char_widths, width

LEADING = 1.15  # line spacing, in multiples of the size
STEP = 0.5  # points between the sizes tried when wrapping
# 行頭禁則: characters a line must not start with (closing brackets, small kana, marks).
NO_LINE_START = set("、。，．,.)）」』】〕〉》]ー・：；:;!?！？ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ")


@dataclass(frozen=True)
class Fitted:
    """Text set in a box: the size, the lines, and whether it had to be cut short (it goes on a 続紙)."""

    size: float
    lines: list[str]
    overflow: bool = False


def fit(text: str, box_width: float, box_height: float, size: float, min_size: float) -> Fitted:
    """Set `text` in a box (points): one line at the largest size down to `min_size`, else wrapped."""
    size = min(size, max(box_height, min_size))
    natural = width(text, size)
    if natural <= box_width:
        return Fitted(size, [text])
    shrunk = size * box_width / natural
    if shrunk >= min_size:
        shrunk = _largest_fitting(text, box_width, shrunk)
        if shrunk >= min_size:
            return Fitted(shrunk, [text])
    tried = size
    while tried >= min_size:
        lines = wrap(text, box_width, tried)
        if _block_height(len(lines), tried) <= box_height:
            return Fitted(tried, lines)
        tried -= STEP
    lines = wrap(text, box_width, min_size)
    room = max(int((box_height - min_size) // (min_size * LEADING)) + 1, 1)
    return Fitted(min_size, lines[:room], overflow=True)


def _largest_fitting(text: str, box_width: float, size: float) -> float:
    """`size` rounded down to a tenth of a point until the text fits (floating-point widths)."""
    size = int(size * 10) / 10
    while size > 0 and width(text, size) > box_width:
        size -= 0.1
    return size


def _block_height(lines: int, size: float) -> float:
    return size + (lines - 1) * size * LEADING


def wrap(text: str, box_width: float, size: float) -> list[str]:
    """Break `text` into lines no wider than `box_width`: between any two Japanese characters, at spaces
    between Latin words, never starting a line with a closing mark (行頭禁則)."""
    lines: list[str] = []
    line, used = "", 0.0
    for char, advance in zip(text, char_widths(text, size), strict=True):
        if line and not char.isspace() and used + advance > box_width:
            line, carried = _break(line, char)
            lines.append(line.rstrip())
            line, used = carried, width(carried, size)
        line += char
        used += advance
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _break(line: str, following: str) -> tuple[str, str]:
    """Where to end a full line before `following`: the kept part and the part carried to the next line."""
    if following.isascii() and following.isalnum():
        space = line.rfind(" ")
        if space > 0 and line[space + 1:].isascii():
            return line[: space + 1], line[space + 1:]
    if following in NO_LINE_START and len(line) > 1:
        return line[:-1], line[-1]
    return line, ""
