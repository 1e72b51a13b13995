"""The supervisor's side of the catalog (counter role): the draft editor, review and publishing, versions,
catalog files and kiosk bundles."""

from flask import Blueprint, g
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError

from navi.catalog_admin.labels import KIND_LABELS, NOT_FOUND
from navi.counter import pages
from navi.counter.labels import ROLE_LABELS
from navi.web import staff_auth

bp = Blueprint("catalog_admin", __name__, url_prefix="/counter/catalog")
bp.before_request(staff_auth.load_staff)


@bp.context_processor
def _editor_context() -> dict:
    from navi.catalog_admin import labels
    from navi.domain.catalog import condition_rows

    return {"staff_user": g.get("staff"), "role_labels": ROLE_LABELS, "kind_labels": KIND_LABELS,
            "fact_label": labels.fact_label, "value_label": labels.value_label, "value_text": condition_rows.text,
            "operator_labels": labels.OPERATOR_LABELS, "group_labels": labels.GROUP_LABELS,
            "operators": condition_rows.OPERATORS, "count_operators": condition_rows.COUNT_OPERATORS,
            "section_labels": labels.SECTION_LABELS, "change_labels": labels.CHANGE_LABELS}


# The clerk screen's pages for an expired form, a refused role and a database outage serve here too.
for _error, _handler in ((CSRFError, pages._form_expired), (403, pages._forbidden),
                         (OperationalError, pages._database_unavailable)):
    bp.register_error_handler(_error, _handler)


@bp.errorhandler(404)
def _not_found(_error):
    return pages.problem(*NOT_FOUND, 404)


from navi.catalog_admin import publish_views, views  # noqa: E402,F401  (registers the routes)
