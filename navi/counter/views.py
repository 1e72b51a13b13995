"""The clerk's pages: sign-in, scanning, cases (statuses, corrections, printing, export), queues and search."""

from __future__ import annotations

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for

from navi.counter import scanning
from navi.counter.forms import (
    CorrectionForm,
    LoginForm,
    PasswordChangeForm,
    PictureForm,
    ScanForm,
    SearchForm,
    StatusForm,
)
from navi.counter.labels import SCAN_FAILURES, SERVER_FAULTS
from navi.counter.presenters import case_view, filer_rows, printable_forms, queue_rows
from navi.pdf.render import NothingToPrint, render_form, render_packet
from navi.pdf.slip import render_route_slip
from navi.records import audit, calling, case_access, cases, corrections, export, staff
from navi.records.models import CaseRecord
from navi.web import staff_auth
from navi.web.downloads import file_response
from navi.web.extensions import catalog, db, version_catalog
from navi.web.fact_labels import field_label, value_label
from navi.web.forms import ActionForm
from navi.web.i18n import lazy_gettext as _l
from navi.web.roles import current_role
from navi.web.staff_auth import current_staff, require_role
from navi.web.templating import office_today

# The same words whether the user is unknown, the password wrong or the account locked.
SIGN_IN_FAILED = _l("ユーザー名またはパスワードが正しくないか、一時的にログインできない状態です。"
                    "5回続けて間違えると15分間ログインできなくなります。")

WRONG_PASSWORD = _l("現在のパスワードが正しくありません。5回続けて間違えると15分間ログインできなくなります。")
PASSWORD_CHANGED = _l("パスワードを変更しました。ほかの端末や画面でのログインは終了しました。")


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


@require_role("clerk")
def logout():
    """Sign out."""
    if ActionForm().validate_on_submit():
        staff.signed_out(db(), current_staff())
        staff_auth.sign_out()
    return redirect(url_for(".login"))


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


@require_role("clerk")
def home():
    """The counter's first page is the scan page."""
    return redirect(url_for(".scan"))


@require_role("clerk")
def scan():
    """The scan field, focused for a keyboard-wedge scanner, with any split code's progress."""
    outcome = scanning.progress(db(), current_staff())
    return _scan_page(ScanForm(formdata=None), outcome)


@require_role("clerk")
def scan_submit():
    """One scan: opens the case, counts a part of a split code, or shows why it cannot be read."""
    form = ScanForm()
    if not form.validate_on_submit():
        return _scan_page(form, scanning.progress(db(), current_staff()), 422)
    return _after_scan(scanning.submit_scan(db(), current_staff(), form.digits.data))


@require_role("clerk")
def scan_picture():
    """The fallback: a photo or screenshot of the code."""
    form = PictureForm()
    if not form.validate_on_submit():
        return _scan_page(ScanForm(formdata=None), scanning.progress(db(), current_staff()), 422, picture=form)
    return _after_scan(scanning.submit_image(db(), current_staff(), form.picture.data.read()))


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
                               code=outcome.failure, form=ScanForm(formdata=None)), status
    if outcome.case is None:
        return _scan_page(ScanForm(formdata=None), outcome)
    if not outcome.created:
        return redirect(url_for(".case_detail", case_id=outcome.case.id, already=1))
    return redirect(url_for(".case_detail", case_id=outcome.case.id))


def _scan_page(form: ScanForm, outcome: scanning.ScanOutcome, status: int = 200, picture: PictureForm | None = None):
    return render_template("counter/scan.html", form=form, outcome=outcome, picture=picture or PictureForm(),
                           action=ActionForm()), status


@require_role("clerk")
def assisted():
    """Staff-assisted entry: the resident wizard in assisted mode, cases made with create_case_from_facts."""
    if not current_role().assisted_entry:
        return render_template("counter/assisted.html"), 200
    staff.assisted_entry_started(db(), current_staff())
    return redirect(url_for("wizard.start", assisted=1))


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


def case_or_404(case_id: int) -> CaseRecord:
    """The case with this id, or a 404 page."""
    case = cases.get_case(db(), case_id)
    if case is None:
        abort(404)
    return case


def _opened(case_id: int, action: str, detail: dict | None = None):
    """The case opened for the signed-in clerk, its read audited as `action` when the view is done."""
    return case_access.opened(db(), case_id, version_catalog, current_staff().username, action, detail)


@require_role("clerk")
def case_detail(case_id: int):
    """The case: members read-only with 「修正」 per field, procedures per counter, catalog differences."""
    with _opened(case_id, "view") as reading:
        return render_template("counter/case.html", case=reading.case, view=case_view(reading.case, catalog()),
                               printable=printable_forms(reading), filers=filer_rows(reading),
                               already=request.args.get("already"),
                               status_form=StatusForm(formdata=None), scan_form=ScanForm(formdata=None))


@require_role("clerk")
def set_status(case_id: int, procedure_id: str):
    """Change one procedure's status."""
    case = case_or_404(case_id)
    form = StatusForm()
    if not form.validate_on_submit() or not cases.set_status(db(), case, procedure_id, form.status.data,
                                                             current_staff().username):
        abort(404)
    back = request.form.get("back")
    if back and back.startswith("/counter/queues/"):
        return redirect(back)
    return redirect(url_for(".case_detail", case_id=case.id) + f"#procedure-{procedure_id}")


@require_role("clerk")
def correct(case_id: int, field: str):
    """Correct one field, with the reason (audited with before and after)."""
    case = case_or_404(case_id)
    try:
        current = corrections.read_value(case.facts, field)
    except corrections.NoSuchField:
        abort(404)
    form = CorrectionForm(data={"value": corrections.as_text(current)})
    if form.validate_on_submit():
        problems = corrections.correct(db(), case, field, form.value.data, form.reason.data,
                                       current_staff().username, version_catalog(case.catalog_version))
        if not problems:
            return redirect(url_for(".case_detail", case_id=case.id) + "#members")
        form.value.errors = [problem_words(p) for p in problems]
    audit.record_read(db(), current_staff().username, "correct", [case.id])
    return render_template("counter/correct.html", case=case, form=form, field=field, label=field_label(field),
                           current=value_label(field, current))


def problem_words(problem) -> str:
    """A facts problem in the clerk's words."""
    from navi.web.messages import problem_text

    return problem_text(problem)


@require_role("clerk")
def print_case(case_id: int):
    """The 受付票 (reception slip) laid out for paper; opening it is recorded as a print."""
    with _opened(case_id, "print", {"document": "reception_slip"}) as reading:
        return render_template("counter/print.html", case=reading.case, view=case_view(reading.case, catalog()))


@require_role("clerk")
def export_case(case_id: int, kind: str):
    """The case as JSON or CSV (docs/case-export.md)."""
    with _opened(case_id, "export", {"format": kind}) as reading:
        if kind == "json":
            data, mimetype = export.case_json(reading.case), "application/json"
        else:
            data, mimetype = export.case_csv(reading.case), "text/csv"
        return file_response(data, mimetype, f"case-{reading.case.receipt_no}.{kind}", attachment=True)


@require_role("clerk")
def queues():
    """Every counter of the catalog, to pick the one this clerk works at."""
    return render_template("counter/queues.html", counters=catalog().counters, offices=catalog().offices)


@require_role("clerk")
def queue(counter_id: str):
    """The cases coming to one counter in arrival order (refreshed by static/counter/queue.js)."""
    counter = next((c for c in catalog().counters if c.id == counter_id), None)
    if counter is None:
        abort(404)
    items = queue_rows(cases.queue_for(db(), counter_id), counter_id, calling.calls_today(db(), counter_id))
    audit.record_read(db(), current_staff().username, "queue", [item["case_id"] for item in items])
    poll = current_app.config["QUEUE_POLL_SECONDS"]
    return render_template("counter/queue.html", counter=counter, items=items, poll_seconds=poll,
                           status_form=StatusForm(formdata=None), action=ActionForm(),
                           waiting=len(calling.waiting(db(), counter_id)))


@require_role("clerk")
def queue_json(counter_id: str):
    """The queue as JSON for polling (no reload)."""
    if not any(c.id == counter_id for c in catalog().counters):
        abort(404)
    items = queue_rows(cases.queue_for(db(), counter_id), counter_id, calling.calls_today(db(), counter_id))
    audit.record_read(db(), current_staff().username, "queue_json", [item["case_id"] for item in items])
    return jsonify(counter=counter_id, items=items)


@require_role("clerk")
def print_forms(case_id: int):
    """「すべての書類を印刷」: every completed form of the case in visiting order, in one PDF."""
    with _opened(case_id, "print", {"document": "all_forms"}) as reading:
        try:
            data = render_packet(reading.facts, reading.catalog, reading.plan(), office_today())
        except NothingToPrint:
            abort(404)
        return file_response(data, "application/pdf", f"forms-{reading.case.receipt_no}.pdf")


@require_role("clerk")
def print_form(case_id: int, form_id: str):
    """One completed form of the case (「転入届を印刷」)."""
    with _opened(case_id, "print", {"document": form_id}) as reading:
        if form_id not in {f for p in reading.plan().procedures for f in p.forms}:
            abort(404)
        data = render_form(form_id, reading.facts, reading.catalog, reading.plan(), office_today())
        return file_response(data, "application/pdf", f"{form_id}-{reading.case.receipt_no}.pdf")


@require_role("clerk")
def print_slip(case_id: int):
    """The resident's route slip with the receipt number, in Japanese or English (?lang=en)."""
    lang = "en" if request.args.get("lang") == "en" else "ja"
    with _opened(case_id, "print", {"document": f"route_slip_{lang}"}) as reading:
        data = render_route_slip(reading.facts, reading.catalog, reading.plan(lang), lang,
                                 receipt_no=reading.case.receipt_no)
        return file_response(data, "application/pdf", f"slip-{reading.case.receipt_no}.pdf")
