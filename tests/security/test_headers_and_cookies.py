"""Security headers on every kind of response, and the session cookie's flags (Secure outside tests)."""

from __future__ import annotations

import pytest
from flask import request

from navi import create_app
from navi.web.security import CONTENT_SECURITY_POLICY
from tests.factories import cached_catalog


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def test_the_policy_allows_no_inline_script_or_style_and_no_other_origin():
    policy = directives(CONTENT_SECURITY_POLICY)
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"] and policy["base-uri"] == ["'none'"]
    assert not any("unsafe" in value or value == "*" for values in policy.values() for value in values)


@pytest.mark.parametrize("path", ["/", "/counter/login", "/static/navi.css", "/no-such-page", "/counter/scan"])
def test_every_response_carries_the_headers(client, path):
    response = client.get(path)
    response.close()
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_pages_are_never_cached_but_static_files_are_kept_for_a_year_under_their_digest(client):
    page = client.get("/")
    assert page.headers["Cache-Control"] == "no-store"
    href = page.get_data(as_text=True).split('href="/static/navi.css?v=')[1].split('"')[0]
    css = client.get(f"/static/navi.css?v={href}")
    css.close()
    assert css.status_code == 200 and "max-age=31536000" in css.headers["Cache-Control"]
    stale = client.get("/static/navi.css?v=0000")  # a page from before a deployment: revalidated every time
    stale.close()
    assert "max-age" not in stale.headers["Cache-Control"] and "no-cache" in stale.headers["Cache-Control"]


def set_cookie_of(app) -> str:
    client = app.test_client()
    response = client.get("/counter/login")
    return response.headers["Set-Cookie"]


def build(tmp_path, monkeypatch, **settings):
    monkeypatch.setenv("NAVI_INSTANCE", str(tmp_path / "instance"))
    cached_catalog(monkeypatch)
    return create_app({"SECRET_KEY": "x", **settings})


def test_outside_tests_the_session_cookie_is_secure_httponly_and_samesite_lax(tmp_path, monkeypatch):
    monkeypatch.delenv("NAVI_COOKIE_SECURE", raising=False)
    app = build(tmp_path, monkeypatch)
    assert not app.testing and app.config["SESSION_COOKIE_SECURE"] is True
    cookie = set_cookie_of(app)
    assert "; Secure" in cookie and "; HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_closed_demo_network_may_turn_secure_off_and_tests_have_it_off(tmp_path, monkeypatch):
    monkeypatch.setenv("NAVI_COOKIE_SECURE", "0")
    plain = build(tmp_path / "a", monkeypatch)
    assert "; Secure" not in set_cookie_of(plain) and "; HttpOnly" in set_cookie_of(plain)
    monkeypatch.delenv("NAVI_COOKIE_SECURE")
    testing = build(tmp_path / "b", monkeypatch, TESTING=True)
    assert testing.config["SESSION_COOKIE_SECURE"] is False
    monkeypatch.setenv("NAVI_COOKIE_SECURE", "1")
    forced = build(tmp_path / "c", monkeypatch, TESTING=True)
    assert forced.config["SESSION_COOKIE_SECURE"] is True


def test_behind_a_trusted_proxy_the_client_address_comes_from_x_forwarded_for(tmp_path, monkeypatch):
    monkeypatch.setenv("NAVI_PROXY_HOPS", "1")
    app = build(tmp_path, monkeypatch, TESTING=True)
    seen = []
    app.before_request(lambda: seen.append(request.remote_addr))
    app.test_client().get("/counter/login", headers={"X-Forwarded-For": "203.0.113.7"},
                          environ_base={"REMOTE_ADDR": "10.0.0.1"})
    assert seen == ["203.0.113.7"]
    monkeypatch.setenv("NAVI_PROXY_HOPS", "0")
    direct = build(tmp_path / "direct", monkeypatch, TESTING=True)
    seen.clear()
    direct.before_request(lambda: seen.append(request.remote_addr))
    direct.test_client().get("/counter/login", headers={"X-Forwarded-For": "203.0.113.7"},
                             environ_base={"REMOTE_ADDR": "10.0.0.1"})
    assert seen == ["10.0.0.1"]  # without a proxy, a client cannot choose its own address


def test_every_page_keeps_other_windows_and_unused_browser_features_out(client):
    response = client.get("/counter/login")
    policy = dict(part.strip().split("=", 1) for part in response.headers["Permissions-Policy"].split(","))
    assert policy["camera"] == "(self)"  # the counter's camera scanner
    assert policy["microphone"] == policy["geolocation"] == policy["payment"] == "()"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP: a demo network stays reachable


def test_hsts_is_sent_over_tls_for_the_configured_time(tmp_path, monkeypatch):
    app = build(tmp_path, monkeypatch, HSTS_SECONDS=600)
    secure = app.test_client().get("/counter/login", base_url="https://navi.example")
    assert secure.headers["Strict-Transport-Security"] == "max-age=600"
    off = build(tmp_path, monkeypatch, HSTS_SECONDS=0).test_client().get("/", base_url="https://navi.example")
    assert "Strict-Transport-Security" not in off.headers
