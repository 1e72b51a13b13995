"""First start of an instance: database schema, the published default catalog and the keys."""

from __future__ import annotations

from flask import Flask

from navi.domain.catalog.loader import read_catalog_files
from navi.records import catalogs
from navi.records.db import session_factory, upgrade


def prepare_instance(app: Flask) -> None:
    """Create or update everything the instance folder must hold before the app serves."""
    url = app.config["DATABASE_URL"]
    upgrade(url)
    catalog = app.extensions["navi.catalog"]
    raw = read_catalog_files(app.config["CATALOG_DIR"])
    with session_factory(url)() as session, session.begin():
        catalogs.publish(session, catalog, raw)
