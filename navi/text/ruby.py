"""Readings for kanji (ruby, furigana) in やさしい日本語: a text split into pieces, each with its reading or none.

The readings come from MeCab's analysis with UniDic (fugashi, unidic-lite); the words it reads wrongly in an
office's sentences (生年月日, counters after a number such as 2日 or 2人) are corrected from `readings.yaml`
and by the counter rules below. Okurigana stay outside the ruby: 書<rt>か</rt>く, not 書く<rt>かく</rt>.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

Piece = tuple[str, str | None]  # (text, reading of its kanji, or None when it needs none)

KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006\u30f6]")
_KANJI_RUN = re.compile(rf"({KANJI.pattern}+)")
_DIGITS = re.compile(r"[0-9０-９]+$")
_DAYS = {1: "ついたち", 2: "ふつか", 3: "みっか", 4: "よっか", 5: "いつか", 6: "むいか", 7: "なのか", 8: "ようか",
         9: "ここのか", 10: "とおか", 14: "じゅうよっか", 20: "はつか", 24: "にじゅうよっか"}
_PEOPLE = {1: "ひとり", 2: "ふたり"}


def _hiragana(katakana: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in katakana)


@lru_cache(maxsize=1)
def _overrides() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    words = yaml.safe_load((Path(__file__).with_name("readings.yaml")).read_text(encoding="utf-8")) or {}
    if not words:
        return None, {}
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    return pattern, words


@lru_cache(maxsize=1)
def _tagger():
    from fugashi import Tagger  # loaded on first use: the dictionary costs nothing to pages in other languages

    return Tagger()


def _counter(number: str, counter: str) -> str | None:
    """The reading of a counter after a number (2日 → ふつか), or None to keep the analyser's."""
    value = int(number.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    if counter == "日":
        return _DAYS.get(value, "にち")
    if counter == "人":
        return _PEOPLE.get(value, "にん")
    return {"月": "がつ", "年": "ねん", "時": "じ", "歳": "さい", "才": "さい", "枚": "まい", "回": "かい"}.get(counter)


def align(surface: str, reading: str) -> list[Piece]:
    """One word's pieces, with okurigana and other kana outside the ruby where the reading allows."""
    parts = [p for p in _KANJI_RUN.split(surface) if p]
    pattern = "".join("(.+?)" if KANJI.match(p) else re.escape(_hiragana(p)) for p in parts)
    found = re.fullmatch(pattern, reading)
    if not found:
        return [(surface, reading)]
    readings = iter(found.groups())
    return [(p, next(readings)) if KANJI.match(p) else (p, None) for p in parts]


def _analysed(text: str) -> list[Piece]:
    pieces: list[Piece] = []
    previous = ""
    for word in _tagger()(text):
        surface = word.surface
        space = getattr(word, "white_space", "")
        if space:
            pieces.append((space, None))
        if not KANJI.search(surface):
            pieces.append((surface, None))
        else:
            counted = _counter(previous, surface) if _DIGITS.search(previous) else None
            kana = counted or (_hiragana(word.feature.kana) if word.feature.kana else None)
            pieces.extend(align(surface, kana) if kana else [(surface, None)])
        previous = surface
    return pieces


def pieces(text: str, plain: frozenset[str] = frozenset()) -> list[Piece]:
    """`text` as pieces, each kanji run with its reading; text without kanji, and the words in `plain` (a
    resident's name and address: a reading guessed for a name is as likely wrong as right), without."""
    if not KANJI.search(text):
        return [(text, None)]
    words = [w for w in plain if w and w in text]
    if words:
        split = re.split("(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")", text)
        return _merged([piece for k, part in enumerate(split) if part
                        for piece in ([(part, None)] if k % 2 else pieces(part))])
    pattern, words = _overrides()
    out: list[Piece] = []
    start = 0
    for found in pattern.finditer(text) if pattern else ():
        out.extend(_analysed(text[start:found.start()]) if found.start() > start else [])
        out.extend(align(found.group(0), words[found.group(0)]))
        start = found.end()
    if start < len(text):
        out.extend(_analysed(text[start:]))
    return _merged(out)


def _merged(items: list[Piece]) -> list[Piece]:
    """Neighbouring pieces without a reading joined, so the markup stays small."""
    merged: list[Piece] = []
    for text, reading in items:
        if reading is None and merged and merged[-1][1] is None:
            merged[-1] = (merged[-1][0] + text, None)
        else:
            merged.append((text, reading))
    return merged


def resident_words(facts: dict[str, Any]) -> frozenset[str]:
    """The words the resident typed or the postal table filled in (names, kana, address parts), which pages and slips
    in やさしい日本語 show without guessed readings."""
    words: set[str] = set()
    places = [facts.get(key) for key in ("from_address", "to_address", "address")]
    for item in [*facts.get("members", []), *places]:
        if isinstance(item, dict):
            words.update(value.strip() for value in item.values() if isinstance(value, str) and KANJI.search(value))
    return frozenset(words)
