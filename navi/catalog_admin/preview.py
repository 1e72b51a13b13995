"""Previews for the editor: a form's first page as printed for an example household (PNG), and a wizard
question as the resident sees it."""

from __future__ import annotations

import shutil
import subprocess

from navi.domain.catalog.editing import preview_household
from navi.domain.catalog.model import Catalog
from navi.domain.interview import Step
from navi.domain.planner import plan_for
from navi.domain.validation import parse_example
from navi.pdf.render import render_form
from navi.wizard import pages

PREVIEW_DPI = 60


class PreviewUnavailable(RuntimeError):
    """No household to fill the form with, or poppler's pdftoppm is not installed."""


def form_png(catalog: Catalog, form_id: str) -> bytes:
    """Page 1 of the form completed for its first example household, as a PNG."""
    household = preview_household(catalog, form_id)
    pdftoppm = shutil.which("pdftoppm")
    if household is None or pdftoppm is None:
        raise PreviewUnavailable("no example household" if household is None else "pdftoppm is not installed")
    facts = parse_example(catalog.households[household], catalog)
    # Printed "on" the household's event day, so the preview is the same every time.
    pdf = render_form(form_id, facts, catalog, plan_for(facts, catalog, "ja"), facts.event_date)
    done = subprocess.run([pdftoppm, "-r", str(PREVIEW_DPI), "-png", "-singlefile", "-f", "1", "-l", "1", "-"],  # noqa: S603
                          input=pdf, capture_output=True, check=False, timeout=60)
    if done.returncode != 0 or not done.stdout.startswith(b"\x89PNG"):
        raise PreviewUnavailable("pdftoppm could not render the form")
    return done.stdout


def question_page(catalog: Catalog, question_id: str) -> pages.Page:
    """The wizard page of a question, built by the wizard itself (no answer given yet)."""
    return pages.build(Step(f"q-{question_id}"), {"answers": {}}, catalog)
