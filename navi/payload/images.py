"""Reads the digits of every QR code in an image file or camera frame with zxing-cpp.

zxing-cpp and Pillow are needed only where codes are read from pictures (the counter's camera path).
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import Any

from navi.payload.errors import NotOurCode


def digits_in_image(image: Any) -> list[str]:
    """The text of each QR code found in an image (a path, or a PIL image); NotOurCode when there is none."""
    import zxingcpp  # imported here: kiosks and the CLI's other commands do not need it
    from PIL import Image, UnidentifiedImageError

    if isinstance(image, str | Path):
        try:
            with Image.open(image) as opened:
                opened.load()
                image = opened.convert("L")
        except (OSError, UnidentifiedImageError) as error:
            raise NotOurCode(f"{image}: not a readable image ({error})") from None
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    if not found:
        raise NotOurCode("no QR code found in the image")
    return [barcode.text for barcode in found]


# Pixels a picture may have: a phone photo is about 12 million; more is a mistake or a decompression bomb.
MAX_PICTURE_PIXELS = 50_000_000
# The longest side a picture is read at: a code filling a tenth of a phone photo still has pixels to spare, and
# zxing's time and memory grow with the pixels (a 7070-pixel square took seconds and hundreds of MB).
READ_SIDE = 4096


def digits_in_picture(data: bytes) -> list[str]:
    """The text of each QR code in an uploaded picture's bytes, read in grey at most READ_SIDE pixels a side
    (JPEG decoded at that scale, others scaled down right after decoding); NotOurCode when there is none or
    it is no picture (or too large a one)."""
    from PIL import Image  # only the picture path needs Pillow and zxing-cpp

    try:
        with warnings.catch_warnings():
            # Pillow warns, then refuses, as pictures get enormous: refuse at once, before decoding anything.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as opened:
                width, height = opened.size
                if width * height > MAX_PICTURE_PIXELS:
                    raise NotOurCode(f"picture of {width}×{height} pixels is too large")
                opened.draft("L", (READ_SIDE, READ_SIDE))  # JPEG: decode straight to grey at a smaller scale
                picture: Any = opened.convert("L")
            picture.thumbnail((READ_SIDE, READ_SIDE), Image.Resampling.BOX)
    except NotOurCode:
        raise
    except Exception:  # a hostile file can make Pillow's decoders raise almost anything
        raise NotOurCode("not a readable picture") from None
    return digits_in_image(picture)
