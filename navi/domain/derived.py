"""Member values that other answers and the member's age already decide, so the wizard never asks them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from navi.domain.dates import birthday_age, legal_age
from navi.domain.facts import HealthInsurance, Pension


def derived_value(fact: str, member: dict[str, Any], on: dt.date) -> Any:
    """The value of `fact` that the member's other answers and age already decide, or None (ask it).

    国民年金法第7条: 厚生年金 members are 第2号 (over 65 many are not, so those are asked), their dependent
    spouses aged 20–59 are 第3号, and others aged 20–59 (国民健康保険) are 第1号. Everyone from the 75th
    birthday is in 後期高齢者医療 (高齢者医療確保法第50条).
    """
    birth = member.get("birth_date")
    if not birth:
        return None
    born = birth if isinstance(birth, dt.date) else dt.date.fromisoformat(birth)
    age, insurance = legal_age(born, on), str(member.get("health_insurance") or "")
    if fact == "health_insurance":
        return HealthInsurance.LATE_ELDERLY.value if birthday_age(born, on) >= 75 else None
    if fact != "pension" or age < 20:
        return None
    if insurance == HealthInsurance.EMPLOYEE.value and age < 65:
        return Pension.CATEGORY2.value
    if insurance == HealthInsurance.EMPLOYEE_DEPENDENT.value and age < 60 and member.get("relation") == "spouse":
        return Pension.CATEGORY3.value
    if insurance == HealthInsurance.NATIONAL.value and age < 60:
        return Pension.CATEGORY1.value
    return None


def with_derived(member: dict[str, Any], on: dt.date) -> dict[str, Any]:
    """The member with every value its other answers decide filled in (they are never asked)."""
    filled = dict(member)
    for fact in ("health_insurance", "pension"):  # insurance first: pension follows from it
        value = derived_value(fact, filled, on)
        if value is not None:
            filled[fact] = value
    return filled
