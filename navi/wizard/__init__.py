"""The resident wizard (kiosk role): life event → household → questions → check → result; its URL table."""

from flask import Blueprint

from navi.web.urls import add_urls
from navi.wizard import views

bp = Blueprint("wizard", __name__)
bp.context_processor(views.idle_settings)

URLS = (
    ("/", views.start, ["GET"]),
    ("/begin", views.begin, ["POST"]),
    ("/step/<step_id>", views.step, ["GET", "POST"]),
    ("/check", views.check, ["GET", "POST"]),
    ("/result", views.result, ["GET"]),
    ("/keepalive", views.keepalive, ["POST"]),
    ("/finish", views.finish, ["POST"]),
    ("/result/slip.pdf", views.result_slip, ["GET"]),

)
add_urls(bp, URLS)
