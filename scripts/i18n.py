"""Extract translatable strings, merge them into every language's .po, fill from a YAML file, compile.

Usage: python scripts/i18n.py [TRANSLATIONS.yaml]  — the YAML maps Japanese msgid → English msgstr.
"""

import subprocess
import sys
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
    if len(sys.argv) > 1:
        fill = yaml.safe_load(Path(sys.argv[1]).read_text(encoding="utf-8"))
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
