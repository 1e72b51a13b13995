"""Per-request access to shared things: the database session and the catalog."""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.orm import Session

from navi.domain.catalog.model import Catalog
from navi.records import catalogs
from navi.records.db import session_factory


def db() -> Session:
    """The request's database session (closed when the request ends)."""
    if "db" not in g:
        g.db = session_factory(current_app.config["DATABASE_URL"])()
    return g.db


def catalog() -> Catalog:
    """The catalog this app runs: a kiosk's installed bundle, else the latest published version."""
    if "navi_catalog" in g:
        return g.navi_catalog
    running: Catalog = current_app.extensions["navi.catalog"]
    if current_app.config["NAVI_ROLE"] != "kiosk":
        # One small query per request, so a version published by any process is used from the next request.
        latest = catalogs.current_version(db())
        if latest is not None and latest != running.version:
            running = version_catalog(latest) or running
            current_app.extensions["navi.catalog"] = running
    g.navi_catalog = running
    return running


def version_catalog(version: str) -> Catalog | None:
    """A published catalog version, cached per process (published versions never change)."""
    cache: dict[str, Catalog] = current_app.extensions.setdefault("navi.catalog_versions", {})
    if version not in cache:
        found = catalogs.load_version(db(), version)
        if found is None:
            return None
        cache[version] = found
    return cache[version]


def init_app(app: Flask) -> None:
    """Close the request's database session at teardown."""

    @app.teardown_appcontext
    def _close_db(_error: BaseException | None) -> None:
        session = g.pop("db", None)
        if session is not None:
            session.close()
