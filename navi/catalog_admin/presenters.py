"""Previews for the editor: a form's first page as printed for an example household (PNG), and a wizard
question as the resident sees it."""

from __future__ import annotations

import shutil
import subprocess

from navi.domain.catalog.editing import preview_household
from navi.domain.catalog.model import Catalog
from navi.domain.planner import plan_for
from navi.domain.validation import parse_example
from navi.pdf.render import render_form
from navi.web.i18n import current_lang
from navi.web.questions import QuestionPreview, preview

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


def question_page(catalog: Catalog, question_id: str) -> QuestionPreview:
    """A question as the wizard asks it (the same words and choices), for the editor's preview."""
    return preview(catalog.question(question_id), current_lang())


def entity_names(catalog: Catalog) -> dict[str, dict[str, str]]:
    """The names supervisors read for the ids an entity refers to: counters and events, in this language."""
    lang = current_lang()
    return {"counters": {c.id: c.name.get(lang) for c in catalog.counters},
            "events": {e.id: e.title.get(lang) for e in catalog.events}}
