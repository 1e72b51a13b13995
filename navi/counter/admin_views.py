"""Supervisor and admin pages: the audit log, staff accounts and lifting a lockout."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for

from navi.counter import bp
from navi.counter.auth import current_staff, require_role
from navi.extensions import db
from navi.forms import ActionForm
from navi.records import audit, staff
from navi.records.models import utcnow


@bp.get("/audit")
@require_role("supervisor")
def audit_log():
    """The newest audit entries, optionally for one case (?case=ID)."""
    case_id = request.args.get("case", type=int)
    return render_template("counter/audit.html", entries=audit.entries(db(), case_id=case_id), case_id=case_id)


@bp.get("/staff")
@require_role("admin")
def staff_list():
    """Every staff account with its role and lockout state (accounts are created with `navi staff add`)."""
    return render_template("counter/staff.html", users=staff.all_staff(db()), action=ActionForm(),
                           locked=lambda user: staff.is_locked(user, utcnow()))


@bp.post("/staff/<int:user_id>/unlock")
@require_role("admin")
def staff_unlock(user_id: int):
    """Lift a lockout before its 15 minutes are up."""
    if not ActionForm().validate_on_submit() or staff.unlock(db(), user_id, current_staff().username) is None:
        abort(404)
    return redirect(url_for(".staff_list"))
