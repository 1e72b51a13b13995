"""A problem in submitted household facts: where (a JSON path), what (a code) and the values its words need."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One problem in submitted facts: the JSON path, a code, and the values the message needs."""

    path: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)
