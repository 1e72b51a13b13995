"""The draft in the database: created from the published version, and no save lost to another at the same time."""

from __future__ import annotations

from navi.records import catalog_drafts
from navi.records.db import session_factory
from tests.catalog_admin.helpers import rename


def test_two_saves_at_the_same_moment_both_land(editor_app):
    sessions = session_factory(editor_app.config["DATABASE_URL"])
    calls = []

    def first(document: dict) -> dict:
        calls.append(len(calls))
        if len(calls) == 1:  # another supervisor saves between this one's read and write
            with sessions() as other:
                catalog_drafts.change(other, "b", rename("fukushi", "福祉の窓口"), "catalog_edit", "counters/fukushi")
        return rename("kumin", "市民課")(document)

    with sessions() as session:
        catalog_drafts.change(session, "a", rename("kumin", "区民の窓口"), "catalog_edit", "counters/kumin")
        draft = catalog_drafts.change(session, "a", first, "catalog_edit", "counters/kumin")
    names = {c["id"]: c["name"]["ja"] for c in draft.document["counters"]}
    assert names["kumin"] == "市民課" and names["fukushi"] == "福祉の窓口"
    assert draft.revision == 3 and len(calls) == 2  # the first save was applied again to the newer draft


def test_the_first_edit_starts_from_the_published_version(editor_app):
    with session_factory(editor_app.config["DATABASE_URL"])() as session:
        assert catalog_drafts.current_draft(session) is None
        version, published = catalog_drafts.published_document(session)
        draft = catalog_drafts.change(session, "a", lambda document: document, "catalog_edit", "none")
        assert draft.base_version == version and draft.document == published
        assert catalog_drafts.discard(session, "a") and catalog_drafts.current_draft(session) is None
