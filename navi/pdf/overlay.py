"""Overlay mode: the city's own blank form under the printed values, and checks on an uploaded blank.

A blank must be a readable, unencrypted PDF whose first page has the layout's paper size; its first page
goes under every printed copy of the form (merged with pypdf).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter, Transformation

from navi.domain.catalog.layout import Page
from navi.pdf.draw import MM

SIZE_TOLERANCE_MM = 3.0
# Bytes page 1 may decompress to (its content and every image and drawing it uses): a scanned A4 blank at
# 300 dpi in colour is about 26 MB; more is a compression bomb that would make every print of the form fail.
MAX_DECODED_BYTES = 64 * 1024 * 1024
# Drawings (form XObjects) inside drawings: a real blank nests a few; a hostile one nests forever.
MAX_NESTING = 8


class BackgroundInvalid(ValueError):
    """An uploaded blank form that cannot be printed over; the message says why in plain words."""


@dataclass(frozen=True)
class BackgroundInfo:
    """What a valid blank form is: its page count and first page size."""

    pages: int
    width_mm: float
    height_mm: float


def check_background(data: bytes, page: Page | None = None) -> BackgroundInfo:
    """Validate a blank form PDF; raises BackgroundInvalid (not a PDF, encrypted, empty, wrong paper size)."""
    if b"%PDF-" not in data[:1024]:
        raise BackgroundInvalid("not a PDF file (it does not start with %PDF-)")
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
        box = None if encrypted or not reader.pages else reader.pages[0].mediabox
        pages = 0 if encrypted else len(reader.pages)
        if box is not None:
            _check_decoded_size(reader.pages[0])
    except BackgroundInvalid:
        raise
    except Exception as error:  # a damaged or hostile file makes pypdf raise many kinds (loops, limits, indexes)
        raise BackgroundInvalid(f"the PDF cannot be read ({type(error).__name__}: {error})") from None
    if encrypted:
        raise BackgroundInvalid("the PDF is encrypted (password-protected): save an unprotected copy and use that")
    if box is None:
        raise BackgroundInvalid("the PDF has no pages")
    width, height = float(box.width) / MM, float(box.height) / MM
    if page is not None:
        want_w, want_h = page.size_mm()
        if abs(width - want_w) > SIZE_TOLERANCE_MM or abs(height - want_h) > SIZE_TOLERANCE_MM:
            raise BackgroundInvalid(f"page 1 is {width:.0f}×{height:.0f} mm but the form's layout is {page.size} "
                                    f"{page.orientation} ({want_w:g}×{want_h:g} mm)")
    return BackgroundInfo(pages, width, height)


def _check_decoded_size(page) -> None:
    """BackgroundInvalid when page 1's content streams and the XObjects they use decompress to more than the
    limit (counted stream by stream, so no more than the limit plus one stream is ever decoded)."""
    contents = page.get_contents()
    total = _counted(0, contents.get_data() if contents is not None else b"")
    seen: set[int] = set()
    pending = [(page.get("/Resources"), 0)]
    while pending:
        resources, depth = pending.pop()
        resources = resources.get_object() if resources is not None else None
        xobjects = resources.get("/XObject") if hasattr(resources, "get") else None
        for reference in (xobjects.get_object().values() if xobjects is not None else []):
            stream = reference.get_object()
            if id(stream) in seen:
                continue
            seen.add(id(stream))
            total = _counted(total, stream.get_data())
            if stream.get("/Subtype") == "/Form":
                if depth >= MAX_NESTING:
                    raise BackgroundInvalid(f"page 1 nests drawings more than {MAX_NESTING} deep")
                pending.append((stream.get("/Resources"), depth + 1))


def _counted(total: int, data: bytes) -> int:
    total += len(data)
    if total > MAX_DECODED_BYTES:
        raise BackgroundInvalid(f"page 1 decompresses to more than {MAX_DECODED_BYTES // 2**20} MB (a compression "
                                "bomb, or a scan at far too high a resolution): save it smaller")
    return total


def merge_backgrounds(pdf: bytes, backgrounds: dict[int, Path]) -> bytes:
    """`pdf` with the first page of a blank form under each page listed (page index → blank form file)."""
    ours = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    blanks: dict[Path, bytes] = {}
    for index, page in enumerate(ours.pages):
        if index not in backgrounds:
            writer.add_page(page)
            continue
        path = backgrounds[index]
        if path not in blanks:
            blanks[path] = path.read_bytes()
        blank = PdfReader(io.BytesIO(blanks[path])).pages[0]
        merged = writer.add_page(blank)
        origin = blank.mediabox
        merged.merge_transformed_page(page, Transformation().translate(float(origin.left), float(origin.bottom)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
