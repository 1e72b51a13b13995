"""Printing at the counter: every completed form of a case, one form, or the resident's route slip."""

from __future__ import annotations

import datetime as dt

from flask import Response, abort, request

from navi.counter import bp
from navi.counter.case_views import case_or_404
from navi.domain.planner import plan_for
from navi.domain.validation import parse_facts
from navi.pdf.render import NothingToPrint, render_form, render_packet
from navi.pdf.slip import render_route_slip
from navi.records import audit
from navi.web.extensions import db, version_catalog
from navi.web.staff_auth import current_staff, require_role


def _case_parts(case_id: int):
    """The case, the catalog version its plan was made with, its facts and that plan."""
    case = case_or_404(case_id)
    catalog = version_catalog(case.catalog_version)
    if catalog is None:
        abort(409)
    facts = parse_facts(case.facts, catalog)
    return case, catalog, facts


def _pdf(data: bytes, name: str) -> Response:
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@bp.get("/cases/<int:case_id>/forms.pdf")
@require_role("clerk")
def print_forms(case_id: int):
    """「すべての書類を印刷」: every completed form of the case in visiting order, in one PDF."""
    case, catalog, facts = _case_parts(case_id)
    try:
        data = render_packet(facts, catalog, plan_for(facts, catalog, "ja"), dt.date.today())
    except NothingToPrint:
        abort(404)
    audit.record_now(db(), current_staff().username, "print", case, detail={"document": "all_forms"})
    return _pdf(data, f"forms-{case.receipt_no}.pdf")


@bp.get("/cases/<int:case_id>/forms/<form_id>.pdf")
@require_role("clerk")
def print_form(case_id: int, form_id: str):
    """One completed form of the case (「転入届を印刷」)."""
    case, catalog, facts = _case_parts(case_id)
    plan = plan_for(facts, catalog, "ja")
    if form_id not in {f for p in plan.procedures for f in p.forms}:
        abort(404)
    data = render_form(form_id, facts, catalog, plan, dt.date.today())
    audit.record_now(db(), current_staff().username, "print", case, detail={"document": form_id})
    return _pdf(data, f"{form_id}-{case.receipt_no}.pdf")


@bp.get("/cases/<int:case_id>/slip.pdf")
@require_role("clerk")
def print_slip(case_id: int):
    """The resident's route slip with the receipt number, in Japanese or English (?lang=en)."""
    case, catalog, facts = _case_parts(case_id)
    lang = "en" if request.args.get("lang") == "en" else "ja"
    data = render_route_slip(facts, catalog, plan_for(facts, catalog, lang), lang, receipt_no=case.receipt_no)
    audit.record_now(db(), current_staff().username, "print", case, detail={"document": f"route_slip_{lang}"})
    return _pdf(data, f"slip-{case.receipt_no}.pdf")
