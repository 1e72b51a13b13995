"""Extract translatable strings, merge them into the English .po, fill it from i18n/en/*.yaml, compile.

Usage: python scripts/i18n.py — each YAML file under i18n/en/ maps Japanese msgid → English msgstr; one
file per area (core, wizard, counter, …) so people working on different screens don't collide.
"""

import subprocess
from pathlib import Path

import yaml
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "navi" / "translations"


def main() -> None:
    """Run extract → update → fill → compile."""
    pot = TRANSLATIONS / "messages.pot"
    run = ["pybabel", "-q"]
    subprocess.run([*run, "extract", "-F", "babel.cfg", "-k", "_l", "--no-location", "-o", str(pot), "."],
                   cwd=ROOT, check=True)
    subprocess.run([*run, "update", "-i", str(pot), "-d", str(TRANSLATIONS), "--no-fuzzy-matching"],
                   cwd=ROOT, check=True)
    fill: dict[str, str] = {}
    for path in sorted((ROOT / "i18n" / "en").glob("*.yaml")):
        fill.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    if fill:
        po_path = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if message.id and message.id in fill:
                message.string = fill[message.id]
        with po_path.open("wb") as handle:
            write_po(handle, catalog, no_location=True, width=0)
    subprocess.run([*run, "compile", "-d", str(TRANSLATIONS)], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
