"""Sign-in, one's own password, scanning, staff-assisted entry and search: thin views over navi.records and the
scan adapter."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from navi.counter import bp, scanning
from navi.counter.forms import LoginForm, PasswordChangeForm, PictureForm, ScanForm, SearchForm
from navi.counter.labels import SCAN_FAILURES, SERVER_FAULTS
from navi.records import audit, cases, staff
from navi.web import staff_auth
from navi.web.extensions import db
from navi.web.forms import ActionForm
from navi.web.staff_auth import current_staff, require_role

# The same words whether the user is unknown, the password wrong or the account locked.
SIGN_IN_FAILED = _l("ユーザー名またはパスワードが正しくないか、一時的にログインできない状態です。"
                    "5回続けて間違えると15分間ログインできなくなります。")

WRONG_PASSWORD = _l("現在のパスワードが正しくありません。5回続けて間違えると15分間ログインできなくなります。")
PASSWORD_CHANGED = _l("パスワードを変更しました。ほかの端末や画面でのログインは終了しました。")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Staff sign-in."""
    form = LoginForm()
    if form.validate_on_submit():
        user = staff.authenticate(db(), form.username.data, form.password.data)
        if user is not None:
            staff_auth.sign_in(user)
            return redirect(staff_auth.safe_next(request.args.get("next")) or url_for(".scan"))
        form.password.errors = [str(SIGN_IN_FAILED)]
    return render_template("counter/login.html", form=form, expired=request.args.get("expired"),
                           required=request.args.get("required"))


@bp.post("/logout")
@require_role("clerk")
def logout():
    """Sign out."""
    if ActionForm().validate_on_submit():
        audit.record_now(db(), current_staff().username, "logout")
        staff_auth.sign_out()
    return redirect(url_for(".login"))


@bp.route("/password", methods=["GET", "POST"])
@require_role("clerk")
def change_password():
    """A signed-in member of staff changes their own password; their other sessions end, this one carries on."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user = current_staff()
        if staff.change_own_password(db(), user, form.current_password.data, form.new_password.data):
            staff_auth.sign_in(user)  # a session signed in after the change, so the password check keeps it
            flash(str(PASSWORD_CHANGED))
            return redirect(url_for(".change_password"))
        form.current_password.errors = [str(WRONG_PASSWORD)]
    return render_template("counter/password.html", form=form), 422 if form.errors else 200


@bp.get("/")
@require_role("clerk")
def home():
    """The counter's first page is the scan page."""
    return redirect(url_for(".scan"))


@bp.get("/scan")
@require_role("clerk")
def scan():
    """The scan field, focused for a keyboard-wedge scanner, with any split code's progress."""
    outcome = scanning.progress(db(), current_staff())
    return _scan_page(ScanForm(formdata=None), outcome)


@bp.post("/scan")
@require_role("clerk")
def scan_submit():
    """One scan: opens the case, counts a part of a split code, or shows why it cannot be read."""
    form = ScanForm()
    if not form.validate_on_submit():
        return _scan_page(form, scanning.progress(db(), current_staff()), 422)
    return _after_scan(scanning.submit_scan(db(), current_staff(), form.digits.data))


@bp.post("/scan/picture")
@require_role("clerk")
def scan_picture():
    """The fallback: a photo or screenshot of the code."""
    form = PictureForm()
    if not form.validate_on_submit():
        return _scan_page(ScanForm(formdata=None), scanning.progress(db(), current_staff()), 422, picture=form)
    return _after_scan(scanning.submit_image(db(), current_staff(), form.picture.data.read()))


@bp.post("/scan/reset")
@require_role("clerk")
def scan_reset():
    """Forget the parts of a split code scanned so far."""
    if ActionForm().validate_on_submit():
        scanning.discard(db(), current_staff())
    return redirect(url_for(".scan"))


def _after_scan(outcome: scanning.ScanOutcome):
    if outcome.failure:
        title, text = SCAN_FAILURES[outcome.failure]
        # A fault of the counter itself (its key file) is a 503; a code that cannot be read is the code's (422).
        status = 503 if outcome.failure in SERVER_FAULTS else 422
        return render_template("counter/scan_failed.html", title=title, text=str(text) % {"detail": outcome.detail},
                               code=outcome.failure), status
    if outcome.case is None:
        return _scan_page(ScanForm(formdata=None), outcome)
    if not outcome.created:
        return redirect(url_for(".case_detail", case_id=outcome.case.id, already=1))
    return redirect(url_for(".case_detail", case_id=outcome.case.id))


def _scan_page(form: ScanForm, outcome: scanning.ScanOutcome, status: int = 200, picture: PictureForm | None = None):
    return render_template("counter/scan.html", form=form, outcome=outcome, picture=picture or PictureForm(),
                           action=ActionForm()), status


@bp.get("/assisted")
@require_role("clerk")
def assisted():
    """Staff-assisted entry: the resident wizard in assisted mode, cases made with create_case_from_facts."""
    if "wizard.start" not in current_app.view_functions:
        return render_template("counter/assisted.html"), 200
    audit.record_now(db(), current_staff().username, "assisted_start")
    return redirect(url_for("wizard.start", assisted=1))


@bp.get("/search")
@require_role("clerk")
def search():
    """Find cases by receipt number, フリガナ and reception day."""
    form = SearchForm(request.args)
    found = None
    # Invalid criteria are shown beside their fields and in the page's error summary.
    if request.args and form.validate():
        found = cases.search(db(), receipt=form.receipt.data or "", kana=form.kana.data or "", day=form.day.data)
        audit.record_read(db(), current_staff().username, "search", [case.id for case in found])
    return render_template("counter/search.html", form=form, found=found)
