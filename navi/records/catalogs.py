"""Catalog versions and publications: every version a code may name, and which one is current.

A version is immutable and named by its content hash; a publication makes a version the current one (the
newest publication wins). Restoring an old version is a new publication of it. Versions are never deleted.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from navi.domain.catalog.loader import catalog_from_raw
from navi.domain.catalog.model import Catalog
from navi.records import audit
from navi.records.models import CatalogVersion, Publication, utcnow


def publish(session: Session, catalog: Catalog, raw: dict, by: str = "system") -> CatalogVersion:
    """Keep a catalog version so codes naming it can be read (a no-op when that content is already kept)."""
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


def version_document(session: Session, version: str) -> dict | None:
    """The raw document of a kept version."""
    record = session.get(CatalogVersion, version)
    return None if record is None else record.document


def latest_publication(session: Session) -> Publication | None:
    """The publication that made the current version current (None before the first start)."""
    return session.scalars(select(Publication).order_by(Publication.id.desc()).limit(1)).first()


def current_version(session: Session) -> str | None:
    """The version id of the current catalog (one small query: the app asks on every request)."""
    return session.scalars(select(Publication.version).order_by(Publication.id.desc()).limit(1)).first()


def publications(session: Session, limit: int = 200) -> list[Publication]:
    """The newest publications first."""
    return list(session.scalars(select(Publication).order_by(Publication.id.desc()).limit(limit)))


def make_current(session: Session, catalog: Catalog, raw: dict, by: str, *, note: str = "",
                 restored_from: int | None = None) -> Publication:
    """Keep the version and publish it as the current one (the caller's transaction commits both)."""
    publish(session, catalog, raw, by)
    session.flush()
    publication = Publication(version=catalog.version, published_at=utcnow(), published_by=by, note=note[:200],
                              restored_from=restored_from)
    session.add(publication)
    session.flush()
    return publication


def seed(session: Session, catalog: Catalog, raw: dict) -> Publication | None:
    """On an instance's first start, publish the catalog folder's version; later starts change nothing."""
    if latest_publication(session) is not None:
        return None
    return make_current(session, catalog, raw, "system", note="first start")


def restore(session: Session, publication_id: int, actor: str) -> Publication | None:
    """Publish an earlier publication's version again (a new publication); None if there is no such one."""
    earlier = session.get(Publication, publication_id)
    if earlier is None:
        return None
    publication = Publication(version=earlier.version, published_at=utcnow(), published_by=actor,
                              note="", restored_from=earlier.id)
    session.add(publication)
    session.flush()
    audit.record(session, actor, "catalog_restore", field=earlier.version,
                 detail={"publication": publication.id, "restored_from": earlier.id})
    session.commit()
    return publication
