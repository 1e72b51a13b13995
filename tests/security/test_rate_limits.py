"""Rate limits on failed sign-ins (per address) and on scans (per clerk), counted in the database so that
every app process shares one count; the refusal is a page in words with Retry-After."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import update

from navi.records.db import engine_for
from navi.records.models import RateLimitCounter
from navi.web.ratelimit import DatabaseStorage, purge_expired
from tests.counter.conftest import prepared
from tests.counter.helpers import csrf_token, log_in, sign_in_as
from tests.factories import PASSWORD, make_app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def limited_app(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, RATELIMIT_SIGN_IN="3 per minute", RATELIMIT_SCAN="3 per minute")
    yield app
    engine_for(app.config["DATABASE_URL"]).dispose()


def test_repeated_failed_sign_ins_from_one_address_are_refused_with_a_page_in_words(limited_app):
    client = limited_app.test_client()
    for attempt in range(3):
        assert log_in(client, f"nobody{attempt}", "wrong password").status_code == 200
    refused = log_in(client, "clerk")  # even the right password: this address is paused
    page = refused.get_data(as_text=True)
    print(refused.status_code, page.split("<h1>")[1].split("</h1>")[0])
    assert refused.status_code == 429
    assert "操作の回数が多すぎます" in page and "1分ほど待ってから" in page
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    client.get("/counter/login?lang=en")
    page_en = log_in(client, "clerk").get_data(as_text=True)
    assert "Too many attempts" in page_en and "Wait about 1 min" in page_en


def test_successful_sign_ins_do_not_use_up_the_allowance(limited_app):
    client = limited_app.test_client()
    assert log_in(client, "nobody", "wrong password").status_code == 200
    for _ in range(3):
        assert log_in(client, "clerk", PASSWORD).status_code == 302
        client.post("/counter/logout", data={"csrf_token": csrf_token(client, "/counter/scan")})
    assert log_in(client, "nobody", "wrong password").status_code == 200  # the second failure only


def test_scans_are_limited_per_clerk(limited_app):
    first, second = limited_app.test_client(), limited_app.test_client()
    sign_in_as(first, limited_app, "clerk")
    sign_in_as(second, limited_app, "supervisor")
    token = csrf_token(first, "/counter/scan")
    for _ in range(3):
        assert first.post("/counter/scan", data={"csrf_token": token, "digits": "12345"}).status_code == 422
    refused = first.post("/counter/scan", data={"csrf_token": token, "digits": "12345"})
    assert refused.status_code == 429 and "操作の回数が多すぎます" in refused.get_data(as_text=True)
    other = second.post("/counter/scan", data={"csrf_token": csrf_token(second, "/counter/scan"), "digits": "12345"})
    assert other.status_code == 422  # another clerk at the same address scans on


SECOND_PROCESS = """
import re, sys
from navi import create_app
app = create_app({"TESTING": True, "SECRET_KEY": "test", "RATELIMIT_SIGN_IN": "3 per minute"})
client = app.test_client()
for _ in range(2):
    html = client.get("/counter/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    print(client.post("/counter/login", data={"csrf_token": token, "username": "nobody", "password": "x"}).status_code)
"""


def test_app_processes_share_one_count_in_the_database(limited_app):
    other = subprocess.run([sys.executable, "-c", SECOND_PROCESS], cwd=ROOT, capture_output=True, text=True,
                           env={"PATH": "/usr/bin:/bin", "NAVI_INSTANCE": limited_app.instance_path,
                                "DATABASE_URL": limited_app.config["DATABASE_URL"]}, timeout=120, check=False)
    assert other.stdout.split() == ["200", "200"], other.stderr
    client = limited_app.test_client()
    assert log_in(client, "nobody", "x").status_code == 200  # the third failure from this address
    assert log_in(client, "nobody", "x").status_code == 429  # the fourth, counted across both processes


def test_memory_storage_would_count_each_process_alone(tmp_path, monkeypatch):
    # Why the database: with memory:// (Flask-Limiter's default), two workers each allow the full count.
    a = make_app(tmp_path / "a", monkeypatch, RATELIMIT_SIGN_IN="2 per minute", RATELIMIT_STORAGE_URI="memory://")
    b = make_app(tmp_path / "b", monkeypatch, RATELIMIT_SIGN_IN="2 per minute", RATELIMIT_STORAGE_URI="memory://")
    codes = [log_in(app.test_client(), "nobody", "x").status_code for app in (a, a, b, b)]
    assert codes == [200, 200, 200, 200]  # four attempts from one address where the limit says two
    assert log_in(a.test_client(), "nobody", "x").status_code == 429  # each process only stops its own count
    for app in (a, b):
        engine_for(app.config["DATABASE_URL"]).dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def storage(request, tmp_path):
    if request.param == "sqlite":
        url = prepared(f"sqlite:///{tmp_path / 'limits.sqlite3'}")
        yield DatabaseStorage(database_url=url), url
        engine_for(url).dispose()
        return
    server = request.getfixturevalue("postgres_server")
    name, url = server.create_database()
    try:
        yield DatabaseStorage(database_url=prepared(url)), url
    finally:
        engine_for(url).dispose()
        server.drop_database(name)


def test_the_database_storage_counts_windows_and_forgets(storage):
    store, url = storage
    assert store.check()
    assert [store.incr("k", 60) for _ in range(3)] == [1, 2, 3]
    assert store.get("k") == 3 and store.get("other") == 0
    assert time.time() < store.get_expiry("k") <= time.time() + 60
    with engine_for(url).begin() as connection:  # the window ends
        connection.execute(update(RateLimitCounter).values(expires_at=time.time() - 1))
    assert store.get("k") == 0
    assert store.incr("k", 60) == 1  # a new window starts at one
    store.incr("j", 60, amount=5)
    store.clear("k")
    assert store.get("k") == 0 and store.get("j") == 5
    with engine_for(url).begin() as connection:
        connection.execute(update(RateLimitCounter).values(expires_at=time.time() - 1))
    assert purge_expired(url) == 1
    store.incr("k", 60)
    assert store.reset() == 1 and store.get("k") == 0
