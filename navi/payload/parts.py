"""Frames the message digits as one QR code or as 2–4 parts, and puts scanned parts back together.

One code is "1" followed by the message. A part is count(1) index(1) tag(4) length(4) and its slice of
the message: the length lets parts typed one after another by a wedge scanner be told apart, the tag
(a hash of the whole message) keeps parts of two different households from being joined.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from navi.payload.errors import Damaged, NotOurCode, PartMissing, SeveralHouseholds, TooLarge

MAX_PARTS = 4
_HEADER = 10  # digits in a part header
# The shortest possible message (header, HPKE key share and tag, a byte of data) is 56 bytes = 136
# digits; anything shorter, such as a product barcode, is not one of ours.
MIN_MESSAGE_DIGITS = 136


@dataclass(frozen=True)
class Frame:
    """One scanned code: which part of how many, the message tag, and its digits."""

    count: int
    index: int
    tag: str
    digits: str


def frame(message: str, capacity: int) -> list[str]:
    """The digits of each code for a message, given how many digits one code may hold."""
    if 1 + len(message) <= capacity:
        return ["1" + message]
    tag = _tag(message)
    for count in range(2, MAX_PARTS + 1):
        size = -(-len(message) // count)
        if _HEADER + size <= capacity and size < 10**4:  # the length field has four digits
            slices = [message[k * size : (k + 1) * size] for k in range(count)]
            return [f"{count}{k + 1}{tag}{len(s):04d}{s}" for k, s in enumerate(slices)]
    raise TooLarge(f"household needs more than {MAX_PARTS} QR codes")


def read_frames(digits: str) -> list[Frame]:
    """The codes in one scan's digits: one whole code, or any number of parts typed one after another."""
    if not (digits.isascii() and digits.isdigit()) and digits:
        raise NotOurCode("not digits")
    frames: list[Frame] = []
    position = 0
    while position < len(digits):
        count = int(digits[position])
        if count == 1:
            if frames:
                raise Damaged("scans from different codes")
            frames.append(Frame(1, 1, "", digits[position + 1 :]))
            break
        header = digits[position : position + _HEADER]
        if not 2 <= count <= MAX_PARTS or len(header) < _HEADER or not 1 <= int(header[1]) <= count:
            raise NotOurCode("does not start like a Todokede Navi code")
        size = int(header[6:10])
        body = digits[position + _HEADER : position + _HEADER + size]
        if len(body) < size:
            raise Damaged(f"part {header[1]} of {count} is cut short")
        frames.append(Frame(count, int(header[1]), header[2:6], body))
        position += _HEADER + size
    return frames


def reassemble(scans: Iterable[str]) -> str:
    """The message digits from the digits of each scan, parts in any order; raises PartMissing and friends."""
    frames = [f for digits in scans for f in read_frames(digits)]
    if not frames:
        raise NotOurCode("no digits were scanned")
    if frames[0].count == 1:
        if len(frames) > 1:
            raise Damaged("scans from different codes")
        message = frames[0].digits
        if len(message) < MIN_MESSAGE_DIGITS:
            raise NotOurCode("too short to be a Todokede Navi code")
        return message
    count, tag = frames[0].count, frames[0].tag
    by_index: dict[int, str] = {}
    for f in frames:
        if (f.count, f.tag) != (count, tag) or by_index.setdefault(f.index, f.digits) != f.digits:
            raise Damaged("scans from different codes")
    missing = [k for k in range(1, count + 1) if k not in by_index]
    if missing:
        raise PartMissing(missing, count)
    message = "".join(by_index[k] for k in range(1, count + 1))
    if _tag(message) != tag:
        raise Damaged("the parts do not make up the code they claim")
    return message


def one_household(texts: Iterable[str]) -> str:
    """The digits of the codes seen in one picture as one scan: one whole code, or parts of one split code
    (the same part seen twice counts once); SeveralHouseholds for anything more, NotOurCode for no code."""
    unique = list(dict.fromkeys(texts))
    frames = [frame for text in unique for frame in read_frames(text)]
    if not frames:
        raise NotOurCode("no code in the picture")
    if len({(frame.count, frame.tag) for frame in frames}) > 1 or (frames[0].count == 1 and len(frames) > 1):
        raise SeveralHouseholds(f"{len(unique)} codes of more than one household in one picture")
    return "".join(unique)


def _tag(message: str) -> str:
    return str(int.from_bytes(hashlib.sha256(message.encode("ascii")).digest()[:4], "big") % 10_000).zfill(4)
