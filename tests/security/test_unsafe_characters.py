"""Direction overrides, zero-width and control characters are refused with a message where people type
names and free text, and rejected in decoded codes (issue 15, row 12)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from navi.domain.normalize import unsafe_characters
from navi.domain.validation import parse_facts
from navi.payload import codec, keys
from navi.records.db import engine_for
from navi.web.extensions import catalog_source
from tests.counter.helpers import post, sign_in_as
from tests.factories import codes_for, example_facts, make_app
from tests.wizard.journeys import FAMILY_MOVING_IN, errors, walk

HOSTILE = ["\u202eevil\u202c", "太\u200b郎", "NUL\x00", "ESC\x1b[2J", "two\r\nlines", "\u2066iso\u2069", "\ufeffbom"]


@pytest.mark.parametrize("text", HOSTILE)
def test_the_rule_finds_every_kind(text):
    assert unsafe_characters(text)


def test_ordinary_japanese_and_line_breaks_in_free_text_pass():
    assert unsafe_characters("熊本　太郎 クマモト・タロウ 1-2-3 コーポ花畑101") == []
    assert unsafe_characters("一行目\r\n二行目\tタブ", multiline=True) == []
    assert unsafe_characters("一行目\n二行目") == ["U+000A"]


@pytest.fixture
def counter_app(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, TESTING=False, PROPAGATE_EXCEPTIONS=False)
    yield app
    engine_for(app.config["DATABASE_URL"]).dispose()


@pytest.mark.parametrize("text", ["\u202eevil\u202c", "ESC\x1b[2J"])
def test_the_wizard_refuses_a_name_with_a_message(tmp_path, monkeypatch, text):
    app = make_app(tmp_path, monkeypatch, WTF_CSRF_ENABLED=False)
    journey = copy.deepcopy(FAMILY_MOVING_IN)
    journey.people[0] = (journey.people[0][0], text, *journey.people[0][2:])
    with pytest.raises(AssertionError) as stopped:
        walk(app.test_client(), journey)
    location, shown = stopped.value.args[0]
    assert location == "/step/person-0" and any("使えない文字" in message for message in shown)
    engine_for(app.config["DATABASE_URL"]).dispose()


def test_a_code_carrying_a_direction_override_is_rejected(counter_app):
    client = counter_app.test_client()
    sign_in_as(client, counter_app, "clerk")
    catalog = catalog_source(counter_app).running
    facts = parse_facts(example_facts(), catalog)
    # A forger's code: the fields changed after validation, as the public key lets anyone do.
    forged = facts.model_copy(update={"members": [facts.members[0].model_copy(update={"given_name": "\u202eevil"}),
                                                  *facts.members[1:]]})
    digits = codec.make_codes(forged, catalog, keys.current_recipient(Path(counter_app.config["KEYS_DIR"])))[0]
    response = post(client, "/counter/scan", {"digits": digits})
    assert response.status_code == 422 and "QRコードの内容に不備があります" in response.get_data(as_text=True)


@pytest.mark.parametrize(("field", "text"), [("members.m1.given_name", "\u202eevil\u202c"),
                                             ("members.m1.family_name", "熊本\x00")])
def test_a_correction_with_a_hidden_character_is_refused_beside_the_field(counter_app, field, text):
    client = counter_app.test_client()
    sign_in_as(client, counter_app, "clerk")
    case_path = post(client, "/counter/scan", {"digits": codes_for(counter_app)[0]}).location
    page = post(client, f"{case_path}/correct/{field}", {"value": text, "reason": "誤記"})
    assert page.status_code in (200, 422)  # the form again, as for any invalid correction
    assert any("使えない文字" in message for message in errors(page.get_data(as_text=True)))
    assert "\u202e" not in client.get(case_path).get_data(as_text=True)
