"""Previews for the editor: a form's first page as printed for an example household (PNG), and a wizard
question as the resident sees it."""

from __future__ import annotations

import re
import shutil
import subprocess

from navi.catalog_admin.forms import SPECS
from navi.catalog_admin.labels import FACT_LABELS, GROUP_LABELS
from navi.domain.catalog.check import ExampleResult
from navi.domain.catalog.editing import preview_household
from navi.domain.catalog.model import Catalog
from navi.domain.planner import plan_for
from navi.domain.validation import parse_example
from navi.pdf.render import render_form
from navi.web.i18n import current_lang
from navi.web.i18n import lazy_gettext as _l
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


# Words for the parts of a changed field's path that are not a field of the entity's form.
PATH_PARTS = {
    "ja": _l("日本語"), "en": _l("英語"), "easy_ja": _l("やさしい日本語"), "condition": _l("条件"),
    "fact": _l("事実"), "op": _l("比べ方"), "value": _l("値"), "param": _l("パラメータ"), "days": _l("日数"),
    "include_first_day": _l("ライフイベントの日を1日目と数える"), "note": _l("補足"), "must": _l("当てはまる例"),
    "must_not": _l("当てはまらない例"), "household": _l("例の世帯"), "members": _l("対象の世帯員"),
    "label": _l("表示"), "layout": _l("印字位置"), "fields": _l("項目"), "source": _l("入力元"),
    "parameters": _l("パラメータ"), "retention_days": _l("保存日数"), "x": _l("左からの位置（mm）"),
    "y": _l("上からの位置（mm）"), "w": _l("幅（mm）"), "h": _l("高さ（mm）"), "field": _l("項目"),
}


def path_label(section: str, path: str) -> str:
    """A changed field's path in words (notes.en → 注意事項 › 英語), never the raw key alone."""
    if not path:
        return "—"
    names = {spec.name: spec.label for spec in SPECS.get(section, [])}
    words = []
    for part in re.split(r"\.|(?=\[)", path):
        if part.startswith("[") and part.rstrip("]")[1:].isdigit():
            words.append(str(_l("%(n)s番目", n=int(part[1:-1]) + 1)))
        elif part.startswith("["):
            words.append(part.strip("[]").removeprefix("id="))
        elif part:
            label = names.get(part) or PATH_PARTS.get(part) or GROUP_LABELS.get(part) or FACT_LABELS.get(part)
            words.append(str(label) if label else part)
    return " › ".join(words)


def example_words(result: ExampleResult) -> str:
    """What an example household's run found, in the page's words."""
    if not result.ran:
        return str(_l("実行できません（例の世帯か条件の事実が、カタログにありません）"))
    found = "、".join(result.found)
    if not result.expected:
        return str(_l("当てはまりません")) if not result.found else str(_l("当てはまりました: %(m)s", m=found))
    words = str(_l("対象: %(m)s", m=found)) if result.found else str(_l("当てはまりません"))
    if result.wanted is not None:
        words += str(_l("（期待: %(m)s）", m="、".join(result.wanted)))
    return words
