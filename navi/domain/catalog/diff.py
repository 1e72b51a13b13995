"""What a draft changes against the published version: per entity, the fields added, removed and changed.

Entities are matched by id within their section (procedures, forms, …); inside an entity, fields are
compared by path (`condition.all[1].value`). Lists of plain values (`documents`) compare as one value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from navi.domain.catalog.export import procedure_file

# Sections in the order the review page lists them, with the file each lives in.
SECTIONS: dict[str, str] = {
    "info": "catalog.yaml", "counters": "offices.yaml", "offices": "offices.yaml", "events": "events.yaml",
    "questions": "events.yaml", "documents": "documents.yaml", "procedures": "procedures",
    "forms": "forms", "form_words": "vocabulary.yaml", "calendar": "calendar.yaml",
    "households": "households",
}
_MISSING = object()


@dataclass(frozen=True)
class FieldChange:
    """One field of an entity: its path, and its value before and after (None where it did not exist)."""

    path: str
    change: str  # "added", "removed" or "changed"
    before: str | None
    after: str | None


@dataclass(frozen=True)
class EntityChange:
    """One entity added, removed, changed, or a section whose order changed."""

    section: str
    id: str
    change: str  # "added", "removed", "changed" or "reordered"
    file: str
    fields: tuple[FieldChange, ...] = ()


def show(value: Any) -> str:
    """A value as the review page prints it: strings as they are, everything else as compact JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Leaf values of a document by path; lists of plain values (and empty containers) are leaves."""
    if isinstance(value, dict) and value:
        found: dict[str, Any] = {}
        for key, item in value.items():
            found |= flatten(item, f"{prefix}.{key}" if prefix else str(key))
        return found
    if isinstance(value, list) and value and any(isinstance(item, dict | list) for item in value):
        found = {}
        for index, item in enumerate(value):
            found |= flatten(item, f"{prefix}[{index}]")
        return found
    return {prefix: value}


def field_changes(before: Any, after: Any) -> tuple[FieldChange, ...]:
    """The fields that differ between two versions of one entity (None: it did not exist), in path order."""
    old = {} if before is None else flatten(before)
    new = {} if after is None else flatten(after)
    changes = []
    for path in sorted(old.keys() | new.keys(), key=_path_key):
        a, b = old.get(path, _MISSING), new.get(path, _MISSING)
        if a is _MISSING:
            changes.append(FieldChange(path, "added", None, show(b)))
        elif b is _MISSING:
            changes.append(FieldChange(path, "removed", show(a), None))
        elif a != b or type(a) is not type(b):
            changes.append(FieldChange(path, "changed", show(a), show(b)))
    return tuple(changes)


def _path_key(path: str) -> tuple:
    """Sort paths so that `x[10]` comes after `x[9]`."""
    parts = path.replace("[", ".[").split(".")
    return tuple((0, int(p[1:-1]), "") if p.startswith("[") else (1, 0, p) for p in parts)


def _entities(raw: dict[str, Any], section: str) -> dict[str, Any]:
    value = raw.get(section)
    if section in ("info", "form_words", "calendar"):
        return {} if value is None else {"": value}
    if section == "households":
        return dict(value or {})
    return {item["id"]: item for item in value or [] if isinstance(item, dict) and "id" in item}


def _file(raw: dict[str, Any], section: str, entity_id: str) -> str:
    if section == "procedures":
        return procedure_file(raw, entity_id)
    if section in ("forms", "households"):
        return f"{section}/{entity_id}.yaml"
    return SECTIONS[section]


def diff_catalogs(before: dict[str, Any], after: dict[str, Any]) -> list[EntityChange]:
    """Every entity the `after` document adds, removes or changes against `before`."""
    changes: list[EntityChange] = []
    for section in SECTIONS:
        old, new = _entities(before, section), _entities(after, section)
        for entity_id, item in new.items():
            if entity_id not in old:
                changes.append(EntityChange(section, entity_id, "added", _file(after, section, entity_id),
                                            field_changes(None, item)))
            elif old[entity_id] != item:
                changes.append(EntityChange(section, entity_id, "changed", _file(after, section, entity_id),
                                            field_changes(old[entity_id], item)))
        changes += [EntityChange(section, entity_id, "removed", _file(before, section, entity_id))
                    for entity_id in old if entity_id not in new]
        kept_old = [i for i in old if i in new]
        kept_new = [i for i in new if i in old]
        if section not in ("households", "info", "form_words", "calendar") and kept_old != kept_new:
            changes.append(EntityChange(section, "", "reordered", SECTIONS[section]))
    return changes
