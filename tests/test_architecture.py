"""The house keeps its shape: a pure domain core, blueprints that never import each other, no module that
reaches into another's private names, and a package root that holds only the app factory and settings."""

from __future__ import annotations

import ast
from pathlib import Path

NAVI = Path(__file__).resolve().parent.parent / "navi"
DOMAIN = NAVI / "domain"
BLUEPRINTS = ("wizard", "counter", "catalog_admin")
THIRD_PARTY_WEB = ("flask", "flask_babel", "flask_wtf", "wtforms", "werkzeug", "sqlalchemy")


def imports(path: Path, source: str | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """(module, names imported from it) for every import statement of a file (or of `source`, as if it stood
    at `path`), relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8") if source is None else source)
    package = ".".join(path.relative_to(NAVI.parent).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            found.append((module, tuple(alias.name for alias in node.names)))
    return found


def modules_of(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def test_the_package_root_holds_only_the_factory_main_and_settings():
    assert sorted(p.name for p in NAVI.glob("*.py")) == ["__init__.py", "__main__.py", "config.py"]


def test_each_user_blueprint_has_the_same_rooms():
    for blueprint in BLUEPRINTS:
        rooms = {p.name for p in (NAVI / blueprint).glob("*.py")}
        assert {"__init__.py", "views.py", "forms.py", "presenters.py", "labels.py"} <= rooms, blueprint


def test_domain_imports_nothing_outside_itself_and_no_web_library():
    files = modules_of(DOMAIN)
    assert len(files) >= 8
    offenders = {}
    for path in files:
        bad = [module for module, _ in imports(path)
               if module.split(".")[0] in THIRD_PARTY_WEB
               or (module.startswith("navi") and not module.startswith("navi.domain"))]
        if bad:
            offenders[str(path.relative_to(NAVI))] = bad
    assert offenders == {}


def test_blueprints_never_import_each_other():
    offenders = {}
    for blueprint in BLUEPRINTS:
        others = tuple(f"navi.{other}" for other in BLUEPRINTS if other != blueprint)
        for path in modules_of(NAVI / blueprint):
            bad = [module for module in imported_names(path) if module.startswith(others)]
            if bad:
                offenders[str(path.relative_to(NAVI))] = bad
    assert offenders == {}


def imported_names(path: Path, source: str | None = None) -> list[str]:
    """Every module a file imports, `from a import b` counted as `a.b` too (b may be a module)."""
    return [name for module, names in imports(path, source) for name in (module, *(f"{module}.{n}" for n in names))]


def test_the_shared_layers_never_import_a_blueprint():
    blueprints = tuple(f"navi.{name}" for name in BLUEPRINTS)
    offenders = {}
    for layer in ("domain", "payload", "pdf", "records", "web", "instance", "cli"):
        for path in modules_of(NAVI / layer):
            bad = [module for module in imported_names(path) if module.startswith(blueprints)]
            if bad:
                offenders[str(path.relative_to(NAVI))] = bad
    assert offenders == {}


def test_no_module_imports_another_modules_private_name():
    offenders = {}
    for path in modules_of(NAVI):
        bad = [f"{module}.{name}" for module, names in imports(path) for name in names
               if name.startswith("_") and not name.startswith("__") and module.startswith("navi")]
        bad += [module for module, _ in imports(path) if any(part.startswith("_") and not part.startswith("__")
                                                             for part in module.split("."))]
        if bad:
            offenders[str(path.relative_to(NAVI))] = bad
    assert offenders == {}


def test_the_architecture_checks_see_what_they_forbid():
    source = "from flask import Flask\nfrom navi.counter.views import _opened\nfrom . import labels\n"
    found = imports(NAVI / "wizard" / "sample.py", source)
    assert ("flask", ("Flask",)) in found
    assert ("navi.counter.views", ("_opened",)) in found
    assert ("navi.wizard", ("labels",)) in found
    assert "navi.counter" in imported_names(NAVI / "web" / "sample.py", "from navi import counter\n")
