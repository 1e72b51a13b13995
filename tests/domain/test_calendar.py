"""Deadlines on the office calendar: a due date on a Sunday, a national holiday (振替休日 included) or the
year-end closure moves to the next day the office is open (地方自治法 第4条の2 第4項)."""

import copy
import datetime as dt

from navi.domain.catalog.loader import load_catalog
from navi.domain.dates import format_wareki_weekday
from navi.domain.planner import plan_for
from navi.domain.validation import parse_facts

CATALOG = load_catalog()
CALENDAR = CATALOG.calendar


def plan_on(household: str, day: str):
    data = copy.deepcopy(CATALOG.households[household])
    data["event_date"] = day
    for member in data["members"]:
        if member.get("subject") and data["event"] == "birth":
            member["birth_date"] = day
    facts = parse_facts(data, CATALOG, today=dt.date.fromisoformat(day))
    return plan_for(facts, CATALOG)


def test_a_moving_in_on_thursday_16_december_2027_is_due_after_the_year_end_closure():
    assert dt.date(2027, 12, 16).weekday() == 3
    plan = plan_on("family4_national", "2027-12-16")
    # 14 days after the move is Thursday 30 December: closed until Monday 3 January (年末年始).
    assert plan.procedure("tennyu_todoke").due_date == "2028-01-04"
    assert plan.procedure("kokuho_join").due_date == "2028-01-04"


def test_a_death_on_tuesday_16_march_2027_is_due_after_the_substitute_holiday():
    assert dt.date(2027, 3, 16).weekday() == 1
    plan = plan_on("death_head_family", "2027-03-16")
    # 7 days counting the day of death end on Monday 22 March, the 振替休日 for 春分の日 (Sunday 21 March).
    assert plan.procedure("shibou_todoke").due_date == "2027-03-23"


def test_a_deadline_on_an_open_day_stays_where_the_law_puts_it():
    plan = plan_on("family4_national", "2027-04-01")
    assert plan.procedure("tennyu_todoke").due_date == "2027-04-15"


def test_the_calendar_knows_weekends_holidays_and_the_closure_across_the_new_year():
    assert not CALENDAR.is_open(dt.date(2027, 3, 22))  # 振替休日
    assert not CALENDAR.is_open(dt.date(2027, 12, 29)) and not CALENDAR.is_open(dt.date(2028, 1, 3))
    assert not CALENDAR.is_open(dt.date(2027, 5, 8))  # a Saturday
    assert CALENDAR.is_open(dt.date(2027, 12, 28)) and CALENDAR.is_open(dt.date(2028, 1, 4))
    assert CALENDAR.next_open_day(dt.date(2027, 5, 1)) == dt.date(2027, 5, 6)  # Golden Week
    assert CALENDAR.next_open_day(dt.date(2027, 4, 15)) == dt.date(2027, 4, 15)


def test_the_last_representable_day_never_overflows():
    assert CALENDAR.next_open_day(dt.date.max) == dt.date.max


def test_deadlines_are_written_with_their_weekday():
    assert format_wareki_weekday(dt.date(2027, 1, 4)) == "令和9年1月4日（月）"
    assert format_wareki_weekday(dt.date(2028, 1, 4)) == "令和10年1月4日（火）"
