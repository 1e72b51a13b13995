"""西暦9999-12-31 in the wizard, in a code and in a correction: a message, never a 500 (issue 15, row 7)."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from navi.domain import household_rules as rules
from navi.domain.facts import Facts
from navi.payload import codec, keys
from navi.records.db import engine_for
from navi.web.extensions import catalog_source
from tests.counter.helpers import post, sign_in_as
from tests.factories import codes_for, example_facts, make_app
from tests.wizard.journeys import FAMILY_MOVING_IN, errors, walk

FAR = {"date_era": "seireki", "date_year": "9999", "date_month": "12", "date_day": "31"}


@pytest.fixture
def counter_app(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, TESTING=False, PROPAGATE_EXCEPTIONS=False)
    yield app
    engine_for(app.config["DATABASE_URL"]).dispose()


def test_the_wizard_answers_a_far_future_event_date_with_a_message(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, WTF_CSRF_ENABLED=False, TESTING=False, PROPAGATE_EXCEPTIONS=False)
    journey = copy.deepcopy(FAMILY_MOVING_IN)
    journey.answers["date"] = FAR
    with pytest.raises(AssertionError) as stopped:
        walk(app.test_client(), journey)
    location, shown = stopped.value.args[0]
    print(location, shown)
    # The shared household rules' window (navi.domain.household_rules), worded on the page where the date is typed.
    (problem,) = rules.event_date_problems(dt.date(9999, 12, 31), dt.date.today())
    earliest, latest = problem.params["earliest"], problem.params["latest"]
    assert location == "/step/date" and shown == [f"日付を確認してください（{earliest} から {latest} までの日付です）"]
    engine_for(app.config["DATABASE_URL"]).dispose()


def test_a_code_with_a_far_future_date_is_refused_with_its_page(counter_app):
    client = counter_app.test_client()
    sign_in_as(client, counter_app, "clerk")
    facts = example_facts()
    facts["event_date"] = "9999-12-31"
    facts["members"][0]["birth_date"] = "9999-12-31"
    # Made as a forger would, with the public key and without the kiosk's validation.
    catalog = catalog_source(counter_app).running
    recipient = keys.current_recipient(Path(counter_app.config["KEYS_DIR"]))
    digits = codec.make_codes(Facts.model_validate(facts), catalog, recipient)[0]
    response = post(client, "/counter/scan", {"digits": digits})
    print(response.status_code, response.location)
    assert response.status_code == 422 and "QRコードの内容に不備があります" in response.get_data(as_text=True)


@pytest.mark.parametrize("field", ["event_date", "members.m1.birth_date"])
def test_a_correction_to_9999_12_31_is_answered_beside_the_field(counter_app, field):
    client = counter_app.test_client()
    sign_in_as(client, counter_app, "clerk")
    case_path = post(client, "/counter/scan", {"digits": codes_for(counter_app)[0]}).location
    page = post(client, f"{case_path}/correct/{field}", {"value": "9999-12-31", "reason": "誤記"})
    html = page.get_data(as_text=True)
    print(page.status_code, errors(html))
    assert page.status_code in (200, 422) and errors(html)
