"""Per-request access to shared things: the database session and the catalog."""

from __future__ import annotations

import time

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
    if current_app.config["NAVI_ROLE"] != "kiosk" and _check_due():
        latest = catalogs.current_version(db())
        if latest is not None and latest != running.version:
            running = version_catalog(latest) or running
            current_app.extensions["navi.catalog"] = running
    g.navi_catalog = running
    return running


def _check_due() -> bool:
    """Whether this process should ask which catalog version is current (at most every CATALOG_CHECK_SECONDS)."""
    now = time.monotonic()
    checked = current_app.extensions.get("navi.catalog_checked_at")
    if checked is not None and now - checked < current_app.config["CATALOG_CHECK_SECONDS"]:
        return False
    current_app.extensions["navi.catalog_checked_at"] = now
    return True


def catalog_published() -> None:
    """This process published a version: use it from the next request, without waiting for the next check."""
    current_app.extensions.pop("navi.catalog_checked_at", None)


def version_catalog(version: str) -> Catalog | None:
    """A published catalog version: the running one, else from a per-process cache (versions never change)."""
    running: Catalog = current_app.extensions["navi.catalog"]
    if version == running.version:
        return running
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
