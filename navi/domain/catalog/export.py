"""The catalog as files in the forms_catalog/ layout (a folder or a zip), and back.

`catalog_files` is the inverse of `loader.read_catalog_files`: YAML is written with fixed options and every
list keeps its order, so export → import → export gives the same bytes. Comments in hand-written files are
not part of the catalog document, so the first export of a hand-written folder drops them.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import yaml

from navi.domain.catalog import limits
from navi.domain.catalog.loader import CatalogInvalid, CatalogProblem, read_catalog_files

# Where a procedure goes when nothing says which file it came from (a catalog from another tool).
DEFAULT_PROCEDURE_FILE = "procedures/90_other.yaml"
PROCEDURE_FILE = re.compile(r"^procedures/[A-Za-z0-9_.-]{1,80}\.yaml$")
MEMBER = re.compile(
    r"^(catalog|offices|events|documents|vocabulary|calendar)\.yaml$"
    r"|^(procedures|forms|households)/[A-Za-z0-9_.-]{1,80}\.yaml$"
    r"|^forms/backgrounds/[A-Za-z0-9_.-]{1,80}\.pdf$"
)
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_BYTES = 64 * 1024 * 1024
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def dump_yaml(data: Any) -> str:
    """YAML written the same way every time (block style, key order kept, Unicode as is, fixed width)."""
    return yaml.dump(data, Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False, width=100, indent=2,
                     default_flow_style=False)


def procedure_file(raw: dict[str, Any], procedure_id: str) -> str:
    """The file a procedure is written to."""
    name = raw.get("procedure_files", {}).get(procedure_id, DEFAULT_PROCEDURE_FILE)
    return name if PROCEDURE_FILE.match(name) else DEFAULT_PROCEDURE_FILE


def catalog_files(raw: dict[str, Any]) -> dict[str, str]:
    """Every file of the catalog folder (relative path → YAML text) for a raw catalog document."""
    files = {
        "catalog.yaml": dump_yaml(raw["info"]),
        "offices.yaml": dump_yaml({"counters": raw.get("counters", []), "offices": raw.get("offices", [])}),
        "events.yaml": dump_yaml({"events": raw.get("events", []), "questions": raw.get("questions", [])}),
        "documents.yaml": dump_yaml({"documents": raw.get("documents", [])}),
    }
    grouped: dict[str, list[dict]] = {}
    for procedure in raw.get("procedures", []):
        grouped.setdefault(procedure_file(raw, procedure["id"]), []).append(procedure)
    files |= {name: dump_yaml(items) for name, items in sorted(grouped.items())}
    files |= {f"forms/{form['id']}.yaml": dump_yaml(form) for form in raw.get("forms", [])}
    if "form_words" in raw:
        files["vocabulary.yaml"] = dump_yaml(raw["form_words"])
    if "calendar" in raw:
        files["calendar.yaml"] = dump_yaml(raw["calendar"])
    files |= {f"households/{name}.yaml": dump_yaml(item) for name, item in raw.get("households", {}).items()}
    return files


def backgrounds(raw: dict[str, Any]) -> list[str]:
    """The blank-form PDFs (forms/backgrounds/…) the catalog's overlay layouts print on."""
    names = {(form.get("layout") or {}).get("background") for form in raw.get("forms", [])}
    return sorted(name for name in names if name)


def write_catalog(raw: dict[str, Any], directory: Path, background_dir: Path | None = None) -> list[str]:
    """Write the catalog's files into an empty (or new) folder; returns the relative paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        raise FileExistsError(f"{directory} is not empty")
    written = []
    for name, text in sorted(catalog_files(raw).items()):
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        (directory / name).write_text(text, encoding="utf-8")
        written.append(name)
    for name in backgrounds(raw):
        if background_dir is not None and (background_dir / name).is_file():
            (directory / "forms" / "backgrounds").mkdir(parents=True, exist_ok=True)
            shutil.copyfile(background_dir / name, directory / "forms" / "backgrounds" / name)
            written.append(f"forms/backgrounds/{name}")
    return written


def zip_catalog(raw: dict[str, Any], background_dir: Path | None = None) -> bytes:
    """The catalog's files as a zip (fixed order and timestamps: the same catalog gives the same bytes)."""
    entries = {name: text.encode("utf-8") for name, text in catalog_files(raw).items()}
    for name in backgrounds(raw):
        if background_dir is not None and (background_dir / name).is_file():
            entries[f"forms/backgrounds/{name}"] = (background_dir / name).read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    return buffer.getvalue()


def _upload_problem(message: str) -> CatalogInvalid:
    return CatalogInvalid([CatalogProblem("upload", "$", message)])


def unzip_catalog(data: bytes, directory: Path) -> None:
    """Extract the catalog files of a zip (optionally inside one top folder); others are ignored."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise _upload_problem("not a zip file") from None
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        if len(infos) > MAX_ZIP_ENTRIES or sum(info.file_size for info in infos) > MAX_ZIP_BYTES:
            raise _upload_problem("the zip is too large for a catalog")
        _check_yaml_sizes(infos)
        tops = {info.filename.split("/", 1)[0] for info in infos}
        # A zip of the folder itself (forms_catalog/catalog.yaml …) has one top folder to strip.
        prefix = f"{next(iter(tops))}/" if len(tops) == 1 and all("/" in i.filename for i in infos) else ""
        for info in infos:
            name = info.filename.removeprefix(prefix)
            if not MEMBER.match(name):
                continue  # schema.json, README and the like are not part of the catalog
            target = directory / name
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                target.write_bytes(archive.read(info))
            except (zipfile.BadZipFile, ValueError, NotImplementedError):
                raise _upload_problem(f"{name} cannot be read from the zip") from None


def _check_yaml_sizes(infos: list[zipfile.ZipInfo]) -> None:
    """Before anything is extracted or read: each YAML file and all of them within the loader's limits (the
    sizes the zip declares; reading never goes past them)."""
    yaml_files = [info for info in infos if info.filename.endswith(".yaml")]
    for info in yaml_files:
        if info.file_size > limits.MAX_YAML_BYTES:
            raise CatalogInvalid([CatalogProblem(info.filename, "$", f"file is {info.file_size // 1024} KB; at "
                                                 f"most {limits.MAX_YAML_BYTES // 1024} KB are read")])
    total = sum(info.file_size for info in yaml_files)
    if total > limits.MAX_YAML_TOTAL:
        raise _upload_problem(f"the YAML files have {total // 1024} KB together; at most "
                              f"{limits.MAX_YAML_TOTAL // 1024} KB are read")


def read_zip(data: bytes) -> dict[str, Any]:
    """The raw catalog document of a zip in the forms_catalog/ layout; raises CatalogInvalid."""
    with tempfile.TemporaryDirectory(prefix="navi-catalog-") as folder:
        unzip_catalog(data, Path(folder))
        return read_catalog_files(Path(folder))
