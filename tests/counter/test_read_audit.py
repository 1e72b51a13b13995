"""Every page that shows a resident's data adds one audit row per view (issue 15, row 5). The routes come from
app.url_map, so a new page that shows personal data without auditing it fails here."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from navi.domain.validation import parse_facts
from navi.records.cases import create_case_from_facts
from navi.records.corrections import correct
from navi.records.db import session_factory
from navi.records.models import AuditEntry
from tests.factories import default_catalog, example_facts, make_app

from .helpers import sign_in_as
from .test_route_roles import requests_of

# A name no page shows unless it shows this household's data (the catalog's own examples do not use it).
FAMILY, KANA = "漆原", "ウルシバラ"
# Query strings a page needs before it shows any case.
QUERIES = {"counter.search": f"?kana={KANA}", "counter.audit_log": ""}
# Pages that must be found showing the household (so the test cannot pass by finding none).
EXPECTED = {"counter.case_detail", "counter.correct", "counter.export_case",
            "counter.print_forms", "counter.print_form", "counter.print_slip", "counter.queue", "counter.queue_json",
            "counter.search", "counter.audit_log"}


@pytest.fixture(scope="module")
def read_app(tmp_path_factory):
    monkeypatch = pytest.MonkeyPatch()
    app = make_app(tmp_path_factory.mktemp("reads"), monkeypatch)
    facts = example_facts()
    facts["members"][0].update(family_name=FAMILY, family_name_kana=KANA)
    with session_factory(app.config["DATABASE_URL"])() as session:
        case = create_case_from_facts(session, parse_facts(facts, default_catalog()), default_catalog(), "clerk")
        # A correction, so the audit log shows values before and after (personal data too).
        correct(session, case, "members.m1.family_name", "漆原田", "本人の申出", "clerk", default_catalog())
        app.config["TEST_CASE_ID"] = case.id
    yield app
    monkeypatch.undo()


def audit_rows(app) -> int:
    with session_factory(app.config["DATABASE_URL"])() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry))


def shows_the_household(response) -> bool:
    if response.mimetype == "application/pdf":
        return True  # every PDF the counter serves is a case's forms or slip (compressed: no plain text to find)
    if response.mimetype == "application/json":
        return FAMILY in json.dumps(response.get_json(), ensure_ascii=False)
    return FAMILY.encode() in response.get_data()


def test_every_page_showing_a_residents_data_adds_one_audit_row_per_view(read_app):
    found, unaudited = set(), []
    for endpoint, method, url in requests_of(read_app):
        if method != "GET" or not endpoint.startswith(("counter.", "catalog_admin.")):
            continue
        client = read_app.test_client()
        sign_in_as(client, read_app, "admin")  # every role's pages
        before = audit_rows(read_app)
        response = client.get(url + QUERIES.get(endpoint, ""))
        added = audit_rows(read_app) - before
        if response.status_code == 200 and shows_the_household(response):
            found.add(endpoint)
            if added != 1:
                unaudited.append((endpoint, url, added))
    print(sorted(found))
    assert unaudited == []
    assert found >= EXPECTED
