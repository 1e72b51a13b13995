"""「変更内容の確認」: a draft against the published version — the diff, every problem with file and path, and
every example household's result. A draft may be published only when nothing fails; warnings do not stop it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from navi.domain.catalog.check import ExampleResult, catalog_warnings, check_catalog, run_examples
from navi.domain.catalog.diff import SECTIONS, EntityChange, diff_catalogs
from navi.domain.catalog.export import procedure_file
from navi.domain.catalog.loader import CatalogProblem, catalog_from_raw, json_path
from navi.domain.catalog.model import Catalog
from navi.domain.conditions import ConditionError
from navi.domain.validation import FactsInvalid


@dataclass(frozen=True)
class Review:
    """Everything the review page shows about a draft."""

    changes: list[EntityChange]
    problems: list[CatalogProblem]
    examples: list[ExampleResult]
    catalog: Catalog | None
    warnings: list[CatalogProblem] = field(default_factory=list)

    @property
    def failed_examples(self) -> list[ExampleResult]:
        """The examples that did not come out as the catalog says they must."""
        return [result for result in self.examples if not result.ok]

    @property
    def publishable(self) -> bool:
        """True when the draft changes something and no check or example fails."""
        return bool(self.changes) and not self.problems and not self.failed_examples and self.catalog is not None

    def changed_questions(self) -> list[str]:
        """Ids of the questions the draft adds or changes (the page previews them as residents see them)."""
        return [c.id for c in self.changes if c.section == "questions" and c.change in ("added", "changed")]


def review(draft: dict[str, Any], published: dict[str, Any]) -> Review:
    """Review a draft document against the published one."""
    changes = diff_catalogs(published, draft)
    problems = structure_problems(draft)
    if problems:
        return Review(changes, problems, [], None)
    catalog = catalog_from_raw(draft)
    return Review(changes, check_catalog(catalog), examples(catalog), catalog, catalog_warnings(catalog))


def structure_problems(raw: dict[str, Any]) -> list[CatalogProblem]:
    """What keeps a raw document from loading as a catalog at all, with file and path (an import refuses it)."""
    try:
        catalog_from_raw(raw)
    except ValidationError as error:
        return [CatalogProblem(*locate(raw, item["loc"]), item["msg"]) for item in error.errors()]
    return []


def examples(catalog: Catalog) -> list[ExampleResult]:
    """Every procedure's examples; a procedure whose examples cannot run fails with the reason."""
    results: list[ExampleResult] = []
    for procedure in catalog.procedures:
        try:
            results += run_examples(catalog.model_copy(update={"procedures": [procedure]}))
        except (KeyError, StopIteration, FactsInvalid, ConditionError) as error:
            # An unknown household or fact: check_catalog names the field; the procedure's examples fail too.
            household = str(error.args[0]) if isinstance(error, KeyError) and error.args else ""
            results.append(ExampleResult(procedure.id, household, True, False,
                                         f"cannot run: {error if str(error) else type(error).__name__}", ran=False))
    return results


def locate(raw: dict[str, Any], loc: tuple[Any, ...]) -> tuple[str, str]:
    """The file and path inside it of a model error at `loc` in the whole document."""
    section, rest = (loc[0], loc[1:]) if loc else ("", ())
    if section in ("procedures", "forms") and rest and isinstance(rest[0], int):
        entities = raw.get(section, [])
        entity_id = entities[rest[0]].get("id", rest[0]) if rest[0] < len(entities) else rest[0]
        if section == "procedures":
            return procedure_file(raw, str(entity_id)), json_path(rest[1:], f"$[id={entity_id}]")
        return f"forms/{entity_id}.yaml", json_path(rest[1:])
    if section == "households" and rest:
        return f"households/{rest[0]}.yaml", json_path(rest[1:])
    if section == "info":
        return "catalog.yaml", json_path(rest)
    if section == "form_words":
        return "vocabulary.yaml", json_path(rest)
    if section == "calendar":
        return "calendar.yaml", json_path(rest)
    return SECTIONS.get(str(section), "catalog"), json_path(loc)
