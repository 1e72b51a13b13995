"""A case: its members and procedures, statuses, corrections, print and export; and the counter queues."""

from __future__ import annotations

from flask import Response, abort, current_app, jsonify, redirect, render_template, request, url_for

from navi.counter import bp
from navi.counter.forms import CorrectionForm, StatusForm
from navi.counter.labels import field_label, value_label
from navi.counter.presenters import case_view, queue_rows
from navi.records import audit, cases, corrections, export
from navi.records.models import CaseRecord
from navi.web.extensions import catalog, db, version_catalog
from navi.web.forms import ActionForm
from navi.web.staff_auth import current_staff, require_role


def printable_forms(case: CaseRecord) -> list[tuple[str, str]]:
    """(form id, title) of each form the case's plan files, in visiting order, for the print buttons."""
    from navi.domain.planner import plan_for
    from navi.domain.validation import parse_facts
    from navi.pdf.render import packet_forms

    version = version_catalog(case.catalog_version)
    if version is None:
        return []
    plan = plan_for(parse_facts(case.facts, version), version, "ja")
    return [(form.id, form.title.ja) for form in packet_forms(plan, version)]


def case_or_404(case_id: int) -> CaseRecord:
    """The case with this id, or a 404 page."""
    case = cases.get_case(db(), case_id)
    if case is None:
        abort(404)
    return case


@bp.get("/cases/<int:case_id>")
@require_role("clerk")
def case_detail(case_id: int):
    """The case: members read-only with 「修正」 per field, procedures per counter, catalog differences."""
    case = case_or_404(case_id)
    view, printable = case_view(case, catalog()), printable_forms(case)
    # Recorded after the reads, so the page needs one database transaction rather than two.
    audit.record_now(db(), current_staff().username, "view", case)
    return render_template("counter/case.html", case=case, view=view, printable=printable,
                           already=request.args.get("already"), status_form=StatusForm(formdata=None))


@bp.post("/cases/<int:case_id>/procedures/<procedure_id>")
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


@bp.route("/cases/<int:case_id>/correct/<field>", methods=["GET", "POST"])
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


@bp.get("/cases/<int:case_id>/print")
@require_role("clerk")
def print_case(case_id: int):
    """The 受付票 (reception slip) laid out for paper; opening it is recorded as a print."""
    case = case_or_404(case_id)
    audit.record_now(db(), current_staff().username, "print", case, detail={"document": "reception_slip"})
    return render_template("counter/print.html", case=case, view=case_view(case, catalog()))


@bp.get("/cases/<int:case_id>/export.<any(json, csv):kind>")
@require_role("clerk")
def export_case(case_id: int, kind: str):
    """The case as JSON or CSV (docs/case-export.md)."""
    case = case_or_404(case_id)
    audit.record_now(db(), current_staff().username, "export", case, detail={"format": kind})
    name = f"case-{case.receipt_no}.{kind}"
    if kind == "json":
        response = jsonify(export.case_document(case))
    else:
        response = Response(export.case_csv(case), content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/queues")
@require_role("clerk")
def queues():
    """Every counter of the catalog, to pick the one this clerk works at."""
    return render_template("counter/queues.html", counters=catalog().counters)


@bp.get("/queues/<counter_id>")
@require_role("clerk")
def queue(counter_id: str):
    """The cases coming to one counter in arrival order (refreshed by static/counter/queue.js)."""
    counter = next((c for c in catalog().counters if c.id == counter_id), None)
    if counter is None:
        abort(404)
    items = queue_rows(cases.queue_for(db(), counter_id), counter_id)
    audit.record_read(db(), current_staff().username, "queue", [item["case_id"] for item in items])
    poll = current_app.config["QUEUE_POLL_SECONDS"]
    return render_template("counter/queue.html", counter=counter, items=items, poll_seconds=poll,
                           status_form=StatusForm(formdata=None), action=ActionForm())


@bp.get("/queues/<counter_id>/items.json")
@require_role("clerk")
def queue_json(counter_id: str):
    """The queue as JSON for polling (no reload)."""
    if not any(c.id == counter_id for c in catalog().counters):
        abort(404)
    items = queue_rows(cases.queue_for(db(), counter_id), counter_id)
    audit.record_read(db(), current_staff().username, "queue_json", [item["case_id"] for item in items])
    return jsonify(counter=counter_id, items=items)
