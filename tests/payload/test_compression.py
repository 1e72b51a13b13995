"""DEFLATE with the preset dictionary, bounded inflation, and the pinned dictionary."""

from __future__ import annotations

import zlib

import pytest

from navi.payload import compression, dictionary
from navi.payload.errors import Damaged, TooLarge


def test_round_trip_and_the_dictionary_helps():
    text = "熊本県熊本市中央区花畑町1-1 コーポ花畑101 クマモト タロウ".encode()
    packed = compression.deflate(text, 1)
    assert compression.inflate(packed, 1) == text
    plain = zlib.compressobj(9, zlib.DEFLATED, -15)
    assert len(packed) < len(plain.compress(text) + plain.flush()) * 0.6


def test_a_decompression_bomb_stops_at_the_cap():
    bomb = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = bomb.compress(bytes(10_000_000)) + bomb.flush()
    assert len(data) < 20_000
    with pytest.raises(TooLarge):
        compression.inflate(data, 1)


def test_exactly_the_cap_is_allowed():
    data = compression.deflate(b"a" * compression.MAX_INFLATED, 1)
    assert len(compression.inflate(data, 1)) == compression.MAX_INFLATED
    with pytest.raises(TooLarge):
        compression.deflate(b"a" * (compression.MAX_INFLATED + 1), 1)


@pytest.mark.parametrize("mangle", [lambda d: d[:-2], lambda d: d + b"\x00", lambda d: b"\xff" + d[1:]])
def test_cut_padded_or_garbled_streams_are_damage(mangle):
    data = compression.deflate("熊本市中央区".encode() * 3, 1)
    with pytest.raises(Damaged):
        compression.inflate(mangle(data), 1)


def test_the_dictionary_is_pinned(tmp_path, monkeypatch):
    original = (dictionary._FOLDER / "dictionary_v1.txt").read_text(encoding="utf-8")
    assert "熊本市中央区" in dictionary.preset_dictionary(1).decode()
    (tmp_path / "dictionary_v1.txt").write_text(original + "新しい単語\n", encoding="utf-8")
    monkeypatch.setattr(dictionary, "_FOLDER", tmp_path)
    dictionary.preset_dictionary.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="new schema version"):
            dictionary.preset_dictionary(1)
    finally:
        monkeypatch.undo()
        dictionary.preset_dictionary.cache_clear()
    assert dictionary.preset_dictionary(1)
