"""Template helpers shared by every screen (registered as Jinja globals by the app factory): the error summary,
and the one formatter of dates and times, which shows them in the office's time zone."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import format_date as babel_format_date

from navi.domain.dates import format_wareki, format_wareki_weekday
from navi.text.languages import AUTONYMS, html_lang, uses_era
from navi.web.i18n import current_lang


def form_errors(form: Any) -> list[tuple[str, str]]:
    """(field id, first message) for every field with an error, in form order, for the error summary."""
    found = []
    for field in form:
        if field.errors and field.type != "CSRFTokenField":
            found.append((field.id, str(field.errors[0])))
    return found


def format_date(value: str | dt.date | None, *, weekday: bool = False) -> str:
    """A date for people: 和暦 in Japanese (令和9年4月15日, with `weekday` 令和10年1月4日（火）), the locale's long
    (or, with the weekday, full) form otherwise."""
    if not value:
        return ""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    if uses_era(current_lang()):
        return format_wareki_weekday(day) if weekday else format_wareki(day)
    return babel_format_date(day, "full" if weekday else "long")


def format_due_date(value: str | dt.date | None) -> str:
    """A deadline with its weekday: 令和10年1月4日（火） in Japanese, "Tuesday, January 4, 2028" otherwise."""
    return format_date(value, weekday=True)


def office_zone() -> ZoneInfo:
    """The office's time zone (OFFICE_TIMEZONE), whatever the host's TZ says."""
    return ZoneInfo(current_app.config["OFFICE_TIMEZONE"])


def office_time(value: dt.datetime) -> dt.datetime:
    """A stored moment (UTC, with or without tzinfo) as the office's local time."""
    moment = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return moment.astimezone(office_zone())


def format_datetime(value: dt.datetime | None, pattern: str = "%Y-%m-%d %H:%M") -> str:
    """A stored moment as the office's local time, for staff screens (audit log, versions, queues)."""
    return office_time(value).strftime(pattern) if value else ""


def office_today() -> dt.date:
    """Today in the office (the date printed on forms as 届出日)."""
    return dt.datetime.now(office_zone()).date()


def languages() -> list[tuple[str, str]]:
    """The configured languages as (code, name in itself), for the resident's language switch."""
    return [(code, AUTONYMS.get(code, code)) for code in current_app.config["LANGUAGES"]]


def register(app) -> None:
    """Make the helpers available in every template."""
    app.jinja_env.globals.update(form_errors=form_errors, format_date=format_date, format_due_date=format_due_date,
                                  format_datetime=format_datetime, html_lang=html_lang, languages=languages)
