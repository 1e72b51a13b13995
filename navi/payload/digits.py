"""Bytes ↔ decimal digits for QR numeric mode, and the clean-up of what a keyboard-wedge scanner types.

Digits are the only characters that survive every keyboard layout, CapsLock and IME state a wedge
scanner meets; numeric mode stores them as densely as raw bytes (17 digits carry 7 bytes: 8.14 bits a byte).
"""

from __future__ import annotations

import re
import unicodedata

from navi.payload.errors import Damaged

_BLOCK = 7
# Digits needed for a block of n bytes: len(str(256**n - 1)). The set of lengths is what lets the
# reader tell a short final block from a damaged one.
_DIGITS_FOR = {n: len(str(256**n - 1)) for n in range(1, _BLOCK + 1)}
_BYTES_FOR = {digits: n for n, digits in _DIGITS_FOR.items()}
_FULL = _DIGITS_FOR[_BLOCK]
_DIGITS = re.compile("[0-9]*")


def to_digits(data: bytes) -> str:
    """Bytes as digits: each 7-byte block as 17 digits, a shorter last block as few as it needs."""
    out = []
    for start in range(0, len(data), _BLOCK):
        block = data[start : start + _BLOCK]
        out.append(str(int.from_bytes(block, "big")).zfill(_DIGITS_FOR[len(block)]))
    return "".join(out)


def from_digits(digits: str) -> bytes:
    """Digits back to bytes; raises Damaged if the count or a block's value cannot have come from to_digits."""
    if not _DIGITS.fullmatch(digits):
        raise Damaged("not a string of digits")
    tail = len(digits) % _FULL
    if tail and tail not in _BYTES_FOR:
        raise Damaged("digit count does not fit the block layout")
    out = bytearray()
    for start in range(0, len(digits), _FULL):
        chunk = digits[start : start + _FULL]
        size = _BYTES_FOR[len(chunk)]
        value = int(chunk)
        if value >= 256**size:
            raise Damaged("a block of digits is out of range")
        out += value.to_bytes(size, "big")
    return bytes(out)


def scanned_digits(text: str) -> str:
    """The ASCII digits in scanner input: NFKC first (full-width digits from an IME), the rest ignored."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if "0" <= ch <= "9")
