"""Fuzzing the reader: whatever arrives, only the codec's own error types may escape.

Inputs reach every layer: raw scanner text, digit strings shaped like frames, real codes with
edits, and validly encrypted messages whose insides are random, so inflate, the layout reader and
parse_facts see hostile data too (anyone holding the public key can make such a code).
"""

from __future__ import annotations

import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navi.domain.validation import parse_facts
from navi.payload import codec, digits, envelope, layout, parts
from navi.payload.dictionary import preset_dictionary
from navi.payload.errors import PayloadError
from tests import factories

from .conftest import NOW


@pytest.fixture(scope="module")
def material(catalog, recipient, make):
    """A real code (single and split) and a real layout to mutate."""
    facts = parse_facts(factories.family_of_four(), catalog)
    return {
        "single": make(factories.family_of_four())[0],
        "split": make(factories.oversized_household()),
        "layout": layout.pack(facts, catalog.version, layout.question_ids(catalog)),
    }


def _seal(plaintext: bytes, recipient, compress: bool) -> list[str]:
    if compress:
        packer = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, preset_dictionary(1))
        plaintext = packer.compress(plaintext) + packer.flush()
    header = envelope.Header(codec.FORMAT_VERSION, recipient.key_id, NOW)
    return parts.frame(digits.to_digits(envelope.seal(plaintext, header, recipient.public_key)), 10**6)


def _edit(text: str, position: int, kind: int, digit: str) -> str:
    position %= len(text) + 1
    return [
        text[:position] + digit + text[position + 1 :],  # replace
        text[:position] + digit + text[position:],  # insert
        text[:position] + text[position + 1 :],  # delete
        text[:position],  # truncate
    ][kind]


def _mutate_bytes(data: bytes, position: int, value: int) -> bytes:
    position = 8 + position % (len(data) - 8)  # past the catalog version, so the facts reader is reached
    return data[:position] + bytes([value]) + data[position + 1 :]


@st.composite
def scans(draw, material, recipient) -> list[str]:
    """One input for the reader: a list of scans of one of the kinds above."""
    kind = draw(st.integers(0, 6))
    digit = st.sampled_from("0123456789")
    if kind == 0:
        return draw(st.lists(st.text(max_size=300), min_size=1, max_size=3))
    if kind == 1:
        prefix = draw(st.sampled_from(["", "1", "2", "3", "4", "21", "32", "43"]))
        return [prefix + draw(st.text(alphabet="0123456789", max_size=1200))]
    if kind == 2:
        code = material["single"]
        for _ in range(draw(st.integers(1, 3))):
            code = _edit(code, draw(st.integers(0, 10**4)), draw(st.integers(0, 3)), draw(digit))
        return [code]
    if kind == 3:
        chosen = draw(st.lists(st.sampled_from(material["split"]), max_size=5))
        if chosen and draw(st.booleans()):
            k = draw(st.integers(0, len(chosen) - 1))
            chosen[k] = _edit(chosen[k], draw(st.integers(0, 10**4)), draw(st.integers(0, 3)), draw(digit))
        return ["\n".join(chosen)] if draw(st.booleans()) else chosen
    if kind == 4:
        return _seal(draw(st.binary(max_size=400)), recipient, compress=draw(st.booleans()))
    packed = material["layout"]
    if kind == 5:
        for _ in range(draw(st.integers(1, 4))):
            packed = _mutate_bytes(packed, draw(st.integers(0, 10**4)), draw(st.integers(0, 255)))
    else:
        cut = draw(st.integers(8, len(packed)))
        packed = packed[:cut] + draw(st.binary(max_size=40)) + packed[cut:]
    return _seal(packed, recipient, compress=True)


def test_only_codec_errors_escape_the_reader(material, recipient, read):
    @settings(
        max_examples=10_000,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(scans(material, recipient))
    def check(inputs: list[str]) -> None:
        try:
            received = read(inputs)
        except PayloadError as error:
            assert error.code != PayloadError.code  # every failure names its own stable code
        else:
            assert received.facts.members  # anything accepted went through parse_facts

    check()
