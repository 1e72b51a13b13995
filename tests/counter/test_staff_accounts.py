"""Looking after staff accounts: an admin sets a new password, deactivates and activates accounts (the web page
and `navi staff`), a member of staff changes their own password, and each change ends the sessions it must."""

from __future__ import annotations

import contextlib
import re
import threading
from collections import Counter

import pytest
import sqlalchemy as sa
from alembic import command
from click.testing import CliRunner
from sqlalchemy import select

from navi import create_app
from navi.cli import main
from navi.records import staff
from navi.records.db import engine_for, migrations, session_factory, upgrade
from navi.records.models import AuditEntry
from tests.catalog_admin.test_pages import JAPANESE, interface_texts
from tests.factories import PASSWORD, cached_catalog
from tests.pages import ClientRequest

from .helpers import csrf_token, log_in, post

NEW_PASSWORD = "a brand new passphrase"


def open_session(app):
    """A database session on the app's database."""
    return session_factory(app.config["DATABASE_URL"])()


def signed_in(app, username: str, password: str = PASSWORD):
    """A client signed in through the sign-in form (so its session carries a real sign-in time)."""
    client = app.test_client()
    response = log_in(client, username, password)
    assert response.status_code == 302 and response.location == "/counter/scan", response.get_data(as_text=True)
    return client


def is_signed_in(client) -> bool:
    response = client.get("/counter/scan")
    return response.status_code == 200


def sent_to_sign_in(client) -> bool:
    response = client.get("/counter/scan")
    return response.status_code == 302 and response.location.startswith("/counter/login") \
        and "required=1" in response.location


def field_error(html: str, field_id: str) -> str:
    """The error message shown beside a field (the paragraph its aria-describedby points at)."""
    found = re.search(rf'<p class="error-message" id="{re.escape(field_id)}-error">(.*?)</p>', html, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)).strip() if found else ""


def audit_actions(app) -> list[tuple[str, str, dict | None]]:
    with open_session(app) as session:
        return [(e.actor, e.action, e.detail) for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def assert_no_password_in_audit(app, *passwords: str) -> None:
    with open_session(app) as session:
        for entry in session.scalars(select(AuditEntry)):
            stored = " ".join(str(v) for v in (entry.actor, entry.action, entry.field, entry.before, entry.after,
                                               entry.detail))
            for password in passwords:
                assert password not in stored, (entry.action, stored)


def staff_id(app, username: str) -> int:
    with open_session(app) as session:
        return staff.find(session, username).id


# ---- The records functions, on SQLite and on PostgreSQL ----


def test_set_password_checks_the_length_lifts_a_lockout_and_is_audited_without_the_password(session):
    user = staff.create_staff(session, "tanaka", PASSWORD, "clerk")
    with pytest.raises(staff.StaffError, match="at least 10") as refused:
        staff.set_password(session, user, "short", by="admin")
    assert refused.value.reason == "password_too_short"
    for _ in range(staff.MAX_FAILURES):
        staff.authenticate(session, "tanaka", "wrong password")
    assert user.locked_until is not None
    staff.set_password(session, user, NEW_PASSWORD, by="admin")
    assert user.locked_until is None and user.failed_logins == 0 and user.sessions_ended_at is not None
    assert staff.authenticate(session, "tanaka", NEW_PASSWORD) is not None
    assert staff.authenticate(session, "tanaka", PASSWORD) is None
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "password_reset")).one()
    assert (entry.actor, entry.detail) == ("admin", {"username": "tanaka"})
    assert NEW_PASSWORD not in str(entry.detail)


def test_a_session_signed_in_before_the_password_changed_no_longer_counts(session):
    user = staff.create_staff(session, "tanaka", PASSWORD, "clerk")
    before = user.created_at.timestamp()
    assert staff.active_user(session, user.id, before) is user
    staff.set_password(session, user, NEW_PASSWORD, by="admin")
    changed = staff.audit.as_utc(user.sessions_ended_at).timestamp()
    assert staff.active_user(session, user.id, before) is None
    assert staff.active_user(session, user.id, changed + 0.001) is user


def test_sessions_from_before_a_deactivation_stay_ended_after_reactivation(session):
    user = staff.create_staff(session, "tanaka", PASSWORD, "clerk")
    before = user.created_at.timestamp()
    staff.deactivate(session, user, by="admin")
    staff.activate(session, user, by="admin")
    ended = staff.audit.as_utc(user.sessions_ended_at).timestamp()
    assert staff.active_user(session, user.id, before) is None
    assert staff.active_user(session, user.id, ended + 0.001) is user


@pytest.mark.parametrize("name", staff.SYSTEM_ACTORS)
def test_the_names_the_audit_log_uses_for_the_system_cannot_be_staff_accounts(session, name):
    with pytest.raises(staff.StaffError, match="reserved"):
        staff.create_staff(session, name, PASSWORD, "admin")


def test_deactivate_and_activate_are_audited_and_refuse_the_own_account_and_the_last_admin(session):
    admin = staff.create_staff(session, "boss", PASSWORD, "admin")
    clerk = staff.create_staff(session, "tanaka", PASSWORD, "clerk")
    staff.deactivate(session, clerk, by="boss")
    assert not clerk.active and staff.authenticate(session, "tanaka", PASSWORD) is None
    staff.activate(session, clerk, by="boss")
    assert clerk.active and staff.authenticate(session, "tanaka", PASSWORD) is not None
    with pytest.raises(staff.StaffError) as own:
        staff.deactivate(session, admin, by="boss")
    assert own.value.reason == "own_account"
    with pytest.raises(staff.StaffError, match="last active admin") as last:
        staff.deactivate(session, admin, by="cli")
    assert last.value.reason == "last_admin"
    session.expire_all()
    assert admin.active
    actions = [(e.actor, e.action, e.detail) for e in session.scalars(
        select(AuditEntry).where(AuditEntry.action.like("staff_%activated")).order_by(AuditEntry.id))]
    assert actions == [("boss", "staff_deactivated", {"username": "tanaka"}),
                       ("boss", "staff_activated", {"username": "tanaka"})]


def test_two_admins_deactivating_each_other_at_the_same_moment_leave_one_active(db_url, monkeypatch):
    # Each thread waits (up to a second) after taking the admin rows' locks: without the locks and the count
    # after the write, both would see the other admin still active and both would succeed.
    with session_factory(db_url)() as setup:
        for name in ("admin1", "admin2"):
            staff.create_staff(setup, name, PASSWORD, "admin")
    barrier = threading.Barrier(2)
    original = staff._lock_admins

    def lock_then_wait(session):
        original(session)
        with contextlib.suppress(threading.BrokenBarrierError):  # the other thread waits for our locks: good
            barrier.wait(timeout=1)

    monkeypatch.setattr(staff, "_lock_admins", lock_then_wait)
    outcomes = []

    def admin(me, other):
        try:
            with session_factory(db_url)() as own:
                staff.deactivate(own, staff.find(own, other), by=me)
                outcomes.append("deactivated")
        except staff.StaffError as error:
            outcomes.append(error.reason)
        except Exception as error:  # a database refusing the second writer is a safe outcome too
            outcomes.append(type(error).__name__)

    threads = [threading.Thread(target=admin, args=pair) for pair in (("admin1", "admin2"), ("admin2", "admin1"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    print("outcomes:", outcomes)
    assert outcomes.count("deactivated") == 1
    with session_factory(db_url)() as check:
        assert [u.username for u in staff.all_staff(check) if u.active] in (["admin1"], ["admin2"])


def test_migration_0006_keeps_existing_accounts_signed_in_and_can_be_undone(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    config = migrations(url)
    command.upgrade(config, "0005")
    accounts = sa.table("staff_users", *(sa.column(name) for name in (
        "username", "password_hash", "role", "active", "failed_logins", "created_at")))
    with engine_for(url).begin() as connection:
        connection.execute(accounts.insert().values(username="tanaka", password_hash="x", role="clerk", active=True,
                                                    failed_logins=0, created_at=sa.func.current_timestamp()))
    upgrade(url)
    with session_factory(url)() as session:
        user = staff.find(session, "tanaka")
        assert user.sessions_ended_at is None
        assert staff.active_user(session, user.id, 0.0) is user, "sessions from before the upgrade stay signed in"
    command.downgrade(config, "0005")
    assert "sessions_ended_at" not in {c["name"] for c in sa.inspect(engine_for(url)).get_columns("staff_users")}
    engine_for(url).dispose()


# ---- `navi staff passwd | deactivate | activate` ----


@pytest.fixture
def cli(tmp_path, monkeypatch):
    """A CliRunner on a fresh instance with an admin and a clerk."""
    monkeypatch.setenv("NAVI_INSTANCE", str(tmp_path / "instance"))
    cached_catalog(monkeypatch)
    runner = CliRunner()
    for name, role in (("boss", "admin"), ("tanaka", "clerk")):
        result = runner.invoke(main, ["staff", "add", name, "--role", role, "--password-stdin"], input=PASSWORD + "\n")
        assert result.exit_code == 0, result.output
    return runner


def listed(cli) -> dict[str, str]:
    result = cli.invoke(main, ["staff", "list"])
    return {line.split("\t")[0]: line.split("\t")[2] for line in result.output.splitlines()}


def test_navi_staff_passwd_sets_a_new_password(cli):
    result = cli.invoke(main, ["staff", "passwd", "tanaka", "--password-stdin"], input=NEW_PASSWORD + "\n")
    assert result.exit_code == 0 and result.output == "new password set for tanaka\n"
    short = cli.invoke(main, ["staff", "passwd", "tanaka", "--password-stdin"], input="short\n")
    assert short.exit_code == 1 and short.stderr == "ERROR password must be at least 10 characters\n"
    unknown = cli.invoke(main, ["staff", "passwd", "nobody", "--password-stdin"], input=NEW_PASSWORD + "\n")
    assert unknown.exit_code == 1 and unknown.stderr == "ERROR no user nobody\n" and unknown.stdout == ""
    asked = cli.invoke(main, ["staff", "passwd", "boss"], input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n")
    assert asked.exit_code == 0 and "new password set for boss" in asked.output
    with session_factory(create_app().config["DATABASE_URL"])() as session:
        assert staff.authenticate(session, "tanaka", NEW_PASSWORD) is not None
        assert staff.authenticate(session, "tanaka", PASSWORD) is None
        entries = [(e.actor, e.action, e.detail) for e in session.scalars(
            select(AuditEntry).where(AuditEntry.action == "password_reset").order_by(AuditEntry.id))]
        assert entries == [("cli", "password_reset", {"username": "tanaka"}),
                           ("cli", "password_reset", {"username": "boss"})]
        assert not any(NEW_PASSWORD in str(e.detail) for e in session.scalars(select(AuditEntry)))


def test_navi_staff_deactivate_and_activate(cli):
    result = cli.invoke(main, ["staff", "deactivate", "tanaka"])
    assert result.exit_code == 0 and result.output == "deactivated tanaka\n"
    assert listed(cli)["tanaka"] == "inactive"
    result = cli.invoke(main, ["staff", "activate", "tanaka"])
    assert result.exit_code == 0 and result.output == "activated tanaka\n"
    assert listed(cli)["tanaka"] == "active"
    for verb in ("deactivate", "activate"):
        unknown = cli.invoke(main, ["staff", verb, "nobody"])
        assert unknown.exit_code == 1 and unknown.stderr == "ERROR no user nobody\n"
    last = cli.invoke(main, ["staff", "deactivate", "boss"])
    assert last.exit_code == 1 and last.stderr == "ERROR boss is the last active admin\n"
    assert listed(cli)["boss"] == "active"


# ---- The admin's staff page ----


def test_a_deactivated_clerk_is_signed_out_at_once_and_cannot_sign_in(counter_app):
    clerk = signed_in(counter_app, "clerk")
    admin = signed_in(counter_app, "admin")
    page = admin.get("/counter/staff").get_data(as_text=True)
    assert "無効にする" in page and "パスワードを再設定" in page
    response = post(admin, f"/counter/staff/{staff_id(counter_app, 'clerk')}/deactivate")
    assert response.status_code == 302 and response.location == "/counter/staff"
    assert "clerk を無効にしました" in admin.get("/counter/staff").get_data(as_text=True)
    assert sent_to_sign_in(clerk)
    refused = log_in(counter_app.test_client(), "clerk")
    assert refused.status_code == 200 and "ユーザー名またはパスワードが正しくないか" in refused.get_data(as_text=True)
    row = re.search(r'<tr data-username="clerk">.*?</tr>', admin.get("/counter/staff").get_data(as_text=True), re.S)
    assert "無効" in row.group(0) and "有効にする" in row.group(0)
    post(admin, f"/counter/staff/{staff_id(counter_app, 'clerk')}/activate")
    assert is_signed_in(signed_in(counter_app, "clerk"))
    assert [a for _, a, _ in audit_actions(counter_app) if a.startswith("staff_")] == [
        "staff_created", "staff_created", "staff_created", "staff_deactivated", "staff_activated"]


def test_an_admin_cannot_deactivate_their_own_account(counter_app):
    admin = signed_in(counter_app, "admin")
    page = admin.get("/counter/staff").get_data(as_text=True)
    own_row = re.search(r'<tr data-username="admin">.*?</tr>', page, re.S).group(0)
    assert "無効にする" not in own_row and "/counter/password" in own_row
    response = post(admin, f"/counter/staff/{staff_id(counter_app, 'admin')}/deactivate")
    assert response.status_code == 302
    assert "自分のアカウントは無効にできません" in admin.get("/counter/staff").get_data(as_text=True)
    assert is_signed_in(admin)
    assert "staff_deactivated" not in [a for _, a, _ in audit_actions(counter_app)]


def test_an_admin_resets_a_forgotten_password(counter_app):
    clerk = signed_in(counter_app, "clerk")
    for _ in range(staff.MAX_FAILURES):
        log_in(counter_app.test_client(), "clerk", "wrong password")
    admin = signed_in(counter_app, "admin")
    user_id = staff_id(counter_app, "clerk")
    url, prefix = f"/counter/staff/{user_id}/password", f"staff-{user_id}-"
    page = admin.get("/counter/staff").get_data(as_text=True)
    token = re.search(rf'name="{prefix}csrf_token"[^>]*value="([^"]+)"', page).group(1)

    mismatched = admin.post(url, data={f"{prefix}csrf_token": token, f"{prefix}new_password": NEW_PASSWORD,
                                       f"{prefix}new_password_again": NEW_PASSWORD + "x"})
    html = mismatched.get_data(as_text=True)
    assert mismatched.status_code == 422
    assert field_error(html, f"{prefix}new_password_again") == \
        "エラー: 新しいパスワードが一致しません。同じパスワードを2回入力してください"
    assert f'href="#{prefix}new_password_again"' in html and "<details class=\"password-reset\" open>" in html
    short = admin.post(url, data={f"{prefix}csrf_token": token, f"{prefix}new_password": "short",
                                  f"{prefix}new_password_again": "short"})
    assert field_error(short.get_data(as_text=True), f"{prefix}new_password") == \
        "エラー: 新しいパスワードは10文字以上にしてください"

    done = admin.post(url, data={f"{prefix}csrf_token": token, f"{prefix}new_password": NEW_PASSWORD,
                                 f"{prefix}new_password_again": NEW_PASSWORD})
    assert done.status_code == 302 and done.location == "/counter/staff"
    assert "clerk のパスワードを再設定しました" in admin.get("/counter/staff").get_data(as_text=True)
    assert sent_to_sign_in(clerk), "the clerk's session from before the reset must end"
    assert is_signed_in(admin)
    assert is_signed_in(signed_in(counter_app, "clerk", NEW_PASSWORD)), "the reset lifts the lockout too"
    assert log_in(counter_app.test_client(), "clerk", PASSWORD).status_code == 200
    assert ("admin", "password_reset", {"username": "clerk"}) in audit_actions(counter_app)
    assert_no_password_in_audit(counter_app, NEW_PASSWORD, PASSWORD)


def test_an_admin_changes_their_own_password_on_their_own_page(counter_app):
    admin = signed_in(counter_app, "admin")
    page = admin.get("/counter/staff").get_data(as_text=True)
    assert f'action="/counter/staff/{staff_id(counter_app, "admin")}/password"' not in page
    response = post(admin, f"/counter/staff/{staff_id(counter_app, 'admin')}/password",
                    {"new_password": NEW_PASSWORD, "new_password_again": NEW_PASSWORD})
    assert response.location == "/counter/password"
    assert "現在のパスワードが必要です" in admin.get("/counter/password").get_data(as_text=True)
    assert "password_reset" not in [a for _, a, _ in audit_actions(counter_app)]


# ---- Changing one's own password ----


def change(client, current: str, new: str, again: str | None = None):
    """Post the change-password form."""
    return post(client, "/counter/password", {"current_password": current, "new_password": new,
                                              "new_password_again": new if again is None else again})


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(counter_app):
    here = signed_in(counter_app, "clerk")
    elsewhere = signed_in(counter_app, "clerk")
    assert "/counter/password" in here.get("/counter/scan").get_data(as_text=True), "linked from every staff page"
    response = change(here, PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302 and response.location == "/counter/password"
    assert "パスワードを変更しました" in here.get("/counter/password").get_data(as_text=True)
    assert is_signed_in(here)
    assert sent_to_sign_in(elsewhere)
    assert log_in(counter_app.test_client(), "clerk", PASSWORD).status_code == 200
    assert is_signed_in(signed_in(counter_app, "clerk", NEW_PASSWORD))
    assert is_signed_in(here), "signing in again elsewhere does not end this session"
    assert ("clerk", "password_changed", {"username": "clerk"}) in audit_actions(counter_app)
    assert_no_password_in_audit(counter_app, NEW_PASSWORD, PASSWORD)


@pytest.mark.parametrize(("current", "new", "again", "field", "message"), [
    ("wrong password", NEW_PASSWORD, NEW_PASSWORD, "current_password",
     "現在のパスワードが正しくありません。5回続けて間違えると15分間ログインできなくなります。"),
    (PASSWORD, NEW_PASSWORD, "another passphrase", "new_password_again",
     "新しいパスワードが一致しません。同じパスワードを2回入力してください"),
    (PASSWORD, "short", "short", "new_password", "新しいパスワードは10文字以上にしてください"),
    ("", NEW_PASSWORD, NEW_PASSWORD, "current_password", "現在のパスワードを入力してください"),
], ids=["wrong-current", "mismatch", "too-short", "no-current"])
def test_a_refused_change_says_why_beside_the_field_and_changes_nothing(counter_app, current, new, again, field,
                                                                       message):
    here = signed_in(counter_app, "clerk")
    elsewhere = signed_in(counter_app, "clerk")
    response = change(here, current, new, again)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(html, field) == f"エラー: {message}"
    assert f'<a href="#{field}">{message}</a>' in html, "the error summary links to the field"
    assert is_signed_in(here) and is_signed_in(elsewhere)
    assert is_signed_in(signed_in(counter_app, "clerk", PASSWORD))
    assert "password_changed" not in [a for _, a, _ in audit_actions(counter_app)]


def test_wrong_current_passwords_count_toward_the_lockout(counter_app):
    here = signed_in(counter_app, "clerk")
    for _ in range(staff.MAX_FAILURES):
        change(here, "wrong password", NEW_PASSWORD)
    assert change(here, PASSWORD, NEW_PASSWORD).status_code == 422, "locked: even the right password is refused"
    actions = [a for _, a, _ in audit_actions(counter_app)]
    assert actions.count("password_check_failed") == staff.MAX_FAILURES - 1 and "account_locked" in actions


def test_the_password_change_works_in_english(counter_app):
    here = signed_in(counter_app, "clerk")
    here.get("/counter/password?lang=en")
    html = change(here, "wrong password", NEW_PASSWORD).get_data(as_text=True)
    assert "Your current password is not right" in html and "Change password" in html


# ---- The pages' HTML ----


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_new_pages_keep_the_page_invariants(counter_app, lang):
    admin = signed_in(counter_app, "admin")
    admin.get(f"/counter/staff?lang={lang}")
    user_id = staff_id(counter_app, "clerk")
    failed = admin.post(f"/counter/staff/{user_id}/password", data={
        f"staff-{user_id}-csrf_token": csrf_token(admin, "/counter/staff")})
    pages = {"/counter/staff": admin.get("/counter/staff"), "/counter/password": admin.get("/counter/password"),
             "reset refused": failed}
    checked = ClientRequest(admin, lang)
    for name, response in pages.items():
        soup = checked.check(name, response, response.status_code)  # one <h1>, labels, lang, no raw ids
        assert [i for i, n in Counter(tag["id"] for tag in soup.find_all(id=True)).items() if n > 1] == [], name
        if lang == "en":
            texts = interface_texts(response.get_data(as_text=True))
            assert [t for t in texts if JAPANESE.search(t) and t != "届出ナビ"] == [], name
    if lang == "en":
        staff_page = pages["/counter/staff"].get_data(as_text=True)
        assert all(words in staff_page for words in ("Deactivate", "Reset password", "Set the new password"))
