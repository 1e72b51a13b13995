"""The office's figures for supervisors: the page with its charts and tables, and the same figures as CSV."""

from __future__ import annotations

import datetime as dt

from flask import render_template, request

from navi.counter.forms import FiguresForm, figures_form
from navi.counter.presenters import case_times, figures_csv, figures_view
from navi.domain import figures
from navi.records.figures import figures_between
from navi.web.downloads import file_response
from navi.web.extensions import catalog, db
from navi.web.i18n import current_lang
from navi.web.staff_auth import require_role
from navi.web.templating import office_today, office_zone

# Without dates chosen, the page sums the last 90 days up to today.
DEFAULT_DAYS = 90


def _form() -> FiguresForm:
    current = catalog()
    return figures_form(request.args, [(o.id, o.name.get(current_lang())) for o in current.offices],
                        [(e.id, e.title.get(current_lang())) for e in current.events])


def _summed(form: FiguresForm) -> tuple[list[figures.PeriodFigures], figures.PeriodFigures | None]:
    valid = form.validate()
    until = (form.until.data if valid else None) or office_today()
    since = (form.since.data if valid else None) or until - dt.timedelta(days=DEFAULT_DAYS - 1)
    zone = office_zone()
    start = dt.datetime.combine(since, dt.time(), zone)
    end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), zone)
    period = form.period.data if valid and form.period.data in figures.PERIODS else "day"
    cases = figures.chosen(case_times(figures_between(db(), start, end)),
                           (form.office.data or None) if valid else None, (form.event.data or None) if valid else None)
    speed = float(catalog().info.parameters.get("typing_chars_per_minute", 50))
    total = figures.figures_of(since, cases, speed) if cases else None
    return figures.summarise(cases, period, speed), total


@require_role("supervisor")
def figures_page():
    """Cases, procedures per case, waits and minutes to 完了 per counter, and the characters not typed."""
    form = _form()
    periods, total = _summed(form)
    return render_template("counter/figures.html", form=form, view=figures_view(periods, total, catalog()),
                           csv_query=request.query_string.decode())


@require_role("supervisor")
def figures_download():
    """The same figures as CSV (counts and minutes only)."""
    periods, _ = _summed(_form())
    return file_response(figures_csv(periods).encode("utf-8"), "text/csv", "figures.csv", attachment=True)
