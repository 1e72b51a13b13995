"""A fake webcam for Chromium: a code held up to the camera, written as the Y4M video that Chromium's
--use-file-for-fake-video-capture plays in a loop (made with Pillow: there is no ffmpeg here)."""

from __future__ import annotations

import io
import math
import os
from pathlib import Path

from PIL import Image

from navi.payload.render import BORDER, Symbol

SIZE = (640, 480)  # what a counter webcam gives by default
FPS = 10
FILL = 0.9  # how much of the frame's height the code (quiet zone included) may take
DESK = (200, 200, 200)  # the grey around the tablet's screen
# The code sways a few degrees in the resident's hand. ZXing's finder-pattern heuristics miss about one perfectly
# still, axis-aligned code in five, so identical frames would fail at random; in a trial every one of 275 codes
# (family codes and parts) was read at one of these angles.
SWAY_DEGREES = 6
POSITIONS = 12
FRAMES_EACH = 3  # 0.3 s a position: longer than the scan page's 250 ms between two reads


class Webcam:
    """What the fake camera films: a Y4M file, replaced whole when the picture changes.

    Chromium opens the file afresh each time a page starts the camera, so a new picture shows from the next start.
    """

    def __init__(self, path: Path):
        self.path = path
        self.film([Image.new("RGB", SIZE, DESK)])  # an empty desk until a code is held up

    @property
    def chromium_args(self) -> list[str]:
        """The flags that make Chromium's only camera play this file, access granted without asking."""
        return ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-video-capture={self.path}"]

    def show(self, symbol: Symbol) -> None:
        """Hold a QR code up to the camera, swaying a little."""
        self.film([held_up(symbol, SWAY_DEGREES * math.sin(2 * math.pi * k / POSITIONS)) for k in range(POSITIONS)])

    def film(self, pictures: list[Image.Image]) -> None:
        """Write the pictures as the whole video; the rename leaves a capture already running on the old file."""
        partial = self.path.with_suffix(".partial")
        partial.write_bytes(y4m(pictures))
        os.replace(partial, self.path)


def held_up(symbol: Symbol, degrees: float = 0) -> Image.Image:
    """The camera's picture of a code: its PNG (quiet zone kept), turned by `degrees`, centred on the desk."""
    modules = symbol.qr.symbol_size(scale=1, border=BORDER)[1]
    code = Image.open(io.BytesIO(symbol.png(scale=int(SIZE[1] * FILL) // modules))).convert("RGB")
    code = code.rotate(degrees, Image.Resampling.BICUBIC, expand=True, fillcolor=DESK)
    picture = Image.new("RGB", SIZE, DESK)
    picture.paste(code, ((SIZE[0] - code.width) // 2, (SIZE[1] - code.height) // 2))
    return picture


def y4m(pictures: list[Image.Image], frames_each: int = FRAMES_EACH, fps: int = FPS) -> bytes:
    """The pictures, each shown for `frames_each` frames, as a 4:2:0 Y4M video."""
    width, height = pictures[0].size
    header = f"YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg\n".encode("ascii")
    return header + b"".join(_frame(picture) * frames_each for picture in pictures)


def _frame(picture: Image.Image) -> bytes:
    luma, blue, red = picture.convert("YCbCr").split()
    half = (picture.width // 2, picture.height // 2)
    # Pillow's YCbCr is full range (JPEG's); Y4M, and so Chromium, reads studio range: Y 16–235, chroma 16–240.
    planes = [luma.point(lambda v: 16 + v * 219 // 255),
              *(plane.resize(half, Image.Resampling.BOX).point(lambda v: 16 + v * 224 // 255)
                for plane in (blue, red))]
    return b"FRAME\n" + b"".join(plane.tobytes() for plane in planes)
