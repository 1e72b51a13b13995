"""Counter fixtures: databases (SQLite and a real PostgreSQL: tests/conftest.py starts the server) and an app
with keys and staff."""

from __future__ import annotations

import pytest

from navi.records import catalogs
from navi.records.db import engine_for, session_factory, upgrade
from tests.factories import default_catalog, default_catalog_files


def prepared(url: str) -> str:
    """Migrate a database and publish the default catalog in it."""
    upgrade(url)
    with session_factory(url)() as session, session.begin():
        catalogs.publish(session, default_catalog(), default_catalog_files())
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A migrated database with the default catalog published: SQLite, then a real PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'records.sqlite3'}"
        yield prepared(url)
        engine_for(url).dispose()
        return
    server = request.getfixturevalue("postgres_server")
    name, url = server.create_database()
    try:
        yield prepared(url)
    finally:
        engine_for(url).dispose()
        server.drop_database(name)


@pytest.fixture
def session(db_url):
    """A session on the test database."""
    with session_factory(db_url)() as session:
        yield session


@pytest.fixture
def counter_app(app):
    """The counter's tests call the shared app fixture by the name of what they test."""
    return app


@pytest.fixture
def live_server(counter_app):
    """The counter app served by werkzeug on a free localhost port in a thread: its base URL."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, counter_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)
        server.server_close()
