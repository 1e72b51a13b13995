"""Extract translatable strings, then write each language's .po and .mo from i18n/<language>/*.yaml.

Usage: python scripts/i18n.py — each YAML file under i18n/<language>/ maps Japanese msgid → translation; one
file per area (core, wizard, counter, …) so people working on different screens don't collide. A language is a
folder: i18n/en (English), i18n/easy_ja (やさしい日本語); a translator adds i18n/zh_Hans the same way and lists
the code in LANGUAGES. A msgid missing from the YAML keeps the translation its .po already had, if any.
"""

import copy
import subprocess
import sys
from pathlib import Path

import yaml
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "navi" / "translations"
sys.path.insert(0, str(ROOT))

from navi.text.languages import babel_locale  # noqa: E402  (the project's own code, found from the checkout)


def main() -> None:
    """Extract the template, then fill and compile every language under i18n/."""
    pot_path = TRANSLATIONS / "messages.pot"
    subprocess.run(["pybabel", "-q", "extract", "-F", "babel.cfg", "-k", "_l", "--no-location", "-o",
                    str(pot_path), "."], cwd=ROOT, check=True)
    with pot_path.open("rb") as handle:
        template = read_po(handle)
    for folder in sorted(p for p in (ROOT / "i18n").iterdir() if p.is_dir()):
        missing = write_language(folder.name, template, folder)
        print(f"{folder.name}: {missing} msgids without a translation")


def write_language(lang: str, template, folder: Path) -> int:
    """Write navi/translations/<lang>/LC_MESSAGES/messages.po and .mo; return how many msgids lack a translation."""
    fill: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        fill.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    out = TRANSLATIONS / lang / "LC_MESSAGES"
    out.mkdir(parents=True, exist_ok=True)
    earlier = {}
    if (out / "messages.po").exists():
        with (out / "messages.po").open("rb") as handle:
            earlier = {m.id: m.string for m in read_po(handle) if m.id and m.string}
    catalog = copy.deepcopy(template)
    catalog.locale = babel_locale(lang)
    catalog.fuzzy = False
    for message in catalog:
        if message.id:
            message.string = fill.get(message.id) or earlier.get(message.id, "")
    with (out / "messages.po").open("wb") as handle:
        write_po(handle, catalog, no_location=True, width=0)
    with (out / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)
    return sum(1 for m in catalog if m.id and not m.string)


if __name__ == "__main__":
    main()
