"""Every route of the app against every role: built from app.url_map, so a new route needs an entry here."""

from __future__ import annotations

import pytest

from navi.records.db import session_factory
from navi.records.staff import create_staff
from tests.factories import PASSWORD, add_example_case, make_app, url_values

from .helpers import csrf_token, sign_in_as

PUBLIC = "public"
RANK = {PUBLIC: 0, "clerk": 1, "supervisor": 2, "admin": 3}
# The lowest role each endpoint lets through (each role includes the ones before it).
REQUIRED = {
    "static": PUBLIC,
    "counter.login": PUBLIC,
    "counter.logout": "clerk",
    "counter.home": "clerk",
    "counter.scan": "clerk",
    "counter.scan_submit": "clerk",
    "counter.scan_picture": "clerk",
    "counter.scan_reset": "clerk",
    "counter.assisted": "clerk",
    "counter.search": "clerk",
    "counter.case_detail": "clerk",
    "counter.set_status": "clerk",
    "counter.correct": "clerk",
    "counter.print_case": "clerk",
    "counter.print_forms": "clerk",
    "counter.print_form": "clerk",
    "counter.print_slip": "clerk",
    "counter.export_case": "clerk",
    "counter.queues": "clerk",
    "counter.queue": "clerk",
    "counter.queue_json": "clerk",
    "counter.call": "clerk",
    "counter.absent": "clerk",
    # The lobby's waiting board shows receipt numbers and counts only: no sign-in on the lobby display.
    "counter.board": PUBLIC,
    "counter.board_json": PUBLIC,
    "counter.figures_page": "supervisor",
    "counter.figures_download": "supervisor",
    "counter.audit_log": "supervisor",
    "counter.staff_list": "admin",
    "counter.change_password": "clerk",
    "counter.staff_unlock": "admin",
    "counter.staff_set_password": "admin",
    "counter.staff_deactivate": "admin",
    "counter.staff_activate": "admin",
    # The catalog editor: supervisors (and admins) only.
    "catalog_admin.index": "supervisor",
    "catalog_admin.items": "supervisor",
    "catalog_admin.new_item": "supervisor",
    "catalog_admin.edit_item": "supervisor",
    "catalog_admin.delete_item": "supervisor",
    "catalog_admin.form_preview": "supervisor",
    "catalog_admin.review": "supervisor",
    "catalog_admin.publish": "supervisor",
    "catalog_admin.discard": "supervisor",
    "catalog_admin.restore": "supervisor",
    "catalog_admin.export_zip": "supervisor",
    "catalog_admin.import_zip": "supervisor",
    "catalog_admin.bundle": "supervisor",
    # The resident's wizard (kiosk role): anyone in the lobby may use it, page by page.
    "wizard.start": PUBLIC,
    "wizard.begin": PUBLIC,
    "wizard.step": PUBLIC,
    "wizard.check": PUBLIC,
    "wizard.result": PUBLIC,
    "wizard.result_slip": PUBLIC,
    "wizard.keepalive": PUBLIC,
    "wizard.finish": PUBLIC,
}
CLIENT_ROLES = (None, "clerk", "supervisor", "admin")


@pytest.fixture(scope="module")
def matrix_app(tmp_path_factory):
    """One app for the whole matrix, with a case to address."""
    monkeypatch = pytest.MonkeyPatch()
    app = make_app(tmp_path_factory.mktemp("matrix"), monkeypatch)
    app.config["TEST_CASE_ID"] = add_example_case(app)
    # The account the staff routes act on: deactivating one of the signed-in roles would end its sessions.
    with session_factory(app.config["DATABASE_URL"])() as session:
        app.config["TEST_TARGET_USER_ID"] = create_staff(session, "target", PASSWORD, "clerk").id
    yield app
    monkeypatch.undo()


def required_role(endpoint: str) -> str:
    """The entry for an endpoint; a route nobody listed fails here."""
    assert endpoint in REQUIRED, f"route {endpoint} has no entry in REQUIRED: say which roles may use it"
    return REQUIRED[endpoint]


def requests_of(app) -> list[tuple[str, str, str]]:
    """(endpoint, method, url) for every rule and method of the app."""
    values = url_values(app)
    found = []
    for rule in app.url_map.iter_rules():
        missing = rule.arguments - values.keys()
        assert not missing, f"no sample value for {sorted(missing)} of {rule.rule}"
        url = rule.build({k: values[k] for k in rule.arguments})[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((rule.endpoint, method, url))
    return found


def unlisted_routes(app) -> list[str]:
    """Endpoints the app serves (static files and the wizard too) that REQUIRED says nothing about."""
    return sorted({endpoint for endpoint, _, _ in requests_of(app)} - REQUIRED.keys())


def test_the_matrix_covers_every_route_of_the_app(matrix_app):
    endpoints = {endpoint for endpoint, _, _ in requests_of(matrix_app)}
    assert unlisted_routes(matrix_app) == []
    assert set(REQUIRED) <= endpoints, f"entries for routes that no longer exist: {set(REQUIRED) - endpoints}"
    assert {"static", "wizard.step", "counter.scan"} <= endpoints


def test_a_new_route_without_an_entry_is_caught(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch)
    app.config["TEST_CASE_ID"] = 1
    app.add_url_rule("/step/<step_id>/undo", "wizard.undo", lambda step_id: "", methods=["POST"])
    assert unlisted_routes(app) == ["wizard.undo"]


def test_only_the_intended_roles_get_through(matrix_app):
    outcomes = []
    for endpoint, method, url in requests_of(matrix_app):
        needed = required_role(endpoint)
        for role in CLIENT_ROLES:
            client = matrix_app.test_client()
            if role:
                sign_in_as(client, matrix_app, role)
            data = {"csrf_token": csrf_token(client)} if method == "POST" else None
            response = client.open(url, method=method, data=data)
            response.close()
            allowed = RANK[role or PUBLIC] >= RANK[needed]
            outcomes.append((endpoint, method, role, response.status_code, allowed))
            location = response.location or ""
            sent_to_sign_in = response.status_code == 401 or (
                location.startswith("/counter/login") and ("required=1" in location or "expired=1" in location))
            context = f"{method} {url} as {role or 'anonymous'} → {response.status_code} {response.location or ''}"
            if allowed:
                assert response.status_code < 500, context
                assert response.status_code != 403 and not sent_to_sign_in, context
            elif role is None:
                assert sent_to_sign_in, context
            else:
                assert response.status_code == 403, context
    print(f"{len(outcomes)} requests; refused: "
          f"{sorted({(e, m, r or 'anonymous') for e, m, r, _, ok in outcomes if not ok})[:6]} …")


def test_each_role_serves_only_its_own_blueprints(tmp_path, monkeypatch):
    kiosk = make_app(tmp_path / "kiosk", monkeypatch, NAVI_ROLE="kiosk")
    counter = make_app(tmp_path / "counter", monkeypatch, NAVI_ROLE="counter")
    assert not any(r.endpoint.startswith("counter.") for r in kiosk.url_map.iter_rules())
    assert not any(r.endpoint.startswith("wizard.") for r in counter.url_map.iter_rules())
    assert counter.test_client().get("/counter/scan").status_code == 302
    assert kiosk.test_client().get("/counter/scan").status_code == 404
