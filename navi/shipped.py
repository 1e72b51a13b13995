"""Where the files the package ships are found: inside an installed wheel, or in the source checkout."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def shipped_folder(name: str) -> Path:
    """A top-level folder of the checkout (templates, forms_catalog) that the build copies into the package.

    An installed wheel holds it as navi/<name> (setup.py); a source tree or an editable install has no copy
    there and reads the checkout's own folder, so an edit shows without reinstalling.
    """
    inside = PACKAGE / name
    return inside if inside.is_dir() else PACKAGE.parent / name


# The one place each shipped folder is resolved: the page templates and the default catalog (mapped in at
# build time), the static files and message catalogs (inside the package already).
TEMPLATES_DIR = shipped_folder("templates")
DEFAULT_CATALOG_DIR = shipped_folder("forms_catalog")
STATIC_DIR = PACKAGE / "static"
TRANSLATIONS_DIR = PACKAGE / "translations"
