"""Per-request access to shared things: the database session and the catalog."""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.orm import Session

from navi.domain.catalog.model import Catalog
from navi.records.db import session_factory
from navi.web.catalog_source import CatalogSource


def db() -> Session:
    """The request's database session (closed when the request ends)."""
    if "db" not in g:
        g.db = session_factory(current_app.config["DATABASE_URL"])()
    return g.db


def catalog_source(app: Flask | None = None) -> CatalogSource:
    """The app's catalog source (navi.web.catalog_source), chosen once by the app factory."""
    return (app or current_app).extensions["navi.catalog_source"]


def catalog() -> Catalog:
    """The catalog this request runs: a kiosk's installed bundle, else the latest published version."""
    if "navi_catalog" not in g:
        g.navi_catalog = catalog_source().current(db())
    return g.navi_catalog


def catalog_published() -> None:
    """This process published a version: use it from the next request, without waiting for the next check."""
    catalog_source().published()


def version_catalog(version: str) -> Catalog | None:
    """A catalog version a code or a case names, or None when this app cannot read it."""
    return catalog_source().version(db(), version)


def init_app(app: Flask) -> None:
    """Close the request's database session at teardown."""

    @app.teardown_appcontext
    def _close_db(_error: BaseException | None) -> None:
        session = g.pop("db", None)
        if session is not None:
            session.close()
