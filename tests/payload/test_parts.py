"""Framing digits into one code or parts, and putting scanned parts back together."""

from __future__ import annotations

import itertools

import pytest

from navi.payload import parts
from navi.payload.errors import Damaged, NotOurCode, PartMissing, TooLarge

MESSAGE = "".join(str(i % 10) for i in range(1000))


def test_a_message_that_fits_is_one_code():
    assert parts.frame(MESSAGE, 1001) == ["1" + MESSAGE]
    assert parts.reassemble(["1" + MESSAGE]) == MESSAGE


@pytest.mark.parametrize(("capacity", "count"), [(1000, 2), (400, 3), (260, 4)])
def test_parts_reassemble_in_every_order(capacity, count):
    codes = parts.frame(MESSAGE, capacity)
    assert len(codes) == count
    assert all(len(code) <= capacity for code in codes)
    for order in itertools.permutations(codes):
        assert parts.reassemble(order) == MESSAGE
        assert parts.reassemble(["".join(order)]) == MESSAGE  # typed one after another by a wedge


def test_too_many_parts_are_refused():
    with pytest.raises(TooLarge):
        parts.frame(MESSAGE, 200)


def test_a_missing_part_is_named():
    codes = parts.frame(MESSAGE, 400)
    with pytest.raises(PartMissing) as caught:
        parts.reassemble([codes[2], codes[0]])
    assert (caught.value.missing, caught.value.count, caught.value.code) == ([2], 3, "part_missing")
    assert "2 of 3" in str(caught.value)


def test_the_same_part_twice_is_fine():
    codes = parts.frame(MESSAGE, 1000)
    assert parts.reassemble([codes[0], codes[0], codes[1]]) == MESSAGE


def test_parts_of_two_households_are_not_joined():
    ours = parts.frame(MESSAGE, 1000)
    theirs = parts.frame(MESSAGE[::-1], 1000)
    with pytest.raises(Damaged):
        parts.reassemble([ours[0], theirs[1]])
    with pytest.raises(Damaged):
        parts.reassemble([ours[0], "1" + MESSAGE])


@pytest.mark.parametrize("scan", ["", "4901234567894", "1" + "0" * 100, "9" + MESSAGE, "2312345"])
def test_other_barcodes_are_not_ours(scan):
    with pytest.raises(NotOurCode):
        parts.reassemble([scan])


def test_a_cut_part_is_damage():
    codes = parts.frame(MESSAGE, 1000)
    with pytest.raises(Damaged):
        parts.reassemble([codes[0][:-1], codes[1]])
