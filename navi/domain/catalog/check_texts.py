"""Checks on a catalog's words: every procedure names its reference, no editor's note reaches residents, and
every resident text has its やさしい日本語 (easy_ja; a missing one is a warning, never a problem).

An editor's note (「要確認」, "(to verify)", TODO) belongs in a YAML comment or the report to a supervisor,
never in a title, reason, note, deadline note, document name or question a resident reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from navi.domain.catalog.loader import CatalogProblem
from navi.domain.catalog.model import Catalog, Text

EDITOR_NOTE = re.compile(r"要確認|確認中|[(（]\s*verify\s*[)）]|\bTODO\b|\bFIXME\b|\bto verify\b|\bTBD\b",
                         re.IGNORECASE)
NO_EASY_JA = ("no easy_ja (やさしい日本語) in a text residents read: they see the ja text instead "
              "(a warning: the catalog can still be published)")


def _texts(catalog: Catalog) -> Iterator[tuple[str, str, Text | None]]:
    """Every resident-facing text with its file and path."""
    # The wizard, the result page and the slip show these too. A counter's `handles` is for staff (the queue
    # list); form titles and field labels are printed on the forms, in Japanese only.
    yield "catalog.yaml", "$.municipality", catalog.info.municipality
    yield "catalog.yaml", "$.reason_format", catalog.info.reason_format
    for c in catalog.counters:
        yield "offices.yaml", f"counters#{c.id}.name", c.name
    for o in catalog.offices:
        yield "offices.yaml", f"offices#{o.id}.name", o.name
    for p in catalog.procedures:
        file, base = catalog.procedure_files.get(p.id, "procedures"), f"$[id={p.id}]"
        yield file, f"{base}.title", p.title
        yield file, f"{base}.reason", p.reason
        yield file, f"{base}.notes", p.notes
        yield file, f"{base}.elsewhere", p.elsewhere
        yield file, f"{base}.deadline.note", p.deadline.note if p.deadline else None
    for q in catalog.questions:
        yield "events.yaml", f"questions#{q.id}.text", q.text
        yield "events.yaml", f"questions#{q.id}.hint", q.hint
        for k, choice in enumerate(q.choices):
            yield "events.yaml", f"questions#{q.id}.choices[{k}].label", choice.label
    for e in catalog.events:
        for name in ("title", "description", "date_label", "subject_label"):
            yield "events.yaml", f"events#{e.id}.{name}", getattr(e, name)
    for d in catalog.documents:
        yield "documents.yaml", f"documents#{d.id}.name", d.name
    for f in catalog.forms:
        if f.claimant is not None:
            yield f"forms/{f.id}.yaml", "$.claimant.text", f.claimant.text
            yield f"forms/{f.id}.yaml", "$.claimant.hint", f.claimant.hint


def text_problems(catalog: Catalog) -> list[CatalogProblem]:
    """Editors' notes in resident-facing texts, and procedures without a reference."""
    problems = []
    for file, path, text in _texts(catalog):
        for lang in ("ja", "en", "easy_ja"):
            value = getattr(text, lang, None) if text is not None else None
            found = EDITOR_NOTE.search(value) if value else None
            if found:
                problems.append(CatalogProblem(file, f"{path}.{lang}", f"editor's note {found.group(0)!r} in a "
                                               "text residents read: move it to a comment"))
    for p in catalog.procedures:
        if not p.reference.strip():
            problems.append(CatalogProblem(catalog.procedure_files.get(p.id, "procedures"), f"$[id={p.id}].reference",
                                           "every procedure needs a reference (the law article or official page)"))
    return problems


def easy_ja_warnings(catalog: Catalog) -> list[CatalogProblem]:
    """Resident-facing texts without easy_ja: residents who chose やさしい日本語 read Japanese there."""
    return [CatalogProblem(file, f"{path}.easy_ja", NO_EASY_JA) for file, path, text in _texts(catalog)
            if text is not None and not (text.easy_ja or "").strip()]
