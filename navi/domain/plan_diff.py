"""Where two plans for the same household differ: procedures one lists and the other does not.

The counter plans with the catalog version the code names and shows the clerk what today's catalog would
add or drop, so a rule changed since the resident's visit is noticed rather than silently applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PlanDifference:
    """Procedures (id, title) only the newer plan lists, and those only the older plan lists."""

    added: list[tuple[str, str]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)


def compare_plans(older: dict, newer: dict) -> PlanDifference:
    """The difference between two plan documents (design.md §4), in each plan's own order."""
    old_ids = {p["id"] for p in older["procedures"]}
    new_ids = {p["id"] for p in newer["procedures"]}
    added = [(p["id"], p["title"]) for p in newer["procedures"] if p["id"] not in old_ids]
    removed = [(p["id"], p["title"]) for p in older["procedures"] if p["id"] not in new_ids]
    return PlanDifference(added, removed)
