"""Catalog editor fixtures: a counter app with keys and staff, and a client signed in as a supervisor."""

from __future__ import annotations

import pytest

from navi.records.db import engine_for
from tests.counter.helpers import make_app, sign_in_as


@pytest.fixture
def editor_app(tmp_path, monkeypatch):
    """The app (role all) on SQLite with keys and a clerk, a supervisor and an admin."""
    app = make_app(tmp_path, monkeypatch)
    yield app
    engine_for(app.config["DATABASE_URL"]).dispose()


@pytest.fixture
def supervisor(editor_app):
    """A test client signed in as the supervisor."""
    client = editor_app.test_client()
    sign_in_as(client, editor_app, "supervisor")
    return client
