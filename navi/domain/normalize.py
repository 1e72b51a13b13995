"""Normalises what residents type: 全角/半角 (NFKC), hiragana → katakana for フリガナ, postal codes."""

from __future__ import annotations

import re
import unicodedata

import jaconv

KATAKANA = re.compile(r"^[\u30a0-\u30ff\u3000 ]+$")


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
