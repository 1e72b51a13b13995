"""Helpers for counter tests: signing in, CSRF tokens, posting forms (apps and data: tests/factories.py)."""

from __future__ import annotations

import base64
import io
import re
import time

import zxingcpp
from PIL import Image

from navi.records import staff_sessions
from navi.records.db import session_factory
from navi.records.models import StaffUser
from tests.factories import PASSWORD


def csrf_token(client, path: str = "/counter/login") -> str:
    """The CSRF token a page of this client's session carries."""
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def sign_in_as(client, app, role: str) -> None:
    """Put a signed-in session in the client (the sign-in form itself is tested in test_staff_auth)."""
    now = time.time()
    with session_factory(app.config["DATABASE_URL"])() as session:
        token = staff_sessions.start(session, session.get(StaffUser, app.config["TEST_STAFF_IDS"][role]))
    with client.session_transaction() as sess:
        sess.update(staff_id=app.config["TEST_STAFF_IDS"][role], staff_session=token, staff_login_at=now,
                    staff_seen_at=now)


def log_in(client, username: str, password: str = PASSWORD):
    """Post the sign-in form."""
    return client.post("/counter/login", data={"csrf_token": csrf_token(client), "username": username,
                                               "password": password})


def post(client, path: str, data: dict | None = None, **kwargs):
    """POST with the CSRF token of this client's session."""
    return client.post(path, data={"csrf_token": csrf_token(client), **(data or {})}, **kwargs)


def scan_result_page(client, app) -> str:
    """Read the wizard's result page QR code as a webcam would, sign in as a clerk and scan it: the case's path."""
    html = client.get("/result").get_data(as_text=True)
    image = re.search(r'<img src="data:image/png;base64,([^"]+)"', html).group(1)
    digits = zxingcpp.read_barcodes(Image.open(io.BytesIO(base64.b64decode(image))))[0].text
    sign_in_as(client, app, "clerk")
    return post(client, "/counter/scan", {"digits": digits}).location
