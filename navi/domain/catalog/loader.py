"""Loads a catalog folder (YAML files) into a `Catalog`, reporting every problem with file and path.

Layout: catalog.yaml (info), offices.yaml (counters, offices), events.yaml (events, questions),
documents.yaml, procedures/*.yaml (lists of procedures), forms/*.yaml (one form each, with blank forms for
overlay printing under forms/backgrounds/), vocabulary.yaml (words printed on forms, optional),
calendar.yaml (the office calendar, optional),
households/*.yaml (one example household each, named by the file).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from navi.domain.calendar import OfficeCalendar
from navi.domain.catalog import limits
from navi.domain.catalog.layout import FormWords
from navi.domain.catalog.model import (
    Catalog,
    CatalogInfo,
    Counter,
    Document,
    Event,
    Form,
    Office,
    Procedure,
    Question,
)


def shipped_folder(package: Path, name: str) -> Path:
    """A top-level folder of the checkout (templates, forms_catalog) that the build copies into the package.

    An installed wheel holds it as navi/<name> (setup.py); a source tree or an editable install has no copy
    there and reads the checkout's own folder, so an edit shows without reinstalling.
    """
    inside = package / name
    return inside if inside.is_dir() else package.parent / name


# The default catalog folder (the checkout's forms_catalog/, or its copy inside an installed wheel).
DEFAULT_CATALOG_DIR = shipped_folder(Path(__file__).resolve().parents[2], "forms_catalog")

# Which top-level key of which file holds which items.
SECTIONS: dict[str, tuple[str, str, type[BaseModel]]] = {
    "counters": ("offices.yaml", "counters", Counter),
    "offices": ("offices.yaml", "offices", Office),
    "events": ("events.yaml", "events", Event),
    "questions": ("events.yaml", "questions", Question),
    "documents": ("documents.yaml", "documents", Document),
}


@dataclass(frozen=True)
class CatalogProblem:
    """One thing wrong with a catalog: where (file and path inside it) and what."""

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.message}"


class CatalogInvalid(Exception):
    """Raised when a catalog folder does not load; carries every problem found."""

    def __init__(self, problems: list[CatalogProblem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def json_path(loc: tuple[Any, ...], root: str = "$") -> str:
    """A pydantic error location as a JSON path such as `$.members[0].birth_date`."""
    path = root
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _read_yaml(path: Path, root: Path, problems: list[CatalogProblem]) -> Any:
    name = str(path.relative_to(root))
    try:
        if path.stat().st_size > limits.MAX_YAML_BYTES:
            problems.append(CatalogProblem(name, "$", f"file is larger than {limits.MAX_YAML_BYTES // 1024} KB"))
            return None
        return yaml.load(path.read_text(encoding="utf-8"), Loader=limits.CatalogYamlLoader)  # noqa: S506 (safe)
    except FileNotFoundError:
        problems.append(CatalogProblem(name, "$", "file is missing"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "$"
        problems.append(CatalogProblem(name, where, f"YAML syntax error: {getattr(error, 'problem', error)}"))
    except UnicodeDecodeError:
        problems.append(CatalogProblem(name, "$", "file is not UTF-8 text"))
    except (ValueError, RecursionError) as error:
        # YAML that parses but cannot be built: an impossible date (2023-02-30), nesting too deep to read.
        problems.append(CatalogProblem(name, "$", f"YAML value cannot be read: {type(error).__name__}: {error}"))
    return None


def _validate(model: Any, data: Any, file: str, root: str, problems: list[CatalogProblem]) -> Any:
    try:
        return TypeAdapter(model).validate_python(data)
    except ValidationError as error:
        for item in error.errors():
            problems.append(CatalogProblem(file, json_path(item["loc"], root), item["msg"]))
    return None


def _total_too_large(directory: Path) -> list[CatalogProblem]:
    """Before reading anything: the catalog's YAML files together within MAX_YAML_TOTAL."""
    total = sum(path.stat().st_size for path in directory.rglob("*.yaml") if path.is_file())
    if total <= limits.MAX_YAML_TOTAL:
        return []
    return [CatalogProblem("(catalog)", "$", f"the YAML files have {total // 1024} KB together; at most "
                                             f"{limits.MAX_YAML_TOTAL // 1024} KB are read")]


def read_catalog_files(directory: Path) -> dict[str, Any]:
    """The raw catalog document (plain data) assembled from a folder; raises CatalogInvalid."""
    problems: list[CatalogProblem] = _total_too_large(directory)
    if problems:
        raise CatalogInvalid(problems)
    raw: dict[str, Any] = {"info": None, "procedures": [], "forms": [], "households": {}, "procedure_files": {}}
    info = _read_yaml(directory / "catalog.yaml", directory, problems)
    if info is not None:
        raw["info"] = info if _validate(CatalogInfo, info, "catalog.yaml", "$", problems) else None
    elif not problems:
        problems.append(CatalogProblem("catalog.yaml", "$", "file is empty"))
    files: dict[str, Any] = {}
    for section, (file, key, model) in SECTIONS.items():
        if file not in files:
            files[file] = _read_yaml(directory / file, directory, problems) or {}
        items = files[file].get(key, []) if isinstance(files[file], dict) else []
        _validate(list[model], items, file, f"$.{key}", problems)
        raw[section] = items
    for path in sorted((directory / "procedures").glob("*.yaml")):
        name = str(path.relative_to(directory))
        items = _read_yaml(path, directory, problems) or []
        if _validate(list[Procedure], items, name, "$", problems) is not None:
            raw["procedures"].extend(items)
            raw["procedure_files"].update({item["id"]: name for item in items})
    for path in sorted((directory / "forms").glob("*.yaml")):
        name = str(path.relative_to(directory))
        item = _read_yaml(path, directory, problems)
        form = _validate(Form, item, name, "$", problems)
        if form is not None:
            raw["forms"].append(item)
            background = form.layout.background if form.layout else None
            if background and not (directory / "forms" / "backgrounds" / background).is_file():
                problems.append(CatalogProblem(name, "$.layout.background", f"no file forms/backgrounds/{background}"))
    if (directory / "vocabulary.yaml").exists():
        words = _read_yaml(directory / "vocabulary.yaml", directory, problems)
        if _validate(FormWords, words, "vocabulary.yaml", "$", problems) is not None:
            raw["form_words"] = words
    if (directory / "calendar.yaml").exists():
        calendar = _read_yaml(directory / "calendar.yaml", directory, problems)
        if _validate(OfficeCalendar, calendar, "calendar.yaml", "$", problems) is not None:
            raw["calendar"] = calendar
    for path in sorted((directory / "households").glob("*.yaml")):
        item = _read_yaml(path, directory, problems)
        if item is not None:
            raw["households"][path.stem] = item
    if problems:
        raise CatalogInvalid(problems)
    return raw


def content_hash(raw: dict[str, Any]) -> str:
    """The version id of a catalog: a hash of its canonical JSON form."""
    canonical = json.dumps(raw, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def catalog_from_raw(raw: dict[str, Any]) -> Catalog:
    """A catalog model from its raw document, versioned by content hash; CatalogInvalid (with the path) for a
    document nested deeper than any catalog is, before anything recurses into it."""
    try:
        limits.check_depth(raw)
    except limits.TooDeep as error:
        raise CatalogInvalid([CatalogProblem("(catalog)", error.path, str(error))]) from None
    data = {key: value for key, value in raw.items() if key not in ("version", "procedure_files")}
    files = raw.get("procedure_files", {})
    return Catalog.model_validate({**data, "version": content_hash(data), "procedure_files": files})


def load_catalog(directory: Path | str = DEFAULT_CATALOG_DIR) -> Catalog:
    """Load and structurally validate a catalog folder; raises CatalogInvalid with every problem."""
    raw = read_catalog_files(Path(directory))
    try:
        return catalog_from_raw(raw)
    except ValidationError as error:
        # What no single file shows (an empty catalog.yaml, a household file that is not a household).
        raise CatalogInvalid([CatalogProblem("(catalog)", json_path(item["loc"]), item["msg"])
                              for item in error.errors()]) from None
