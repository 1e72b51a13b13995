"""A kiosk holds only the counter's public key: it makes codes, cannot read them, and serves no counter pages."""

import re

import pytest

from navi import create_app
from navi.instance.prepare import prepare_instance
from navi.payload import codec, keys
from navi.payload.errors import PayloadError
from tests.wizard.journeys import FAMILY_MOVING_IN, walk


@pytest.fixture
def kiosk(tmp_path, monkeypatch):
    counter_keys = tmp_path / "counter-keys"
    keys.generate(counter_keys)
    kiosk_keys = tmp_path / "kiosk" / "keys"
    kiosk_keys.mkdir(parents=True)
    (kiosk_keys / "public.json").write_text(keys.export_public(counter_keys), encoding="utf-8")
    monkeypatch.setenv("NAVI_INSTANCE", str(tmp_path / "kiosk"))
    app = create_app({"SECRET_KEY": "k", "WTF_CSRF_ENABLED": False, "NAVI_ROLE": "kiosk"})
    prepare_instance(app)
    return app, counter_keys


def test_kiosk_makes_a_code_only_the_counter_can_open(kiosk, catalog):
    app, counter_keys = kiosk
    client = app.test_client()
    walk(client, FAMILY_MOVING_IN)
    html = client.get("/result").get_data(as_text=True)
    assert re.search(r'<img src="data:image/png;base64,', html)
    # Nothing private on the kiosk: its keys folder has only the public file, and its keyring is empty.
    assert sorted(p.name for p in app.config["KEYS_DIR"].iterdir()) == ["public.json"]
    assert keys.list_keys(app.config["KEYS_DIR"]) == []
    facts_codes = codec.make_codes(_facts(catalog), catalog, keys.load_public(app.config["KEYS_DIR"] / "public.json"))
    policy = codec.Policy.from_settings(app.config)
    with pytest.raises(PayloadError) as error:
        codec.read_codes(facts_codes, keys.load_keyring(app.config["KEYS_DIR"]), {catalog.version: catalog}, policy)
    assert error.value.code == "unknown_key"
    opened = codec.read_codes(facts_codes, keys.load_keyring(counter_keys), {catalog.version: catalog}, policy)
    assert opened.facts.members[0].family_name == "熊本"


def test_kiosk_serves_no_counter_pages(kiosk):
    app, _ = kiosk
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    assert not any(rule.startswith(("/counter", "/staff", "/admin")) for rule in rules)


def _facts(catalog):
    from navi.domain.validation import parse_facts

    return parse_facts(catalog.households["family4_employee"], catalog)
