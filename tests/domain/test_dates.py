"""Ages, school stages and 和暦, at their edges."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from navi.domain import dates
from navi.domain.dates import (
    SchoolStage,
    add_days,
    birthday_age,
    format_wareki,
    from_wareki,
    high_school_age_end,
    legal_age,
    school_entry,
    school_stage,
)

D = dt.date


def test_legal_age_turns_on_the_day_before_the_birthday():
    birth = D(1962, 4, 2)
    assert legal_age(birth, D(2027, 3, 31)) == 64
    assert legal_age(birth, D(2027, 4, 1)) == 65
    assert birthday_age(birth, D(2027, 4, 1)) == 64
    assert birthday_age(birth, D(2027, 4, 2)) == 65


def test_leap_day_birthdays():
    birth = D(2008, 2, 29)
    assert birthday_age(birth, D(2026, 2, 28)) == 17
    assert birthday_age(birth, D(2026, 3, 1)) == 18
    assert legal_age(birth, D(2026, 2, 28)) == 18


@pytest.mark.parametrize(
    ("birth", "entry"),
    [
        (D(2020, 4, 1), D(2026, 4, 1)),  # 早生まれ: the 1 April child joins the earlier year
        (D(2020, 4, 2), D(2027, 4, 1)),
        (D(2021, 3, 31), D(2027, 4, 1)),
    ],
)
def test_school_entry_follows_the_1_april_rule(birth, entry):
    assert school_entry(birth) == entry


def test_school_stages_across_the_years():
    birth = D(2018, 6, 15)
    assert school_stage(birth, D(2025, 3, 31)) is SchoolStage.PRESCHOOL
    assert school_stage(birth, D(2025, 4, 1)) is SchoolStage.ELEMENTARY
    assert school_stage(birth, D(2031, 4, 1)) is SchoolStage.JUNIOR_HIGH
    assert school_stage(birth, D(2034, 4, 1)) is SchoolStage.HIGH_SCHOOL_AGE
    assert school_stage(birth, D(2037, 3, 31)) is SchoolStage.HIGH_SCHOOL_AGE
    assert school_stage(birth, D(2037, 4, 1)) is SchoolStage.ADULT


def test_high_school_age_ends_on_the_first_31_march_after_legally_turning_18():
    assert high_school_age_end(D(2008, 4, 1)) == D(2026, 3, 31)
    assert high_school_age_end(D(2008, 4, 2)) == D(2027, 3, 31)


def test_wareki_both_ways():
    assert format_wareki(D(2019, 5, 1)) == "令和元年5月1日"
    assert format_wareki(D(2019, 4, 30)) == "平成31年4月30日"
    assert format_wareki(D(1988, 5, 10)) == "昭和63年5月10日"
    assert from_wareki("reiwa", 9, 4, 1) == D(2027, 4, 1)
    assert from_wareki("heisei", 31, 4, 30) == D(2019, 4, 30)
    with pytest.raises(ValueError):
        from_wareki("heisei", 31, 5, 1)  # 令和 had begun
    with pytest.raises(ValueError):
        from_wareki("reiwa", 1, 4, 30)


def test_deadlines_with_and_without_the_first_day():
    assert add_days(D(2027, 4, 1), 14, include_first_day=False) == D(2027, 4, 15)
    assert add_days(D(2027, 4, 1), 14, include_first_day=True) == D(2027, 4, 14)


# Issue 15, row 7: 西暦9999-12-31 made the date arithmetic raise OverflowError (a 500 in the wizard).

ANY_DAY = st.dates(min_value=dt.date.min, max_value=dt.date.max)


@given(birth=ANY_DAY, on=ANY_DAY, years=st.integers(0, 200), days=st.integers(-400, 400))
def test_no_date_arithmetic_overflows_at_the_ends_of_the_calendar(birth, on, years, days):
    assert isinstance(dates.anniversary(birth, years), dt.date)
    assert isinstance(dates.reaches_age_on(birth, years), dt.date)
    assert dates.legal_age(birth, on) >= -1 and dates.birthday_age(birth, on) >= -1
    assert dates.school_stage(birth, on) in set(dates.SchoolStage)
    assert isinstance(dates.high_school_age_end(birth), dt.date)
    assert isinstance(dates.add_days(on, abs(days), include_first_day=days % 2 == 0), dt.date)
    assert isinstance(dates.shift_days(on, days), dt.date)


def test_the_last_representable_day_holds_instead_of_overflowing():
    last = dt.date.max
    assert dates.add_days(last, 14, include_first_day=False) == last
    assert dates.shift_days(dt.date.min, -1) == dt.date.min
    assert dates.first_april_after(last) == last and dates.anniversary(dt.date(9990, 5, 1), 20) == last
    assert dates.legal_age(dt.date(2000, 1, 1), last) == 8000  # legally older at the end of 9999-12-31
    assert dates.legal_age(dt.date(2000, 1, 2), last) == 7999
