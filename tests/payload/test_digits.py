"""Bytes ↔ digits, and what a keyboard-wedge scanner types."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from navi.payload.digits import from_digits, scanned_digits, to_digits
from navi.payload.errors import Damaged


@given(st.binary(max_size=200))
def test_any_bytes_round_trip(data):
    assert from_digits(to_digits(data)) == data


def test_seven_bytes_take_seventeen_digits():
    assert len(to_digits(bytes(7) * 10)) == 170
    assert to_digits(b"\xff" * 7) == str(256**7 - 1)
    assert to_digits(b"\x00\x01") == "00001"


@pytest.mark.parametrize("digits", ["1", "12", "1234", str(256**7), "9" * 17, "1" * 18, "12a45"])
def test_digits_that_no_bytes_make_are_damage(digits):
    with pytest.raises(Damaged):
        from_digits(digits)


def test_full_width_digits_from_an_ime_are_read():
    assert scanned_digits("１２３４５") == "12345"


def test_line_breaks_and_stray_characters_are_ignored():
    assert scanned_digits("\r\n12 34\r\n５６\tx-7\n") == "1234567"


def test_digits_of_other_scripts_are_not_taken_for_ascii():
    # Arabic-Indic and superscript digits are not what a wedge types: dropped, not guessed.
    assert scanned_digits("١٢٣") == ""
    assert scanned_digits("x²") == "2"  # NFKC folds superscripts to ASCII, as a wedge's IME would not
