"""Reads the digits of every QR code in an image file or camera frame with zxing-cpp.

zxing-cpp and Pillow are needed only where codes are read from pictures (the counter's camera path).
"""

from __future__ import annotations

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
