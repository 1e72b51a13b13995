"""The office's figures: cases, procedures per case, minutes to each counter's 完了 and waiting times
(median and 90th percentile), and the characters a clerk did not type, per day, week or month."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import dataclass, field

PERIODS = ("day", "week", "month")


@dataclass(frozen=True)
class CaseTimes:
    """One case as the figures see it: the office's day it came, counts, and seconds per counter."""

    day: dt.date
    office: str
    event: str
    procedures: int
    characters: int
    waits: dict[str, float] = field(default_factory=dict)  # receipt → first 呼び出し, per counter
    finishes: dict[str, float] = field(default_factory=dict)  # receipt → the counter's 完了, per counter


@dataclass(frozen=True)
class Spread:
    """Minutes: the median and the 90th percentile of some durations, and how many there were."""

    count: int
    median: float | None
    p90: float | None


@dataclass(frozen=True)
class PeriodFigures:
    """The figures of one day, week or month."""

    start: dt.date
    cases: int
    procedures_per_case: float
    characters: int
    minutes_saved: float
    waits: dict[str, Spread]
    finishes: dict[str, Spread]


def period_start(day: dt.date, period: str) -> dt.date:
    """The first day of the day, week (Monday) or month that `day` falls in."""
    if period == "day":
        return day
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    raise ValueError(f"period must be one of {', '.join(PERIODS)}")


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value with at least `share` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)), 1) - 1]


def spread(seconds: list[float]) -> Spread:
    """Median and 90th percentile of durations given in seconds, in minutes (one decimal)."""
    if not seconds:
        return Spread(0, None, None)
    minutes = [s / 60 for s in seconds]
    return Spread(len(minutes), round(statistics.median(minutes), 1), round(percentile(minutes, 0.9), 1))


def _per_counter(cases: list[CaseTimes], attribute: str) -> dict[str, Spread]:
    found: dict[str, list[float]] = {}
    for case in cases:
        for counter_id, seconds in getattr(case, attribute).items():
            found.setdefault(counter_id, []).append(seconds)
    return {counter_id: spread(values) for counter_id, values in sorted(found.items())}


def chosen(cases: list[CaseTimes], office: str | None = None, event: str | None = None) -> list[CaseTimes]:
    """The cases at `office` for `event` (None: every office or event)."""
    return [c for c in cases if office in (None, c.office) and event in (None, c.event)]


def figures_of(start: dt.date, group: list[CaseTimes], chars_per_minute: float) -> PeriodFigures:
    """The figures of a non-empty group of cases."""
    characters = sum(c.characters for c in group)
    return PeriodFigures(
        start=start, cases=len(group),
        procedures_per_case=round(sum(c.procedures for c in group) / len(group), 2),
        characters=characters, minutes_saved=round(characters / chars_per_minute, 1),
        waits=_per_counter(group, "waits"), finishes=_per_counter(group, "finishes"))


def summarise(cases: list[CaseTimes], period: str, chars_per_minute: float) -> list[PeriodFigures]:
    """The figures of each day, week or month that has cases, oldest first."""
    groups: dict[dt.date, list[CaseTimes]] = {}
    for case in cases:
        groups.setdefault(period_start(case.day, period), []).append(case)
    return [figures_of(start, group, chars_per_minute) for start, group in sorted(groups.items())]
