"""Japanese date rules: legal ages, school stages, 和暦 and deadlines.

Ages follow 年齢計算ニ関スル法律: a person reaches an age at the end of the day before the birthday.
Arithmetic stops at the first and last days Python can represent (1-01-01, 9999-12-31) instead of overflowing:
validation refuses such dates with a message, and nothing on the way there may fail first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

# The time zone of Japanese offices (a setting, OFFICE_TIMEZONE, where a deployment needs another).
OFFICE_TIMEZONE = "Asia/Tokyo"


def shift_days(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days`, held at the first or last representable day rather than overflowing."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def on_day(year: int, month: int, day: int) -> dt.date:
    """The date, or the last (first) representable day for a year past 9999 (before 1)."""
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    return dt.date(year, month, day)


def anniversary(birth: dt.date, years: int) -> dt.date:
    """The date of the birthday `years` after `birth` (29 February falls on 1 March in common years)."""
    year = birth.year + years
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return on_day(year, 1, 1)
    try:
        return birth.replace(year=year)
    except ValueError:
        return dt.date(year, 3, 1)


def reaches_age_on(birth: dt.date, years: int) -> dt.date:
    """The day at whose end a person legally reaches `years` (the day before the birthday)."""
    return shift_days(anniversary(birth, years), -1)


def legal_age(birth: dt.date, on: dt.date) -> int:
    """Age on `on` under 年齢計算ニ関スル法律 (already one year older on the day before a birthday)."""
    if on == dt.date.max:  # the day after (10000-01-01) cannot be represented: a 1 January birthday falls on it
        return birthday_age(birth, on) + (1 if (birth.month, birth.day) == (1, 1) and birth < on else 0)
    return birthday_age(birth, on + dt.timedelta(days=1))


def birthday_age(birth: dt.date, on: dt.date) -> int:
    """Age on `on` counted from birthdays themselves (used where a law starts on the birthday)."""
    if on < birth:
        return -1
    years = on.year - birth.year
    if anniversary(birth, years) > on:
        years -= 1
    return years


def first_april_after(day: dt.date) -> dt.date:
    """The first 1 April strictly after `day`."""
    april = dt.date(day.year, 4, 1)
    return april if april > day else on_day(day.year + 1, 4, 1)


def first_march_31_from(day: dt.date) -> dt.date:
    """The first 31 March on or after `day`."""
    march = dt.date(day.year, 3, 31)
    return march if march >= day else on_day(day.year + 1, 3, 31)


class SchoolStage(StrEnum):
    """Where a child stands in the Japanese school system on a given day."""

    PRESCHOOL = "preschool"
    ELEMENTARY = "elementary"
    JUNIOR_HIGH = "junior_high"
    HIGH_SCHOOL_AGE = "high_school_age"
    ADULT = "adult"


SCHOOL_STAGE_ORDER = [s.value for s in SchoolStage]


def school_entry(birth: dt.date) -> dt.date:
    """The 1 April on which a child enters 小学校 (the first after legally turning 6)."""
    return first_april_after(reaches_age_on(birth, 6))


def high_school_age_end(birth: dt.date) -> dt.date:
    """The last day of 高校生年代: the first 31 March on or after legally reaching 18."""
    return first_march_31_from(reaches_age_on(birth, 18))


def school_stage(birth: dt.date, on: dt.date) -> SchoolStage:
    """The school stage of a person born on `birth`, on the day `on`."""
    entry = school_entry(birth)
    if on < entry:
        return SchoolStage.PRESCHOOL
    if on < anniversary(entry, 6):
        return SchoolStage.ELEMENTARY
    if on < anniversary(entry, 9):
        return SchoolStage.JUNIOR_HIGH
    if on <= high_school_age_end(birth):
        return SchoolStage.HIGH_SCHOOL_AGE
    return SchoolStage.ADULT


@dataclass(frozen=True)
class Era:
    """One Japanese era (元号) with the first day it names."""

    key: str
    name: str
    start: dt.date


ERAS = (
    Era("reiwa", "令和", dt.date(2019, 5, 1)),
    Era("heisei", "平成", dt.date(1989, 1, 8)),
    Era("showa", "昭和", dt.date(1926, 12, 25)),
    Era("taisho", "大正", dt.date(1912, 7, 30)),
    Era("meiji", "明治", dt.date(1868, 10, 23)),
)
ERA_BY_KEY = {era.key: era for era in ERAS}


def to_wareki(day: dt.date) -> tuple[Era, int]:
    """The era and era year of `day` (1 is 元年)."""
    for era in ERAS:
        if day >= era.start:
            return era, day.year - era.start.year + 1
    raise ValueError(f"{day.isoformat()} is before the Meiji era")


def format_wareki(day: dt.date) -> str:
    """`day` as it is written on Japanese forms, e.g. 令和9年4月1日 (元年 for year 1)."""
    era, year = to_wareki(day)
    year_text = "元" if year == 1 else str(year)
    return f"{era.name}{year_text}年{day.month}月{day.day}日"


def era_year_problem(era_key: str, era_year: int) -> str | None:
    """Why an era year can't be right: a Western year typed under an era (1988 under 令和), or a year past
    the era's end (平成40年); None when the era has such a year."""
    if era_key == "seireki" or era_key not in ERA_BY_KEY:
        return None
    if era_year >= ERAS[-1].start.year:
        return "western_year_in_era"
    era = ERA_BY_KEY[era_key]
    following = [e.start for e in ERAS if e.start > era.start]
    if era_year < 1 or (following and era.start.year + era_year - 1 > min(following).year):
        return "beyond_era"
    return None


def from_wareki(era_key: str, era_year: int, month: int, day: int) -> dt.date:
    """The Gregorian date for an era date; raises ValueError for dates the era does not contain."""
    if era_key == "seireki":
        return dt.date(era_year, month, day)
    era = ERA_BY_KEY[era_key]
    result = dt.date(era.start.year + era_year - 1, month, day)
    if result < era.start:
        raise ValueError("date before the start of the era")
    following = [e for e in ERAS if e.start > era.start]
    if following and result >= min(e.start for e in following):
        raise ValueError("date after the end of the era")
    return result


def add_days(day: dt.date, days: int, *, include_first_day: bool) -> dt.date:
    """The last day of a period of `days` starting on (or, by default in law, after) `day`."""
    return shift_days(day, days - 1 if include_first_day else days)


def format_wareki_weekday(day: dt.date) -> str:
    """`day` in 和暦 with its weekday, as deadlines are written: 令和10年1月4日（火）."""
    return f"{format_wareki(day)}（{'月火水木金土日'[day.weekday()]}）"
