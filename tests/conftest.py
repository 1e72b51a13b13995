"""Shared fixtures: the default catalog, an app on a temporary instance folder, its client and runner, a
throwaway PostgreSQL server, and a check that no page any test renders carries inline script or style."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner
from flask import request

from navi.domain.catalog.loader import load_catalog
from navi.records.db import engine_for
from navi.web import app as web
from tests.factories import make_app
from tests.html_checks import quick_inline_code
from tests.pages import ClientRequest


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
    """The app (role all unless a folder's settings say otherwise) on a temporary instance: SQLite database,
    keys, the default catalog and one staff account per role (tests/factories.py)."""
    app = make_app(tmp_path, monkeypatch, **app_settings)
    yield app
    engine_for(app.config["DATABASE_URL"]).dispose()


@pytest.fixture
def client_request(client):
    """The client, checking the page invariants (tests/pages.py) on every HTML page it fetches."""
    return ClientRequest(client)


@pytest.fixture
def runner():
    """The `navi` command, run in-process as a user types it (click's runner, as flaskr's fixture)."""
    from navi.cli import main

    class NaviRunner(CliRunner):
        def invoke(self, *args, **kwargs):
            # `runner.invoke(["plan", …])` runs `navi`; a command given first (`runner.invoke(keys, …)`) runs that.
            if args and isinstance(args[0], click.Command):
                return super().invoke(*args, **kwargs)
            return super().invoke(main, *args, **kwargs)

    return NaviRunner()


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

    def checked_app(*args, **kwargs):
        app = build(*args, **kwargs)

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
