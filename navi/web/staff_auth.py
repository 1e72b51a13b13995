"""Staff sign-in state in Flask's session: who is signed in, idle timeout, and per-route roles."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, current_app, g, jsonify, redirect, request, session, url_for

from navi.records import staff, staff_sessions
from navi.records.models import StaffUser
from navi.web.extensions import db
from navi.web.i18n import lazy_gettext as _l
from navi.web.roles import current_role

SESSION_KEYS = ("staff_id", "staff_session", "staff_login_at", "staff_seen_at")
# Polling by an open queue screen is not the clerk doing something, so it does not extend the session.
PASSIVE_ENDPOINTS = frozenset({"counter.queue_json"})


def sign_in(user: StaffUser) -> None:
    """Start a fresh session for the user (a new session defeats fixation)."""
    lang = session.get("lang")
    session.clear()
    now = time.time()
    session.update(staff_id=user.id, staff_session=staff_sessions.start(db(), user), staff_login_at=now,
                   staff_seen_at=now)
    if lang:
        session["lang"] = lang


def sign_out() -> None:
    """End the session on the server and forget the signed-in user."""
    staff_sessions.end(db(), session.get("staff_session"))
    for key in SESSION_KEYS:
        session.pop(key, None)


def load_staff() -> None:
    """Before each counter request: the signed-in user in g.staff; None after the idle timeout, or once the
    account is deactivated or its password changed after this session signed in."""
    g.staff = None
    g.staff_timed_out = False
    user_id = session.get("staff_id")
    if not user_id:
        return
    now = time.time()
    if now - float(session.get("staff_seen_at", 0)) > current_app.config["STAFF_IDLE_SECONDS"]:
        sign_out()
        g.staff_timed_out = True
        return
    g.staff = _live_user(user_id)
    if g.staff is None:
        sign_out()
    elif request.endpoint not in PASSIVE_ENDPOINTS:
        session["staff_seen_at"] = now


def _live_user(user_id: int) -> StaffUser | None:
    """The session's account while both are live: the account active and the server's session not ended."""
    user = staff.active_user(db(), user_id, _signed_in_at())
    return user if user is not None and staff_sessions.is_live(db(), session.get("staff_session"), user_id) else None


def _signed_in_at() -> float:
    # A session without a sign-in time counts as signed in at the epoch: any password change ends it.
    return float(session.get("staff_login_at", 0))


def current_staff() -> StaffUser:
    """The signed-in user (views behind `require_role` only)."""
    return g.staff


def require_role(role: str) -> Callable:
    """Let only signed-in staff whose role includes `role` through; others sign in or get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any):
            if g.get("staff") is None:
                return _sign_in_first()
            if not staff.has_role(g.staff, role):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def _sign_in_first():
    if request.endpoint in PASSIVE_ENDPOINTS or request.accept_mimetypes.best == "application/json":
        return jsonify(error="sign_in_required"), 401
    args = {"next": request.full_path.rstrip("?")} if request.method == "GET" else {}
    args["expired" if g.get("staff_timed_out") else "required"] = "1"
    return redirect(url_for("counter.login", **args))


def safe_next(target: str | None) -> str | None:
    """`next` only when it is a path on this site without control characters (never another site, never a
    header broken by CR/LF); None otherwise."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    # Printable ASCII only: no CR/LF (a broken Location header), no backslash (browsers read /\\ as //).
    if any(not ("!" <= char <= "~") or char == "\\" for char in target):
        return None
    return target


def assisting_staff() -> StaffUser | None:
    """For the wizard in assisted mode: the signed-in clerk, if the session has one that has not idled out."""
    user_id = session.get("staff_id")
    idle = time.time() - float(session.get("staff_seen_at", 0))
    if not user_id or idle > current_app.config["STAFF_IDLE_SECONDS"]:
        return None
    user = _live_user(user_id)
    return user if staff.has_role(user, "clerk") else None


# The staff menu: each place and the least role that may open it (the same roles `require_role` checks).
MENU = (
    ("counter.scan", _l("読み取り"), "clerk"),
    ("counter.queues", _l("窓口の一覧"), "clerk"),
    ("counter.search", _l("受付記録の検索"), "clerk"),
    ("counter.assisted", _l("職員と入力"), "clerk"),
    ("counter.audit_log", _l("操作記録"), "supervisor"),
    ("counter.figures_page", _l("窓口の実績"), "supervisor"),
    ("catalog_admin.index", _l("手続カタログ"), "supervisor"),
    ("counter.staff_list", _l("職員アカウント"), "admin"),
)
ROLE_LABELS = {"clerk": _l("窓口職員"), "supervisor": _l("監督者"), "admin": _l("管理者")}


def staff_menu(user: StaffUser | None) -> list[tuple[str, str]]:
    """(URL, label) of each place the signed-in user's role may open, in menu order."""
    if user is None:
        return []
    return [(url_for(endpoint), str(label)) for endpoint, label, role in MENU if staff.has_role(user, role)]


def staff_context() -> dict:
    """What every staff page's layout shows: who is signed in, their menu, the role names."""
    user = g.get("staff")
    return {"staff_user": user, "staff_menu": staff_menu(user), "role_labels": ROLE_LABELS,
            "min_password_length": staff.MIN_PASSWORD_LENGTH}


def assisting_clerk() -> StaffUser | None:
    """The clerk running the wizard for a resident, where this app allows it (role `all`), else None."""
    return assisting_staff() if current_role().assisted_entry else None
