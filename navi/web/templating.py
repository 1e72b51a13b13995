"""Template helpers shared by every screen (registered as Jinja globals by the app factory)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_babel import format_date as babel_format_date
from flask_babel import get_locale

from navi.domain.dates import format_wareki, format_wareki_weekday


def form_errors(form: Any) -> list[tuple[str, str]]:
    """(field id, first message) for every field with an error, in form order, for the error summary."""
    found = []
    for field in form:
        if field.errors and field.type != "CSRFTokenField":
            found.append((field.id, str(field.errors[0])))
    return found


def format_date(value: str | dt.date | None) -> str:
    """A date for people: 和暦 in Japanese (令和9年4月15日), the locale's long form otherwise."""
    if not value:
        return ""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    if str(get_locale() or "ja").startswith("ja"):
        return format_wareki(day)
    return babel_format_date(day, "long")


def format_due_date(value: str | dt.date | None) -> str:
    """A deadline with its weekday: 令和10年1月4日（火） in Japanese, "Tuesday, January 4, 2028" otherwise."""
    if not value:
        return ""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    if str(get_locale() or "ja").startswith("ja"):
        return format_wareki_weekday(day)
    return babel_format_date(day, "full")


def register(app) -> None:
    """Make the helpers available in every template."""
    app.jinja_env.globals.update(form_errors=form_errors, format_date=format_date,
                                  format_due_date=format_due_date)
