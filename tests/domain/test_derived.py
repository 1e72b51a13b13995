"""Values other answers decide (国民年金の種別 from insurance and age, 後期高齢者医療 from the 75th birthday)."""

import datetime as dt

import pytest

from navi.domain.derived import derived_value

ON = dt.date(2027, 4, 1)


@pytest.mark.parametrize(("fact", "member", "expected"), [
    ("pension", {"birth_date": "1987-09-09", "health_insurance": "employee", "relation": "head"}, "category2"),
    ("pension", {"birth_date": "1991-01-15", "health_insurance": "employee_dependent", "relation": "spouse"},
     "category3"),
    ("pension", {"birth_date": "1991-01-15", "health_insurance": "employee_dependent", "relation": "child"}, None),
    ("pension", {"birth_date": "1991-01-15", "health_insurance": "national", "relation": "head"}, "category1"),
    ("pension", {"birth_date": "1960-01-15", "health_insurance": "employee", "relation": "head"}, None),  # 67
    ("pension", {"birth_date": "2010-01-15", "health_insurance": "employee_dependent"}, None),  # under 20
    ("health_insurance", {"birth_date": "1952-04-01"}, "late_elderly"),  # 75th birthday is the day itself
    ("health_insurance", {"birth_date": "1952-04-02"}, None),
])
def test_a_value_is_decided_only_where_the_law_and_the_answers_fix_it(fact, member, expected):
    assert derived_value(fact, member, ON) == expected
