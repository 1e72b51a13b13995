"""Shared fixtures: the default catalog, an app on a temporary instance folder, its client and runner, a
throwaway PostgreSQL server, and a check that no page any test renders carries inline script or style."""

from __future__ import annotations

import pytest
from flask import request

from navi import create_app
from navi.domain.catalog.loader import load_catalog
from navi.web import app as web
from tests.html_checks import quick_inline_code


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
    from navi.instance.prepare import prepare_instance

    prepare_instance(app)
    return app


@pytest.fixture
def client(app):
    """A test client of the app."""
    return app.test_client()


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server of our own for the whole test session (fails, never skips, without binaries)."""
    from tests.counter.postgres import INSTALL_HINT, PostgresServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    server = PostgresServer(bindir)
    try:
        server.init()
        server.start()
        yield server
    finally:
        server.remove()


@pytest.fixture(autouse=True)
def no_inline_script_or_style(monkeypatch):
    """Every HTML page an app made during a test renders is checked: the CSP allows no inline script or style."""
    found: list[tuple[str, list[str]]] = []
    build = web.build_app

    def checked_app(test_config=None):
        app = build(test_config)

        @app.after_request
        def _check(response):
            if response.mimetype == "text/html" and not response.direct_passthrough:
                inline = quick_inline_code(response.get_data(as_text=True))
                if inline:
                    found.append((request.path, inline))
            return response

        return app

    monkeypatch.setattr(web, "build_app", checked_app)
    yield
    assert found == [], f"pages with inline script or style (the CSP blocks them): {found}"
