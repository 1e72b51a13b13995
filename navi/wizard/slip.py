"""The resident's printable route slip (受付案内票) as PDF, from the confirmed answers of this session."""

from __future__ import annotations

from flask import Response, redirect, url_for

from navi.domain.planner import plan_for
from navi.pdf import render_route_slip
from navi.web.extensions import catalog
from navi.wizard import bp
from navi.wizard.views import _lang, confirmed_facts


@bp.get("/result/slip.pdf")
def result_slip():
    """The route slip in the resident's language, never cached (it names the household)."""
    facts = confirmed_facts()
    if facts is None:
        return redirect(url_for("wizard.start"))
    lang = _lang()
    pdf = render_route_slip(facts, catalog(), plan_for(facts, catalog(), lang), lang)
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Disposition"] = 'inline; filename="route-slip.pdf"'
    return response
