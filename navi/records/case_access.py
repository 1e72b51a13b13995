"""Reading a case for a member of staff: the record, the catalog version it was planned with, its facts and
plan, and the audit row that says who read it — one records call, one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from navi.domain.catalog.model import Catalog
from navi.domain.facts import Facts
from navi.domain.planner import Plan, plan_for
from navi.domain.validation import parse_facts
from navi.records import audit, cases
from navi.records.models import CaseRecord


class CaseNotFound(LookupError):
    """No case has this id (it never existed, or it was purged)."""


class CatalogVersionMissing(LookupError):
    """This counter no longer holds the catalog version the case was planned with."""


@dataclass
class CaseReading:
    """An opened case; its facts and plans are worked out when first asked for."""

    case: CaseRecord
    catalog: Catalog | None
    _plans: dict[str, Plan] = field(default_factory=dict)

    @property
    def facts(self) -> Facts:
        """The case's facts, validated against the catalog version it names."""
        return parse_facts(self.case.facts, self._catalog())

    def plan(self, lang: str = "ja") -> Plan:
        """The case's plan with that version, titles in `lang` (one planner run per language)."""
        if lang not in self._plans:
            self._plans[lang] = plan_for(self.facts, self._catalog(), lang)
        return self._plans[lang]

    def _catalog(self) -> Catalog:
        if self.catalog is None:
            raise CatalogVersionMissing(self.case.catalog_version)
        return self.catalog


@contextmanager
def opened(session: Session, case_id: int, catalog_for: Callable[[str], Catalog | None], actor: str, action: str,
           detail: dict[str, Any] | None = None) -> Iterator[CaseReading]:
    """Open a case for `actor`; when the block finishes, the read is audited as `action` and committed (a
    block that fails leaves no audit row: nothing was shown or printed)."""
    case = cases.get_case(session, case_id)
    if case is None:
        raise CaseNotFound(case_id)
    reading = CaseReading(case, catalog_for(case.catalog_version))
    yield reading
    # Recorded after the reads, so the page needs one database transaction rather than two.
    audit.record(session, actor, action, case, detail=detail)
    session.commit()
