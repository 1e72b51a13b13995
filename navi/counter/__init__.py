"""The clerk screen (counter role): staff sign-in, scanning, case records and counter queues; its URL table."""

from flask import Blueprint

from navi.counter import admin_views, board_views, figures_views, views
from navi.web import staff_auth
from navi.web.urls import add_urls

bp = Blueprint("counter", __name__, url_prefix="/counter")
bp.before_request(staff_auth.load_staff)
bp.context_processor(staff_auth.staff_context)

URLS = (
    ("/login", views.login, ["GET", "POST"]),
    ("/logout", views.logout, ["POST"]),
    ("/password", views.change_password, ["GET", "POST"]),
    ("/", views.home, ["GET"]),
    ("/scan", views.scan, ["GET"]),
    ("/scan", views.scan_submit, ["POST"]),
    ("/scan/picture", views.scan_picture, ["POST"]),
    ("/scan/reset", views.scan_reset, ["POST"]),
    ("/assisted", views.assisted, ["GET"]),
    ("/search", views.search, ["GET"]),
    ("/cases/<int:case_id>", views.case_detail, ["GET"]),
    ("/cases/<int:case_id>/procedures/<procedure_id>", views.set_status, ["POST"]),
    ("/cases/<int:case_id>/correct/<field>", views.correct, ["GET", "POST"]),
    ("/cases/<int:case_id>/print", views.print_case, ["GET"]),
    ("/cases/<int:case_id>/export.<any(json, csv):kind>", views.export_case, ["GET"]),
    ("/queues", views.queues, ["GET"]),
    ("/queues/<counter_id>", views.queue, ["GET"]),
    ("/queues/<counter_id>/items.json", views.queue_json, ["GET"]),
    ("/queues/<counter_id>/call", board_views.call, ["POST"]),
    ("/queues/<counter_id>/absent", board_views.absent, ["POST"]),
    # The lobby display: numbers only, shown without signing in.
    ("/board/<office_id>", board_views.board, ["GET"]),
    ("/board/<office_id>.json", board_views.board_json, ["GET"]),
    ("/figures", figures_views.figures_page, ["GET"]),
    ("/figures.csv", figures_views.figures_download, ["GET"]),
    ("/cases/<int:case_id>/forms.pdf", views.print_forms, ["GET"]),
    ("/cases/<int:case_id>/forms/<form_id>.pdf", views.print_form, ["GET"]),
    ("/cases/<int:case_id>/slip.pdf", views.print_slip, ["GET"]),
    ("/audit", admin_views.audit_log, ["GET"]),
    ("/staff", admin_views.staff_list, ["GET"]),
    ("/staff/<int:user_id>/unlock", admin_views.staff_unlock, ["POST"]),
    ("/staff/<int:user_id>/password", admin_views.staff_set_password, ["POST"]),
    ("/staff/<int:user_id>/deactivate", admin_views.staff_deactivate, ["POST"]),
    ("/staff/<int:user_id>/activate", admin_views.staff_activate, ["POST"]),

)
add_urls(bp, URLS)
