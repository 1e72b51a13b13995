"""Catalog editor fixtures: a counter app with keys and staff, and a client signed in as a supervisor."""

from __future__ import annotations

import pytest

from tests.counter.helpers import sign_in_as


@pytest.fixture
def editor_app(app):
    """The editor's tests call the shared app fixture by the name of what they test."""
    return app


@pytest.fixture
def supervisor(editor_app):
    """A test client signed in as the supervisor."""
    client = editor_app.test_client()
    sign_in_as(client, editor_app, "supervisor")
    return client
