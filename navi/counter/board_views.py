"""Calling residents at a counter (「呼び出す」, 「不在」) and the lobby board: numbers only, no sign-in."""

from __future__ import annotations

from flask import abort, current_app, flash, jsonify, redirect, render_template, url_for

from navi.counter.forms import CallForm
from navi.records import calling
from navi.web.extensions import catalog, db
from navi.web.i18n import lazy_gettext as _l
from navi.web.staff_auth import current_staff, require_role

NOBODY_WAITS = _l("呼び出せるお客様はいません。")
CALLED = _l("受付番号 %(no)s を呼び出しました。")
MARKED_ABSENT = _l("不在として記録しました。番号を選んで、あとでもう一度呼び出せます。")


def _counter_or_404(counter_id: str):
    counter = next((c for c in catalog().counters if c.id == counter_id), None)
    if counter is None:
        abort(404)
    return counter


def _chosen(form: CallForm) -> int | None:
    return int(form.case_id.data) if (form.case_id.data or "").isdigit() else None


@require_role("clerk")
def call(counter_id: str):
    """「呼び出す」: the chosen receipt number, or the next one waiting at this counter."""
    _counter_or_404(counter_id)
    form = CallForm()
    if form.validate_on_submit():
        called = calling.call(db(), counter_id, current_staff().username, _chosen(form))
        flash(str(CALLED % {"no": called.receipt_no}) if called else str(NOBODY_WAITS))
    return redirect(url_for(".queue", counter_id=counter_id))


@require_role("clerk")
def absent(counter_id: str):
    """「不在」: the resident called for this case did not come."""
    _counter_or_404(counter_id)
    form = CallForm()
    chosen = _chosen(form) if form.validate_on_submit() else None
    if chosen is not None and calling.mark_absent(db(), counter_id, chosen, current_staff().username):
        flash(str(MARKED_ABSENT))
    return redirect(url_for(".queue", counter_id=counter_id))


def _board_or_404(office_id: str) -> dict:
    if not any(o.id == office_id for o in catalog().offices):
        abort(404)
    return calling.board_document(db(), catalog(), office_id)


def board(office_id: str):
    """The lobby display of one office: for each counter the number called, how many wait, the longest wait."""
    return render_template("counter/board.html", board=_board_or_404(office_id),
                           refresh_seconds=current_app.config["BOARD_REFRESH_SECONDS"],
                           source=url_for(".board_json", office_id=office_id))


def board_json(office_id: str):
    """The same board as JSON, for the board's own refresh."""
    return jsonify(_board_or_404(office_id))
