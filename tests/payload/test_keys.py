"""Counter keys on disk, the kiosk's public-key file, and what a kiosk can and cannot do with it."""

from __future__ import annotations

import base64
import json
import stat

import pytest
from cryptography.hazmat.primitives import serialization

from navi.payload import codec, keys
from navi.payload.errors import UnknownKey
from tests import factories

from .conftest import NOW, POLICY


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_generate_writes_an_owner_only_key_once(tmp_path):
    folder = tmp_path / "keys"
    info = keys.generate(folder)
    assert (info.key_id, info.role, info.path.name) == (1, "current", "current-001.pem")
    assert mode(info.path) == 0o600
    assert mode(folder) == 0o700
    with pytest.raises(keys.KeysError, match="rotate"):
        keys.generate(folder)


def test_rotate_keeps_exactly_the_current_and_previous_keys(tmp_path):
    folder = tmp_path / "keys"
    first = keys.generate(folder)
    second = keys.rotate(folder)
    third = keys.rotate(folder)
    listed = keys.list_keys(folder)
    assert [(k.key_id, k.role) for k in listed] == [(3, "current"), (2, "previous")]
    assert [k.fingerprint for k in listed] == [third.fingerprint, second.fingerprint]
    assert first.fingerprint not in {k.fingerprint for k in listed}
    assert sorted(p.name for p in folder.iterdir()) == ["current-003.pem", "previous-002.pem"]
    assert all(mode(p) == 0o600 for p in folder.iterdir())


def test_a_crashed_rotation_is_finished_by_the_next_one(tmp_path):
    folder = tmp_path / "keys"
    keys.generate(folder)
    (folder / "pending-002.pem").write_text("half-written", encoding="utf-8")
    assert keys.rotate(folder).key_id == 2
    assert sorted(p.name for p in folder.iterdir()) == ["current-002.pem", "previous-001.pem"]


def test_a_key_readable_by_others_is_refused(tmp_path):
    folder = tmp_path / "keys"
    info = keys.generate(folder)
    info.path.chmod(0o640)
    with pytest.raises(keys.KeysError, match="chmod 600"):
        keys.load_keyring(folder)


def test_the_public_key_file_holds_no_private_material(tmp_path):
    folder = tmp_path / "keys"
    info = keys.generate(folder)
    text = keys.export_public(folder)
    data = json.loads(text)
    assert set(data) == {"format", "key_id", "kem", "public_key"}
    assert data["key_id"] == info.key_id
    private = keys.load_keyring(folder).private_key(info.key_id)
    raw = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    for form in (raw.hex(), base64.b64encode(raw).decode(), base64.urlsafe_b64encode(raw).decode().rstrip("=")):
        assert form not in text
    assert "PRIVATE" not in text


def test_a_kiosk_with_only_the_public_key_makes_codes_it_cannot_read(tmp_path, catalog, facts_of):
    counter = tmp_path / "counter" / "keys"
    keys.generate(counter)
    kiosk = tmp_path / "kiosk" / "keys"
    kiosk.mkdir(parents=True)
    (kiosk / "public.json").write_text(keys.export_public(counter), encoding="utf-8")

    recipient = keys.load_public(kiosk / "public.json")
    facts = facts_of(factories.household(3))
    codes = codec.make_codes(facts, catalog, recipient, now=NOW)

    kiosk_ring = keys.load_keyring(kiosk)
    assert kiosk_ring.private_keys == {}
    with pytest.raises(UnknownKey):
        codec.read_codes(codes, kiosk_ring, {catalog.version: catalog}, POLICY, now=NOW)
    counter_ring = keys.load_keyring(counter)
    assert codec.read_codes(codes, counter_ring, {catalog.version: catalog}, POLICY, now=NOW).facts == facts


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        "[]",
        '{"format": "something else", "kem": "X25519", "key_id": 1, "public_key": "AAAA"}',
        '{"format": "todokede-navi/qr-public-key/1", "kem": "X25519", "key_id": 1, "public_key": "AAAA"}',
        '{"format": "todokede-navi/qr-public-key/1", "kem": "X25519", "key_id": 300, "public_key": "AAAA"}',
        '{"format": "todokede-navi/qr-public-key/1", "kem": "X25519", "key_id": true, "public_key": "AAAA"}',
    ],
)
def test_a_bad_public_key_file_is_refused_clearly(tmp_path, content):
    path = tmp_path / "public.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(keys.KeysError, match=r"public\.json"):
        keys.load_public(path)


def test_no_current_key_is_explained(tmp_path):
    with pytest.raises(keys.KeysError, match="keys generate"):
        keys.current_recipient(tmp_path)
