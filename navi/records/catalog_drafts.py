"""The working draft of the catalog and what changes it: edits, imports, discarding and publishing.

There is one draft per counter installation, created from the current published version on the first edit.
Every change is audited with ids only (the catalog's example households are fictional, but still not
copied into the log). Two supervisors saving at once never overwrite each other: each save re-applies its
change to the draft as it is now (compare-and-swap on `revision`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from navi.domain.catalog import editing
from navi.domain.catalog.review import Review, review
from navi.records import audit, catalogs
from navi.records.models import CatalogDraft, Publication, utcnow

DRAFT_ID = 1
ATTEMPTS = 5


class NoPublishedCatalog(RuntimeError):
    """The instance has published nothing yet (its first start did not run)."""


def current_draft(session: Session) -> CatalogDraft | None:
    """The working draft, if anyone has started one."""
    return session.scalars(select(CatalogDraft).where(CatalogDraft.id == DRAFT_ID)).first()


def published_document(session: Session) -> tuple[str, dict[str, Any]]:
    """The current version and its raw document."""
    version = catalogs.current_version(session)
    document = catalogs.version_document(session, version) if version else None
    if version is None or document is None:
        raise NoPublishedCatalog("no catalog has been published on this instance")
    return version, document


def working_document(session: Session) -> dict[str, Any]:
    """What the editor shows: the draft if there is one, else the current published version."""
    draft = current_draft(session)
    return draft.document if draft is not None else published_document(session)[1]


def change(session: Session, actor: str, edit: Callable[[dict[str, Any]], dict[str, Any]], action: str,
           target: str, detail: dict[str, Any] | None = None) -> CatalogDraft:
    """Apply `edit` (document → new document) to the draft, creating it from the published version first."""
    for _ in range(ATTEMPTS):
        draft = current_draft(session)
        if draft is None:
            version, document = published_document(session)
            session.add(CatalogDraft(id=DRAFT_ID, document=edit(document), base_version=version, revision=1,
                                     updated_at=utcnow(), updated_by=actor))
            try:
                session.flush()
            except IntegrityError:  # another supervisor started the draft at the same moment
                session.rollback()
                continue
        else:
            revision = draft.revision
            saved = session.execute(
                update(CatalogDraft).where(CatalogDraft.id == DRAFT_ID, CatalogDraft.revision == revision)
                .values(document=edit(draft.document), revision=revision + 1, updated_at=utcnow(),
                        updated_by=actor).execution_options(synchronize_session=False))
            if saved.rowcount != 1:
                session.rollback()
                continue
        audit.record(session, actor, action, field=target, detail=detail)
        session.commit()
        session.expire_all()
        return current_draft(session)
    raise RuntimeError("the draft kept changing while saving")


def save_entity(session: Session, actor: str, kind: str, original: dict[str, Any] | None, values: dict[str, Any],
                file: str | None = None) -> list[tuple[str, str]]:
    """Add an entity to the draft (`original` None) or change it; returns the problems that stop the save
    as (field, code or message) — `id_taken` when a new entity's id is in use — and saves nothing then."""
    item_id = original["id"] if original else values["id"]
    if original is None and editing.item(working_document(session), kind, item_id) is not None:
        return [("id", "id_taken")]
    updated = editing.merged(original, values, editing.KINDS[kind])
    problems = [("main", f"{path}: {message}") for path, message in editing.problems(kind, updated)]
    if problems:
        return problems
    change(session, actor, lambda doc: editing.put(doc, kind, updated, replaces=item_id if original else None,
                                                    file=file),
           "catalog_edit", f"{kind}/{item_id}", {"kind": kind, "id": item_id,
                                                 "change": "changed" if original else "added"})
    return []


def discard(session: Session, actor: str) -> bool:
    """Throw the draft away (the published version is untouched); False if there was none."""
    gone = session.execute(delete(CatalogDraft).where(CatalogDraft.id == DRAFT_ID)).rowcount
    if gone:
        audit.record(session, actor, "catalog_discard")
    session.commit()
    return bool(gone)


def review_draft(session: Session) -> tuple[Review, CatalogDraft | None, str]:
    """The review of the working draft (or of no change), the draft, and the current version."""
    version, published = published_document(session)
    draft = current_draft(session)
    return review(draft.document if draft else published, published), draft, version


def publish(session: Session, actor: str, note: str = "") -> tuple[Publication | None, Review]:
    """Publish the draft as the new current version if every check and example passes."""
    result, draft, _ = review_draft(session)
    if draft is None or not result.publishable or result.catalog is None:
        return None, result
    revision = draft.revision
    publication = catalogs.make_current(session, result.catalog, draft.document, actor, note=note)
    # Only the draft that was reviewed is published and removed: a save in between keeps it for review.
    removed = session.execute(delete(CatalogDraft).where(CatalogDraft.id == DRAFT_ID,
                                                         CatalogDraft.revision == revision)).rowcount
    if removed != 1:
        session.rollback()
        return None, review_draft(session)[0]
    audit.record(session, actor, "catalog_publish", field=publication.version,
                 detail={"publication": publication.id, "changes": len(result.changes)})
    session.commit()
    return publication, result


def exported_document(session: Session, actor: str, *, draft: bool = False,
                      version: str | None = None) -> tuple[str, dict[str, Any]] | None:
    """(name, document) of the draft or a published version (default: the current one) for a supervisor to
    take away, the export audited; None when there is no such draft or version."""
    if draft:
        found = current_draft(session)
        name, document = ("draft", found.document) if found else ("", None)
    else:
        name = version or published_document(session)[0]
        document = catalogs.version_document(session, name)
    if document is None:
        return None
    audit.record_now(session, actor, "catalog_export", field=name)
    return name, document
