"""Every staff page keeps the page invariants (tests/pages.py), fetched through `client_request`: every page
of the counter and the catalog editor the URL map has (each editor section too), and the error pages. The
resident's pages: tests/wizard/test_html_invariants.py."""

from __future__ import annotations

from tests.counter.helpers import sign_in_as
from tests.factories import add_example_case, example_facts, url_values
from tests.pages import ClientRequest, page_problems

STAFF_BLUEPRINTS = ("counter", "catalog_admin")
# Staff routes that answer with something other than an HTML page (files, JSON, a redirect).
NOT_PAGES = {"counter.home", "counter.assisted", "counter.queue_json", "counter.export_case", "counter.print_forms",
             "counter.print_form", "counter.print_slip", "catalog_admin.form_preview", "catalog_admin.export_zip",
             "catalog_admin.bundle"}
SECTIONS = {"events": "moving_in", "questions": "inkan_registration", "procedures": "tennyu_todoke",
            "counters": "kumin", "offices": "chuo", "documents": "residence_card", "forms": "jumin_idou"}


def staff_pages(app) -> dict[str, list[str]]:
    """Endpoint → the URLs of every GET page of the staff blueprints (each catalog section and one item)."""
    values = url_values(app)
    pages: dict[str, list[str]] = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] not in STAFF_BLUEPRINTS or "GET" not in rule.methods:
            continue
        if rule.endpoint in NOT_PAGES:
            continue
        if "section" in rule.arguments:
            choices = [{**values, "section": section, "item_id": item} for section, item in SECTIONS.items()]
        else:
            choices = [values]
        pages[rule.endpoint] = [rule.build({k: v[k] for k in rule.arguments})[1] for v in choices]
    return pages


def test_every_staff_page_keeps_the_invariants(app):
    # The family has answered a question, so the case page shows answers too.
    app.config["TEST_CASE_ID"] = add_example_case(app, {**example_facts(), "answers": {"inkan_registration": True}})
    client = app.test_client()
    sign_in_as(client, app, "admin")
    checked = ClientRequest(client)
    pages = staff_pages(app)
    for urls in pages.values():
        for url in urls:
            checked.get(url)
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.split(".")[0] in STAFF_BLUEPRINTS
                 and "GET" in rule.methods}
    assert set(pages) == endpoints - NOT_PAGES  # a new page is checked as soon as it has a route
    assert len(checked.pages) >= 30
    print(f"{len(checked.pages)} staff pages checked")


def test_the_sign_in_page_and_the_error_pages_keep_the_invariants(app, client_request):
    client_request.get("/counter/login")
    client_request.get("/no-such-page", expected_status=404)
    client_request.get("/counter/no-such-page", expected_status=404)
    sign_in_as(client_request.client, app, "clerk")
    client_request.get("/counter/cases/999999", expected_status=404)
    client_request.get("/counter/audit", expected_status=403)


def test_the_invariants_catch_what_they_forbid():
    page = ('<html lang="ja"><body><h1>a</h1><h1>b</h1><input id="x" name="x"><p>inkan_registration</p>'
            '<code>kokuho_join</code></body></html>')
    problems = page_problems(page, "ja")
    assert "2 <h1> elements" in problems
    assert any(p.startswith("control without a label") for p in problems)
    assert "raw identifier in the text: inkan_registration" in problems
    assert not any("kokuho_join" in p for p in problems)
    linked = '<html lang="ja"><body><h1>a</h1><p>根拠: https://example.invalid/kiji?c_id=5</p></body></html>'
    assert page_problems(linked, "ja") == []
    assert page_problems('<html><body><h1>a</h1></body></html>') == ['<html lang="None">, expected a language']
