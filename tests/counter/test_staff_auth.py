"""Staff sign-in: argon2 hashes, lockout after five failures, messages that reveal nothing, idle timeout."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from navi.cli import main
from navi.records import staff
from navi.records.db import session_factory
from navi.records.models import AuditEntry, StaffUser
from tests.factories import PASSWORD, cached_catalog

from .helpers import csrf_token, log_in, post, sign_in_as


def page_text(response) -> str:
    """The visible message part of a page, without the per-session CSRF token."""
    html = response.get_data(as_text=True)
    return re.sub(r'name="csrf_token"[^>]*value="[^"]+"', "", html)


def test_the_right_password_signs_in_and_passwords_are_stored_as_argon2(client, counter_app):
    response = log_in(client, "clerk")
    assert response.status_code == 302 and response.location == "/counter/scan"
    with session_factory(counter_app.config["DATABASE_URL"])() as session:
        stored = session.scalars(select(StaffUser.password_hash).where(StaffUser.username == "clerk")).one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(client, counter_app):
    for _ in range(5):
        assert log_in(client, "clerk", "wrong password").status_code == 200
    locked = log_in(client, "clerk")
    assert locked.status_code == 200 and "/counter/scan" not in (locked.location or "")
    with session_factory(counter_app.config["DATABASE_URL"])() as session:
        user = staff.find(session, "clerk")
        assert user.locked_until is not None
        actions = [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
        print("audit:", actions[-7:])
        assert actions.count("login_failed") == 4 and "account_locked" in actions and "login_refused_locked" in actions
        later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=15, seconds=1)
        assert staff.authenticate(session, "clerk", PASSWORD, now=later) is not None


def test_failure_messages_do_not_reveal_whether_the_user_exists(client, counter_app):
    wrong_password = page_text(log_in(client, "clerk", "wrong password"))
    unknown_client = counter_app.test_client()
    unknown_user = page_text(log_in(unknown_client, "nobody-here", "wrong password"))
    for _ in range(5):
        log_in(client, "supervisor", "wrong password")
    locked = page_text(log_in(client, "supervisor", PASSWORD))
    assert wrong_password.replace('value="clerk"', "") == unknown_user.replace('value="nobody-here"', "")
    assert locked.replace('value="supervisor"', "") == wrong_password.replace('value="clerk"', "")
    assert "ユーザー名またはパスワードが正しくないか" in wrong_password
    assert "存在しません" not in unknown_user and "ロックされ" not in locked


def test_an_idle_session_ends_after_the_timeout(client, counter_app):
    sign_in_as(client, counter_app, "clerk")
    assert client.get("/counter/scan").status_code == 200
    with client.session_transaction() as sess:
        sess["staff_seen_at"] = time.time() - counter_app.config["STAFF_IDLE_SECONDS"] - 1
    response = client.get("/counter/scan")
    assert response.status_code == 302 and "expired=1" in response.location
    assert "一定時間操作がなかったため" in client.get(response.location).get_data(as_text=True)
    assert client.get("/counter/scan").status_code == 302


def test_activity_keeps_the_session_but_queue_polling_does_not(client, counter_app):
    sign_in_as(client, counter_app, "clerk")
    with client.session_transaction() as sess:
        sess["staff_seen_at"] = seen = time.time() - 60
    client.get("/counter/queues/kumin/items.json")
    with client.session_transaction() as sess:
        assert sess["staff_seen_at"] == seen
    client.get("/counter/queues/kumin")
    with client.session_transaction() as sess:
        assert sess["staff_seen_at"] > seen


def test_sign_in_goes_back_to_the_page_asked_for_but_never_off_site(client, counter_app):
    asked = client.get("/counter/queues/kumin")
    assert "required=1" in asked.location and "next=" in asked.location
    token = csrf_token(client)
    ok = client.post("/counter/login?next=/counter/queues/kumin",
                     data={"csrf_token": token, "username": "clerk", "password": PASSWORD})
    assert ok.location == "/counter/queues/kumin"
    other = counter_app.test_client()
    token = csrf_token(other)
    off_site = other.post("/counter/login?next=//evil.example/counter/",
                          data={"csrf_token": token, "username": "clerk", "password": PASSWORD})
    assert off_site.location == "/counter/scan"


@pytest.mark.parametrize("target", ["/counter/%0D%0ASet-Cookie:%20x=1", "/counter/%00", "/%5C%5Cevil.example/",
                                    "https://evil.example/counter/", "/counter/%1B[2J"])
def test_a_next_with_control_characters_or_another_site_is_ignored_after_a_correct_password(counter_app, target):
    client = counter_app.test_client()
    token = csrf_token(client)
    signed_in = client.post(f"/counter/login?next={target}",
                            data={"csrf_token": token, "username": "clerk", "password": PASSWORD})
    assert signed_in.status_code == 302 and signed_in.location == "/counter/scan"


def test_forms_without_a_csrf_token_are_refused(client, counter_app):
    response = client.post("/counter/login", data={"username": "clerk", "password": PASSWORD})
    assert response.status_code == 400 and "画面の有効期限が切れました" in response.get_data(as_text=True)


def test_signing_out_ends_the_session(client, counter_app):
    log_in(client, "clerk")
    assert post(client, "/counter/logout").location == "/counter/login"
    assert client.get("/counter/scan").status_code == 302


def test_a_copy_of_the_cookie_taken_before_signing_out_no_longer_signs_in(client, counter_app):
    log_in(client, "clerk")
    assert client.get("/counter/scan").status_code == 200
    copied = client.get_cookie("session").value
    assert post(client, "/counter/logout").location == "/counter/login"
    thief = counter_app.test_client()
    thief.set_cookie("session", copied)
    replayed = thief.get("/counter/scan")
    assert replayed.status_code == 302 and "/counter/login" in replayed.location
    assert thief.get("/counter/queues/kumin/items.json").status_code == 401


def test_signing_out_ends_only_that_session(client, counter_app):
    other = counter_app.test_client()
    log_in(client, "clerk")
    log_in(other, "clerk")
    post(client, "/counter/logout")
    assert other.get("/counter/scan").status_code == 200


def test_navi_staff_add_creates_an_account_from_stdin(tmp_path, monkeypatch):
    monkeypatch.setenv("NAVI_INSTANCE", str(tmp_path / "instance"))
    cached_catalog(monkeypatch)
    runner = CliRunner()
    result = runner.invoke(main, ["staff", "add", "tanaka", "--role", "supervisor", "--password-stdin"],
                           input="a long enough password\n")
    print(result.output)
    assert result.exit_code == 0 and "created supervisor tanaka" in result.output
    again = runner.invoke(main, ["staff", "add", "tanaka", "--password-stdin"], input="a long enough password\n")
    assert again.exit_code == 1 and "already exists" in again.output
    short = runner.invoke(main, ["staff", "add", "sato", "--password-stdin"], input="short\n")
    assert short.exit_code == 1 and "at least 10" in short.output
    listed = runner.invoke(main, ["staff", "list"])
    assert "tanaka\tsupervisor\tactive" in listed.output


def test_navi_staff_add_asks_for_the_password_twice(tmp_path, monkeypatch):
    monkeypatch.setenv("NAVI_INSTANCE", str(tmp_path / "instance"))
    cached_catalog(monkeypatch)
    typed = "a long enough password\n" * 2
    result = CliRunner().invoke(main, ["staff", "add", "suzuki"], input=typed)
    assert result.exit_code == 0 and "created clerk suzuki" in result.output


def test_the_clerk_screen_speaks_english_too(client, counter_app):
    page = client.get("/counter/login?lang=en").get_data(as_text=True)
    assert "Staff sign-in" in page and "職員ログイン" not in page
    sign_in_as(client, counter_app, "clerk")
    assert "Scan a QR code" in client.get("/counter/scan").get_data(as_text=True)
