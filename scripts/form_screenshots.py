"""Regenerate docs/forms/: a PNG of each completed form of the family-of-four packet, and its route slips.

Usage: python scripts/form_screenshots.py [--dpi 60] — needs poppler's pdftoppm (apt-get install poppler-utils).
The household is the catalog's family4_employee, printed on its moving day, so the pictures only change when
a layout, the vocabulary or the renderer does.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from navi.domain.catalog.loader import load_catalog  # noqa: E402
from navi.domain.planner import plan_for  # noqa: E402
from navi.domain.validation import parse_facts  # noqa: E402
from navi.pdf import packet_forms, render_form, render_route_slip  # noqa: E402

OUT = ROOT / "docs" / "forms"
HOUSEHOLD = "family4_employee"


def to_png(pdf: bytes, target: Path, dpi: int) -> None:
    """The first page of `pdf` as `target` (PNG)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "page.pdf"
        source.write_bytes(pdf)
        stem = Path(folder) / "page"
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", "1", "-l", "1",
                        str(source), str(stem)], check=True)
        shutil.copyfile(stem.with_suffix(".png"), target)


def main() -> None:
    """Write docs/forms/<form id>.png for every form of the packet, and route_slip_ja/en.png."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=60)
    dpi = parser.parse_args().dpi
    catalog = load_catalog()
    facts = parse_facts(catalog.households[HOUSEHOLD], catalog)
    OUT.mkdir(parents=True, exist_ok=True)
    plan = plan_for(facts, catalog)
    for form in packet_forms(plan, catalog):
        to_png(render_form(form.id, facts, catalog, plan, facts.event_date), OUT / f"{form.id}.png", dpi)
        print(OUT / f"{form.id}.png")
    for lang in ("ja", "en"):
        slip = render_route_slip(facts, catalog, plan_for(facts, catalog, lang), lang, receipt_no="A-012")
        to_png(slip, OUT / f"route_slip_{lang}.png", dpi)
        print(OUT / f"route_slip_{lang}.png")


if __name__ == "__main__":
    main()
