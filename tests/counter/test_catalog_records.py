"""Catalog drafts and publications on SQLite and a real PostgreSQL (navi.records.catalog_drafts, catalogs)."""

from __future__ import annotations

from navi.records import catalog_drafts, catalogs
from navi.records.db import session_factory
from tests.catalog_admin.helpers import rename
from tests.factories import default_catalog, default_catalog_files


def test_a_draft_is_edited_concurrently_published_and_restored(session, db_url):
    catalogs.seed(session, default_catalog(), default_catalog_files())
    session.commit()
    calls = []

    def edit_with_a_save_in_between(document: dict) -> dict:
        calls.append(1)
        if len(calls) == 1:
            with session_factory(db_url)() as other:
                catalog_drafts.change(other, "b", rename("fukushi", "福祉の窓口"), "catalog_edit", "counters/fukushi")
        return rename("kumin", "市民課")(document)

    catalog_drafts.change(session, "a", rename("kumin", "区民の窓口"), "catalog_edit", "counters/kumin")
    draft = catalog_drafts.change(session, "a", edit_with_a_save_in_between, "catalog_edit", "counters/kumin")
    names = {c["id"]: c["name"]["ja"] for c in draft.document["counters"]}
    assert (names["kumin"], names["fukushi"], draft.revision) == ("市民課", "福祉の窓口", 3)
    publication, review = catalog_drafts.publish(session, "a", "two counters renamed")
    assert publication is not None and review.publishable
    assert catalog_drafts.current_draft(session) is None
    assert catalogs.current_version(session) == publication.version != default_catalog().version
    assert catalogs.load_version(session, publication.version).counter("kumin").name.ja == "市民課"
    restored = catalogs.restore(session, 1, "a")
    assert (restored.version, restored.restored_from) == (default_catalog().version, 1)
    assert catalogs.current_version(session) == default_catalog().version
    assert [p.version for p in catalogs.publications(session)] == [
        default_catalog().version, publication.version, default_catalog().version]
