"""The resident wizard (kiosk role): life event → household → questions → check → result."""

from flask import Blueprint

bp = Blueprint("wizard", __name__)

from navi.wizard import slip, views  # noqa: E402,F401  (registers the routes)
