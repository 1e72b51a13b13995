"""The office calendar: the days the city's offices are closed, and deadlines moved off them.

地方自治法 第4条の2 第4項: a deadline that ends on a day the city has made a holiday (Sundays, Saturdays,
national holidays, 年末年始 — 熊本市の休日を定める条例) moves to the next day that is not one. National
holidays (振替休日 and 国民の休日 included) come from the `holidays` library; the city's own closing days
and each kind of office's opening weekdays are catalog data (forms_catalog/calendar.yaml).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Annotated, Literal

import holidays
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

MonthDay = Annotated[str, StringConstraints(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_JA = "月火水木金土日"
# A run of closed days longer than this is a catalog error; the search stops rather than loop (or overflow).
MAX_CLOSED_RUN = 60


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ClosingDays(_Model):
    """Days the city closes every year, given as month-day; a period may run over the new year."""

    name: str = Field(description="What the closure is called (年末年始).")
    start: MonthDay = Field(alias="from")
    until: MonthDay

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def covers(self, day: dt.date) -> bool:
        """Whether `day` falls in this period."""
        key = f"{day.month:02d}-{day.day:02d}"
        if self.start <= self.until:
            return self.start <= key <= self.until
        return key >= self.start or key <= self.until


class OfficeCalendar(_Model):
    """The calendar of the city's offices (calendar.yaml)."""

    national_holidays: Literal["JP", "none"] = Field("JP", description="JP: Japan's national holidays.")
    closing_days: list[ClosingDays] = Field(default_factory=list)
    open_weekdays: dict[Literal["ward", "branch"], list[Weekday]] = Field(
        default_factory=lambda: {"ward": list(WEEKDAYS[:5]), "branch": list(WEEKDAYS[:5])},
        description="Which weekdays each kind of office opens (when not a holiday or a closing day).")
    reference: str = Field("", description="The law or city page these rules follow.")

    def is_holiday(self, day: dt.date) -> bool:
        """Whether `day` is a national holiday or one of the city's closing days."""
        if self.national_holidays == "JP" and day in _japan(day.year):
            return True
        return any(period.covers(day) for period in self.closing_days)

    def is_open(self, day: dt.date, office_kind: str = "ward") -> bool:
        """Whether an office of this kind is open on `day`."""
        weekdays = self.open_weekdays.get(office_kind, WEEKDAYS[:5])  # type: ignore[call-overload]
        return WEEKDAYS[day.weekday()] in weekdays and not self.is_holiday(day)

    def next_open_day(self, day: dt.date, office_kind: str = "ward") -> dt.date:
        """`day` if the office is open then, else the next day it is (a deadline's legal end)."""
        current = day
        for _ in range(MAX_CLOSED_RUN):
            if self.is_open(current, office_kind):
                return current
            if current >= dt.date.max - dt.timedelta(days=1):
                break
            current += dt.timedelta(days=1)
        return day


@lru_cache(maxsize=64)
def _japan(year: int) -> holidays.HolidayBase:
    """Japan's national holidays of one year (the library computes equinoxes and substitutes)."""
    return holidays.country_holidays("JP", years=year)


def weekday_ja(day: dt.date) -> str:
    """The one-character Japanese weekday (月 … 日)."""
    return WEEKDAY_JA[day.weekday()]
