"""The domain core stays pure: nothing under navi/domain imports Flask or the web layers."""

import ast
from pathlib import Path

DOMAIN = Path(__file__).resolve().parent.parent / "navi" / "domain"
FORBIDDEN = ("flask", "flask_babel", "flask_wtf", "wtforms", "werkzeug", "sqlalchemy",
             "navi.wizard", "navi.web", "navi.cli", "navi.instance", "navi.counter", "navi.catalog_admin")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_domain_never_imports_the_web_or_the_database():
    files = sorted(DOMAIN.rglob("*.py"))
    assert len(files) >= 8
    offenders = {
        str(path.relative_to(DOMAIN)): sorted(m for m in imported_modules(path) if m.split(".")[0] in FORBIDDEN
                                              or m.startswith(FORBIDDEN))
        for path in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_architecture_test_sees_a_flask_import(tmp_path):
    sample = tmp_path / "bad.py"
    sample.write_text("from flask import Flask\n", encoding="utf-8")
    assert "flask" in imported_modules(sample)
