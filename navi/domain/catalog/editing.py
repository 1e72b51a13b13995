"""Edits of a raw catalog document, one entity at a time (what the supervisor's editor saves to the draft).

Every function returns a new document and leaves its input alone. Keys a form leaves at the model's
default are only written when the entity already had them, so saving an unchanged entity changes nothing.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel, ValidationError

from navi.domain.catalog.export import DEFAULT_PROCEDURE_FILE, PROCEDURE_FILE, procedure_file
from navi.domain.catalog.loader import json_path
from navi.domain.catalog.model import Catalog, Counter, Document, Event, Form, Office, Procedure, Question

# The kinds of entity the editor lists, each with its model (all are lists of items with an `id`).
KINDS: dict[str, type[BaseModel]] = {
    "events": Event, "questions": Question, "procedures": Procedure, "counters": Counter, "offices": Office,
    "documents": Document, "forms": Form,
}


def items(raw: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """The entities of a kind, in catalog order."""
    return list(raw.get(kind, []))


def item(raw: dict[str, Any], kind: str, item_id: str) -> dict[str, Any] | None:
    """One entity by id."""
    return next((found for found in raw.get(kind, []) if found.get("id") == item_id), None)


def merged(original: dict[str, Any] | None, changes: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """The entity with a form's values: None removes a key; a default value is written only if it was there."""
    result = copy.deepcopy(original) if original else {}
    for key, value in changes.items():
        info = model.model_fields.get(key)
        alias = (info.alias if info is not None and info.alias else key)
        default = None if info is None or info.is_required() else info.get_default(call_default_factory=True)
        if value is None or (alias not in result and value == default):
            result.pop(alias, None)
        else:
            result[alias] = value
    ordered = [name for name in (f.alias or n for n, f in model.model_fields.items()) if name in result]
    # Keep the model's field order for keys a form adds, so files read like the hand-written ones.
    return {key: result[key] for key in [*ordered, *(k for k in result if k not in ordered)]}


def problems(kind: str, entity: dict[str, Any]) -> list[tuple[str, str]]:
    """(JSON path, message) for everything the model rejects in one entity."""
    try:
        KINDS[kind].model_validate(entity)
    except ValidationError as error:
        return [(json_path(e["loc"]), e["msg"]) for e in error.errors()]
    return []


def put(raw: dict[str, Any], kind: str, entity: dict[str, Any], *, replaces: str | None = None,
        file: str | None = None) -> dict[str, Any]:
    """The document with an entity added (at the end of its file, for a procedure) or replacing `replaces`."""
    document = copy.deepcopy(raw)
    entities = document.setdefault(kind, [])
    index = next((i for i, e in enumerate(entities) if e.get("id") == replaces), None) if replaces else None
    if index is not None:
        entities[index] = entity
        if kind == "procedures" and entity["id"] != replaces:
            files = document.setdefault("procedure_files", {})
            files[entity["id"]] = files.pop(replaces, DEFAULT_PROCEDURE_FILE)
        return document
    if kind != "procedures":
        entities.append(entity)
        return document
    target = file if file and PROCEDURE_FILE.match(file) else DEFAULT_PROCEDURE_FILE
    # Procedures load file by file in name order: insert where the export → import round trip puts it.
    after = [i for i, e in enumerate(entities) if procedure_file(document, e["id"]) <= target]
    entities.insert(after[-1] + 1 if after else 0, entity)
    document.setdefault("procedure_files", {})[entity["id"]] = target
    return document


def remove(raw: dict[str, Any], kind: str, item_id: str) -> dict[str, Any]:
    """The document without one entity (references to it are left for the checks to name)."""
    document = copy.deepcopy(raw)
    document[kind] = [e for e in document.get(kind, []) if e.get("id") != item_id]
    if kind == "procedures":
        document.get("procedure_files", {}).pop(item_id, None)
    return document


def procedure_files(raw: dict[str, Any]) -> list[str]:
    """The procedure files of a catalog, in load order."""
    return sorted({procedure_file(raw, p["id"]) for p in raw.get("procedures", [])} | {DEFAULT_PROCEDURE_FILE})


def preview_household(catalog: Catalog, form_id: str) -> str | None:
    """The example household a form is previewed with: the first must-example of a procedure filing it."""
    for procedure in catalog.procedures:
        if form_id in procedure.forms and procedure.examples.must:
            return procedure.examples.must[0].household
    return next(iter(catalog.households), None)
