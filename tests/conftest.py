"""Shared fixtures: the default catalog, an app on a temporary instance folder, its client and runner."""

from __future__ import annotations

import pytest

from navi import create_app
from navi.domain.catalog.loader import load_catalog


@pytest.fixture(scope="session")
def catalog():
    """The default (Kumamoto) catalog."""
    return load_catalog()


@pytest.fixture
def app_settings():
    """Settings a test folder changes (a conftest further down overrides this fixture)."""
    return {}


@pytest.fixture
def app(tmp_path, monkeypatch, app_settings):
    """An app with its instance folder and SQLite database under a temporary directory."""
    monkeypatch.setenv("NAVI_INSTANCE", str(tmp_path / "instance"))
    app = create_app({"TESTING": True, "SECRET_KEY": "test", **app_settings})
    from navi.instance import prepare_instance

    prepare_instance(app)
    return app


@pytest.fixture
def client(app):
    """A test client of the app."""
    return app.test_client()
