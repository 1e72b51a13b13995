"""The wizard's steps and drafts as types: a step is a kind of page and what it asks about; a draft is the
facts document being built, kept apart from the wizard's own flags."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Step:
    """One wizard page: its kind (`person`, `attr`, `q`…), what it asks about (a member index, an attribute,
    a question id…) and, for member-choice pages, the members it asks about."""

    kind: str
    arg: str = ""
    members: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """The step's id in URLs: `kind` or `kind-arg` (`person-0`, `q-inkan_registration`)."""
        return f"{self.kind}-{self.arg}" if self.arg else self.kind

    @classmethod
    def parse(cls, step_id: str) -> Step:
        """The step an id names (members are not part of the id)."""
        kind, _, arg = step_id.partition("-")
        return cls(kind, arg)


@dataclass
class Draft:
    """A resident's answers so far: the facts document being built (design.md §3, as plain data), kept apart
    from the wizard's own flags (which pages are answered, whether the answers are confirmed, assisted mode)."""

    facts: dict[str, Any] = field(default_factory=dict)
    done: set[str] = field(default_factory=set)
    confirmed: bool = False
    assisted: bool = False

    def to_data(self) -> dict[str, Any]:
        """Plain data for the encrypted draft store."""
        return {"facts": self.facts, "done": sorted(self.done), "confirmed": self.confirmed,
                "assisted": self.assisted}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Draft:
        """A draft from the store's plain data."""
        return cls(dict(data.get("facts", {})), set(data.get("done", [])), bool(data.get("confirmed")),
                   bool(data.get("assisted")))

    def restart(self, *, keep_office: bool) -> None:
        """Forget every answer (another life event asks other questions), keeping the office if asked to."""
        office = self.facts.get("office")
        self.facts = {"office": office} if keep_office else {}
        self.done = {"office"} & self.done if keep_office else set()
