"""Every state-changing request needs the form's CSRF token: a POST to any route without one (or with a
forged one) is refused with a page in words, and changes nothing. Built from app.url_map, so a new POST
route is covered the day it is added."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from navi.records.db import engine_for, session_factory
from navi.records.models import AuditEntry, CaseProcedure, KioskSession, StaffUser
from tests.counter.helpers import csrf_token, sign_in_as
from tests.counter.test_route_roles import requests_of
from tests.factories import app_with_case


@pytest.fixture
def guarded_app(tmp_path, monkeypatch):
    """The app as deployed (CSRF on), with a case to address."""
    app = app_with_case(tmp_path, monkeypatch, WTF_CSRF_ENABLED=True)
    yield app
    engine_for(app.config["DATABASE_URL"]).dispose()


def state(app) -> tuple:
    """Everything a POST could change, counted."""
    with session_factory(app.config["DATABASE_URL"])() as session:
        return (session.scalar(select(func.count()).select_from(AuditEntry)),
                session.scalar(select(func.count()).select_from(KioskSession)),
                tuple(session.scalars(select(CaseProcedure.status).order_by(CaseProcedure.id))),
                tuple(tuple(row) for row in session.execute(
                    select(StaffUser.failed_logins, StaffUser.active, StaffUser.password_hash).order_by(StaffUser.id))))


@pytest.mark.parametrize("token", [None, "forged-token"], ids=["no-token", "forged-token"])
def test_every_post_route_refuses_a_request_without_a_valid_token(guarded_app, token):
    posts = [(endpoint, url) for endpoint, method, url in requests_of(guarded_app) if method == "POST"]
    assert len(posts) >= 12 and any(e.startswith("wizard.") for e, _ in posts)
    before = state(guarded_app)
    refused = []
    for endpoint, url in posts:
        client = guarded_app.test_client()
        sign_in_as(client, guarded_app, "admin")  # even the most powerful account needs the token
        data = {"status": "done", "username": "admin", "password": "x" * 12, "value": "x", "reason": "x",
                "digits": "1234", "reason_text": "x", **({"csrf_token": token} if token else {})}
        response = client.post(url, data=data)
        html = response.get_data(as_text=True)
        assert response.status_code == 400, (endpoint, url, response.status_code)
        assert "有効期限が切れました" in html or "この画面は使えなくなりました" in html, (endpoint, html[:300])
        refused.append(endpoint)
    assert state(guarded_app) == before, "a refused request changed something"
    print(f"{len(refused)} POST routes refuse a request {'without a token' if token is None else 'with a forged one'}")


def test_the_same_request_with_the_token_is_accepted(guarded_app):
    client = guarded_app.test_client()
    sign_in_as(client, guarded_app, "clerk")
    token = csrf_token(client, f"/counter/cases/{guarded_app.config['TEST_CASE_ID']}")
    response = client.post(f"/counter/cases/{guarded_app.config['TEST_CASE_ID']}/procedures/tennyu_todoke",
                           data={"csrf_token": token, "status": "done"})
    assert response.status_code == 302
    with session_factory(guarded_app.config["DATABASE_URL"])() as session:
        assert "done" in session.scalars(select(CaseProcedure.status)).all()
