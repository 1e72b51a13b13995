"""Normalises what residents type: 全角/半角 (NFKC), hiragana → katakana for フリガナ, postal codes."""

from __future__ import annotations

import re
import unicodedata

import jaconv

KATAKANA = re.compile(r"^[\u30a0-\u30ff\u3000 ]+$")
# Characters no name or free text may hold: C0 and C1 controls (NUL, ESC, CR, LF…) and DEL; the invisible
# format characters that reorder or hide text (bidi embeddings and overrides U+202A–U+202E, isolates
# U+2066–U+2069, marks U+200E/U+200F/U+061C), zero-width characters, word joiners, line separators and the BOM.
_INVISIBLE = "\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_UNSAFE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_INVISIBLE}]")
# Several lines of free text may keep their line breaks and tabs.
_UNSAFE_TEXT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_INVISIBLE}]")


def text(value: str | None) -> str:
    """NFKC-normalised text with surrounding spaces removed (full-width letters and digits become ASCII)."""
    return unicodedata.normalize("NFKC", value or "").strip()


def kana(value: str | None) -> str:
    """フリガナ in full-width katakana, whatever mix of hiragana and half-width kana was typed."""
    # NFKC turns half-width katakana into full-width; hira2kata does the rest.
    return jaconv.hira2kata(text(value)).replace(" ", "\u3000")


def is_katakana(value: str) -> bool:
    """Whether a normalised フリガナ is katakana only (long vowel mark and spaces allowed)."""
    return bool(KATAKANA.match(value))


def digits(value: str | None) -> str:
    """Only the digits of a value typed with or without hyphens, in full or half width."""
    return "".join(ch for ch in text(value) if ch.isdigit())


def unsafe_characters(value: str, *, multiline: bool = False) -> list[str]:
    """The forbidden characters in a value, as U+XXXX (empty when it is safe to store and show)."""
    found = (_UNSAFE_TEXT if multiline else _UNSAFE_LINE).findall(value)
    return [f"U+{ord(char):04X}" for char in dict.fromkeys(found)]
