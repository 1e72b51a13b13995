"""Measures printing completed forms: the packet of a family of four moving in (family4_employee) and of a
six-person household after a death, pages per second, and what embedding the Japanese font costs.

The font overhead compares the same packet drawn with the embedded BIZ UDGothic subset against the same
drawing in reportlab's built-in Helvetica (not embedded) with every non-ASCII character as a placeholder.
Run from the repository root: python bench/pdf.py [--runs N]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import io
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from navi.domain.catalog.loader import load_catalog
from navi.domain.planner import plan_for
from navi.domain.validation import parse_facts
from navi.pdf import draw, fit, fonts, render_packet

TODAY = dt.date(2027, 4, 1)


def six_after_a_death(catalog) -> dict:
    """death_head_family (the head dies; wife and two children remain) with his parents living with them."""
    data = copy.deepcopy(catalog.households["death_head_family"])
    parents = [("m5", "源太郎", "ゲンタロウ", "1946-02-11", "male", "care2"),
               ("m6", "ヨシ子", "ヨシコ", "1949-08-15", "female", "support1")]
    data["members"] += [
        {"id": member_id, "relation": "parent", "family_name": "村上", "given_name": name,
         "family_name_kana": "ムラカミ", "given_name_kana": kana, "birth_date": born, "sex": sex,
         "health_insurance": "late_elderly", "pension": "pensioner", "care_level": care}
        for member_id, name, kana, born, sex, care in parents
    ]
    return data


def timed_ms(action: Callable[[], object]) -> float:
    """Wall time of one call, in milliseconds."""
    start = time.perf_counter_ns()
    action()
    return (time.perf_counter_ns() - start) / 1e6


def medians(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median time of `action` with the embedded font and with Helvetica placeholders, runs interleaved so
    both see the same machine load (after one warm-up of each)."""
    ours, plain = [], []
    for run in range(runs + 1):
        embedded = timed_ms(action)
        with helvetica_placeholders():
            placeholder = timed_ms(action)
        if run:
            ours.append(embedded)
            plain.append(placeholder)
    return statistics.median(ours), statistics.median(plain)


@contextmanager
def helvetica_placeholders() -> Iterator[None]:
    """Draw with the built-in Helvetica (nothing embedded), every non-ASCII character printed as '?'."""
    helvetica = pdfmetrics.getFont("Helvetica")

    def ascii_only(text: str) -> str:
        return "".join(c if c.isascii() else "?" for c in text)

    def char_widths(text: str, size: float) -> list[float]:
        return [helvetica.stringWidth(c, size) for c in text]

    def width(text: str, size: float) -> float:
        return helvetica.stringWidth(text, size)

    with mock.patch.multiple(draw, FONT="Helvetica", font=lambda: helvetica, printable=ascii_only, width=width), \
            mock.patch.multiple(fit, width=width, char_widths=char_widths), \
            mock.patch.object(fonts, "printable", ascii_only):
        yield


def pages_of(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs per figure (median reported)")
    runs = parser.parse_args().runs
    start = time.perf_counter()
    fonts.font()
    font_load_ms = (time.perf_counter() - start) * 1e3
    catalog = load_catalog()
    households = {"family of four moving in (family4_employee)": catalog.households["family4_employee"],
                  "six people after a death (death_head_family + 2)": six_after_a_death(catalog)}
    print(f"median of {runs} runs after a warm-up, the two fonts interleaved; "
          f"font file parsed once per process: {font_load_ms:.0f} ms\n")
    print(f"{'packet':50}{'forms':>6}{'pages':>6}{'ms':>8}{'pages/s':>9}{'KiB':>7}"
          f" │ {'Helvetica ms':>12}{'KiB':>6}{'font cost ms':>13}")
    for name, data in households.items():
        facts = parse_facts(data, catalog)
        plan = plan_for(facts, catalog)
        pdf = render_packet(facts, catalog, plan, TODAY)
        forms = len({f for p in plan.procedures if not p.automatic for f in p.forms})
        ours, plain = medians(lambda f=facts, p=plan: render_packet(f, catalog, p, TODAY), runs)
        with helvetica_placeholders():
            plain_pdf = render_packet(facts, catalog, plan, TODAY)
        pages = pages_of(pdf)
        print(f"{name:50}{forms:6}{pages:6}{ours:8.1f}{pages / ours * 1e3:9.1f}{len(pdf) / 1024:7.1f}"
              f" │ {plain:12.1f}{len(plain_pdf) / 1024:6.1f}{ours - plain:13.1f}")


if __name__ == "__main__":
    main()
