"""Supervisor and admin pages: the audit log, and staff accounts (lockouts, new passwords, deactivation)."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, request, url_for

from navi.counter.forms import PasswordResetForm
from navi.counter.labels import STAFF_REFUSALS, action_label
from navi.records import audit, staff
from navi.records.models import StaffUser, utcnow
from navi.web.extensions import db
from navi.web.forms import ActionForm
from navi.web.i18n import lazy_gettext as _l
from navi.web.staff_auth import current_staff, require_role

DEACTIVATED = _l("%(name)s を無効にしました。ログイン中の画面も次の操作でログアウトします。")
ACTIVATED = _l("%(name)s を有効にしました。")
PASSWORD_RESET = _l("%(name)s のパスワードを再設定しました。新しいパスワードを本人に伝えてください。"
                    "ログイン中の画面は次の操作でログアウトします。")
OWN_PASSWORD = _l("自分のパスワードは「パスワードの変更」で変更してください（現在のパスワードが必要です）。")


@require_role("supervisor")
def audit_log():
    """The newest audit entries, optionally for one case (?case=ID)."""
    case_id = request.args.get("case", type=int)
    shown = audit.entries(db(), case_id=case_id)
    # Corrections show the values before and after: reading them is a read of those residents' data.
    audit.record_read(db(), current_staff().username, "audit_log", [e.case_id for e in shown if e.before or e.after])
    return render_template("counter/audit.html", entries=shown, case_id=case_id, action_label=action_label)


@require_role("admin")
def staff_list():
    """Every staff account with its role and state (accounts are created with `navi staff add`)."""
    return _staff_page()


@require_role("admin")
def staff_unlock(user_id: int):
    """Lift a lockout before its 15 minutes are up."""
    if not ActionForm().validate_on_submit() or staff.unlock(db(), user_id, current_staff().username) is None:
        abort(404)
    return redirect(url_for(".staff_list"))


@require_role("admin")
def staff_set_password(user_id: int):
    """Set a new password for someone who forgot theirs: their sessions end and any lockout lifts."""
    user = _account(user_id)
    if user.id == current_staff().id:
        flash(str(OWN_PASSWORD), "error")
        return redirect(url_for(".change_password"))
    form = PasswordResetForm(prefix=_form_prefix(user))
    if not form.validate_on_submit():
        return _staff_page(user, form), 422
    staff.set_password(db(), user, form.new_password.data, current_staff().username)
    flash(str(PASSWORD_RESET % {"name": user.username}))
    return redirect(url_for(".staff_list"))


@require_role("admin")
def staff_deactivate(user_id: int):
    """Stop an account signing in (someone who left); its open sessions end at their next request."""
    return _change_account(user_id, staff.deactivate, DEACTIVATED)


@require_role("admin")
def staff_activate(user_id: int):
    """Let a deactivated account sign in again."""
    return _change_account(user_id, staff.activate, ACTIVATED)


def _change_account(user_id: int, change: Callable, done):
    user = _account(user_id)
    if not ActionForm().validate_on_submit():
        abort(404)
    try:
        change(db(), user, current_staff().username)
    except staff.StaffError as error:
        flash(str(STAFF_REFUSALS[error.reason]), "error")
    else:
        flash(str(done % {"name": user.username}))
    return redirect(url_for(".staff_list"))


def _account(user_id: int) -> StaffUser:
    user = staff.by_id(db(), user_id)
    if user is None:
        abort(404)
    return user


def _form_prefix(user: StaffUser) -> str:
    # One new-password form per account on the page: the prefix keeps their field ids apart.
    return f"staff-{user.id}"


def _staff_page(failed: StaffUser | None = None, failed_form: PasswordResetForm | None = None):
    users = staff.all_staff(db())
    forms = {user.id: PasswordResetForm(prefix=_form_prefix(user), formdata=None) for user in users}
    if failed is not None:
        forms[failed.id] = failed_form
    return render_template("counter/staff.html", users=users, reset_forms=forms,
                           failed_form=failed_form, locked=lambda user: staff.is_locked(user, utcnow()))
