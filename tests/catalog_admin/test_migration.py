"""Migration 0005 on an installation that already ran: the version it last published stays the current one."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import select

from navi.records import catalogs
from navi.records.db import engine_for, migrations, session_factory, upgrade
from navi.records.models import CatalogVersion, Publication
from tests.factories import default_catalog, default_catalog_files


def test_existing_versions_become_publications_and_the_newest_stays_current(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    config = migrations(url)
    command.upgrade(config, "0004")
    with engine_for(url).begin() as connection:
        for version, day in (("aaaaaaaaaaaaaaaa", 1), (default_catalog().version, 2)):
            connection.execute(CatalogVersion.__table__.insert().values(
                version=version, document=default_catalog_files(), published_by="system",
                published_at=dt.datetime(2027, 4, day, tzinfo=dt.UTC)))
    upgrade(url)
    with session_factory(url)() as session:
        rows = [(p.version, p.published_by) for p in session.scalars(select(Publication).order_by(Publication.id))]
        assert rows == [("aaaaaaaaaaaaaaaa", "system"), (default_catalog().version, "system")]
        assert catalogs.current_version(session) == default_catalog().version
    engine_for(url).dispose()
