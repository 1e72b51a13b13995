"""QR symbols for the codes' digits (segno, numeric mode, EC level M) as PNG, SVG and data URIs.

Digits go to segno as numeric mode explicitly: a non-Latin-1 str would be sent as Shift_JIS without ECI.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import segno
from segno import consts

MAX_VERSION = 20  # a 720p webcam is comfortable to about version 16 and marginal at 20
ERROR_LEVEL = "M"
BORDER = 4  # the quiet zone the QR standard asks for, in modules
PICTURE_SCALE = 6  # pixels a module of a picture shown by others (a phone's photos): version 20 is 630 px square
# A pixel a module on our own result page, which scales it up without smoothing (image-rendering: pixelated):
# a fifth of the CPU of a 6-pixel PNG, and as sharp on the screen.
SCREEN_SCALE = 1


@dataclass(frozen=True)
class Symbol:
    """One QR code to show: its digits, its label ("1/2" when split, else None) and the segno symbol."""

    digits: str
    label: str | None
    qr: segno.QRCode

    @property
    def version(self) -> int:
        """The QR version (size) chosen."""
        return int(self.qr.version)

    def png(self, scale: int = PICTURE_SCALE) -> bytes:
        """The symbol as PNG bytes, with the quiet zone."""
        out = io.BytesIO()
        self.qr.save(out, kind="png", scale=scale, border=BORDER)
        return out.getvalue()

    def svg(self, scale: int = PICTURE_SCALE) -> str:
        """The symbol as an SVG document, titled with its label, with the quiet zone."""
        out = io.BytesIO()
        self.qr.save(out, kind="svg", scale=scale, border=BORDER, title=self.label or "QR", xmldecl=False)
        return out.getvalue().decode("utf-8")

    def data_uri(self, kind: str = "svg", scale: int = PICTURE_SCALE) -> str:
        """The symbol as a data: URI for an <img> on the kiosk screen ("svg" or "png")."""
        if kind == "png":
            return self.qr.png_data_uri(scale=scale, border=BORDER)
        return self.qr.svg_data_uri(scale=scale, border=BORDER, title=self.label or "QR")


def symbols(codes: list[str]) -> list[Symbol]:
    """A symbol for each code's digits, labelled k/n when there are several."""
    made = []
    for k, digits in enumerate(codes, start=1):
        qr = segno.make(digits, error=ERROR_LEVEL, mode="numeric", micro=False)
        if qr.version > MAX_VERSION:
            raise ValueError(f"code needs QR version {qr.version}, over {MAX_VERSION}")
        made.append(Symbol(digits, f"{k}/{len(codes)}" if len(codes) > 1 else None, qr))
    return made


def capacity(version: int = MAX_VERSION) -> int:
    """How many digits one code of this version holds at EC level M in numeric mode."""
    bits = consts.SYMBOL_CAPACITY[version][consts.ERROR_LEVEL_M]
    bits -= 4 + consts.CHAR_COUNT_INDICATOR_LENGTH[consts.MODE_NUMERIC][_range(version)]
    # Numeric mode packs 3 digits in 10 bits, a trailing pair in 7 and a single digit in 4.
    digits = bits // 10 * 3
    rest = bits % 10
    return digits + (2 if rest >= 7 else 1 if rest >= 4 else 0)


def _range(version: int) -> int:
    if version < 10:
        return consts.VERSION_RANGE_01_09
    return consts.VERSION_RANGE_10_26 if version < 27 else consts.VERSION_RANGE_27_40
