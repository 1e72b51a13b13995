"""The clerk screen (counter role): staff sign-in, scanning, case records and counter queues."""

from flask import Blueprint

bp = Blueprint("counter", __name__, url_prefix="/counter")

from navi.counter import admin_views, case_views, pages, print_views, views  # noqa: E402,F401  (registers the routes)
