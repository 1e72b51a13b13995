"""Rules in force on a date: procedures and parameters can carry `from`/`until` (as OpenFisca does), so the
planner uses what was in force on the event date, and a change can be written before it takes effect."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

ScalarValue = bool | int | str


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class InForce(_Model):
    """When a rule is in force: from a day (inclusive) until a day (inclusive); open at either end."""

    start: dt.date | None = Field(None, alias="from")
    until: dt.date | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def covers(self, day: dt.date) -> bool:
        """Whether the rule is in force on `day`."""
        return (self.start is None or self.start <= day) and (self.until is None or day <= self.until)


class DatedValue(InForce):
    """A parameter's value for the period it was in force (OpenFisca-style)."""

    value: ScalarValue | list[ScalarValue]


class Dated(_Model):
    """A parameter that changed on a date: the value in force on the event date applies."""

    in_force: list[DatedValue] = Field(min_length=1)

    def on(self, day: dt.date) -> ScalarValue | list[ScalarValue] | None:
        """The value in force on `day` (None before the first period)."""
        return next((v.value for v in self.in_force if v.covers(day)), None)
