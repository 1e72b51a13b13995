"""Published catalog versions: recording the one in use and loading any version a code names."""

from __future__ import annotations

from sqlalchemy.orm import Session

from navi.domain.catalog.loader import catalog_from_raw
from navi.domain.catalog.model import Catalog
from navi.records.models import CatalogVersion


def publish(session: Session, catalog: Catalog, raw: dict, by: str = "system") -> CatalogVersion:
    """Record a catalog version as published (a no-op when that exact content is already there)."""
    existing = session.get(CatalogVersion, catalog.version)
    if existing is not None:
        return existing
    record = CatalogVersion(version=catalog.version, document=raw, published_by=by)
    session.add(record)
    return record


def load_version(session: Session, version: str) -> Catalog | None:
    """The catalog of a published version, or None if this counter never published it."""
    record = session.get(CatalogVersion, version)
    return None if record is None else catalog_from_raw(record.document)
