"""The supervisor's side of the catalog (counter role): the draft editor, review and publishing, versions,
catalog files and kiosk bundles; its URL table."""

from flask import Blueprint

from navi.catalog_admin import labels, presenters, publish_views, views
from navi.catalog_admin.views import KIND
from navi.domain.catalog import condition_rows
from navi.web import staff_auth
from navi.web.urls import add_urls

bp = Blueprint("catalog_admin", __name__, url_prefix="/counter/catalog")
bp.before_request(staff_auth.load_staff)
bp.context_processor(staff_auth.staff_context)


@bp.context_processor
def _editor_context() -> dict:
    return {"kind_labels": labels.KIND_LABELS, "fact_label": labels.fact_label, "value_label": labels.value_label,
            "value_text": condition_rows.text, "operator_labels": labels.OPERATOR_LABELS,
            "group_labels": labels.GROUP_LABELS, "operators": condition_rows.OPERATORS,
            "count_operators": condition_rows.COUNT_OPERATORS, "section_labels": labels.SECTION_LABELS,
            "change_labels": labels.CHANGE_LABELS, "path_label": presenters.path_label,
            "example_words": presenters.example_words}


URLS = (
    (f"/{KIND}/", views.items, ["GET"]),
    (f"/{KIND}/new", views.new_item, ["GET", "POST"]),
    (f"/{KIND}/<item_id>", views.edit_item, ["GET", "POST"]),
    (f"/{KIND}/<item_id>/delete", views.delete_item, ["GET", "POST"]),
    ("/forms/<form_id>/preview.png", views.form_preview, ["GET"]),
    ("/", publish_views.index, ["GET"]),
    ("/review", publish_views.review, ["GET"]),
    ("/publish", publish_views.publish, ["POST"]),
    ("/discard", publish_views.discard, ["POST"]),
    ("/publications/<int:publication_id>/restore", publish_views.restore, ["POST"]),
    ("/export.zip", publish_views.export_zip, ["GET"]),
    ("/import", publish_views.import_zip, ["POST"]),
    ("/bundle", publish_views.bundle, ["GET"]),

)
add_urls(bp, URLS)
