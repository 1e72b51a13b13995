"""Per-request access to shared things: the database session and the catalog."""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.orm import Session

from navi.domain.catalog.model import Catalog
from navi.records.db import session_factory


def db() -> Session:
    """The request's database session (closed when the request ends)."""
    if "db" not in g:
        g.db = session_factory(current_app.config["DATABASE_URL"])()
    return g.db


def catalog() -> Catalog:
    """The catalog version this app publishes."""
    return current_app.extensions["navi.catalog"]


def init_app(app: Flask) -> None:
    """Close the request's database session at teardown."""

    @app.teardown_appcontext
    def _close_db(_error: BaseException | None) -> None:
        session = g.pop("db", None)
        if session is not None:
            session.close()
