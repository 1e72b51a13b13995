"""What every counter page shares: the signed-in user, and clear pages for errors instead of tracebacks."""

from __future__ import annotations

from flask import g, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError

from navi.counter import bp
from navi.counter.labels import FORBIDDEN, FORM_EXPIRED, NOT_FOUND, ROLE_LABELS, SCAN_FAILURES, STATUS_LABELS
from navi.records.staff import MIN_PASSWORD_LENGTH
from navi.web import staff_auth
from navi.web.errors import STAFF_TEXTS, abandon_transaction

bp.before_request(staff_auth.load_staff)


@bp.context_processor
def _staff_context() -> dict:
    return {"staff_user": g.get("staff"), "status_labels": STATUS_LABELS, "role_labels": ROLE_LABELS,
            "min_password_length": MIN_PASSWORD_LENGTH}


def problem(title, text, status: int):
    """A page that names what went wrong and what to do next."""
    return render_template("counter/problem.html", title=title, text=text), status


@bp.errorhandler(OperationalError)
def _database_unavailable(error: OperationalError):
    """The database went away (or its disk is full) mid-request: rolled back, and the page says so."""
    full = abandon_transaction(error)
    return problem(*(STAFF_TEXTS["disk_full"] if full else SCAN_FAILURES["database_unavailable"]), 503)


@bp.errorhandler(CSRFError)
def _form_expired(_error: CSRFError):
    return problem(*FORM_EXPIRED, 400)


@bp.errorhandler(403)
def _forbidden(_error):
    return problem(*FORBIDDEN, 403)


@bp.errorhandler(404)
def _not_found(_error):
    return problem(*NOT_FOUND, 404)
