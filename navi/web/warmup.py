"""Work every app process would do on its first requests, done once before gunicorn forks its workers.

With `--preload` the workers share what the master made: each of them otherwise compiled every template,
parsed the PDF font, imported the holiday tables and read the message catalogs on its own (about 0.3 s of CPU
a worker, paid again at each restart, and taken from the residents' first pages).
"""

from __future__ import annotations

import datetime as dt

from flask import Flask

from navi.pdf import fonts
from navi.text.languages import translations
from navi.web.extensions import catalog_source


def warm(app: Flask) -> None:
    """Compile the templates, load the font, holidays and translations of this app."""
    for name in app.jinja_env.list_templates(extensions=["html"]):
        app.jinja_env.get_template(name)
    fonts.font()
    today = dt.date.today()
    calendar = catalog_source(app).running.calendar
    for year in (today.year, today.year + 1):  # the planner looks ahead across New Year
        calendar.is_holiday(dt.date(year, 1, 1))
    for language in app.config["LANGUAGES"]:
        translations(language)
