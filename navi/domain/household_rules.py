"""The household rules every entry path shares (the CLI, the wizard, the counter): one head, an event that
fits its addresses, dates inside a sane window, the right number of subjects.

Each rule reads one part of the raw facts and returns problems (codes and parameters, never prose: the
words live in `navi.web.messages`), so a form can ask about a single field and show the same message.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from navi.domain.catalog.model import Catalog, Event
from navi.domain.problems import Problem

# Nobody alive was born before this; older dates are typing mistakes (1900 for 2000, 0988 for 1988).
EARLIEST_BIRTH = dt.date(1900, 1, 1)
# An event the office can still act on: filed late (up to 10 years back) or planned ahead (up to 2 years).
EVENT_YEARS_BACK = 10
EVENT_YEARS_AHEAD = 2
# A residence card's period of stay is at most 5 years (7 for a permanent resident's card): 10 is generous.
STAY_YEARS_AHEAD = 10
# Which event a move really is, by where it starts and ends: (from inside the city, to inside the city).
MOVE_EVENTS = {(False, True): "moving_in", (True, False): "moving_out", (True, True): "moving_within"}


def _years_from(day: dt.date, years: int) -> dt.date:
    """`day` shifted by whole years, clamped to the calendar's range (never an overflow)."""
    year = min(max(day.year + years, dt.MINYEAR), dt.MAXYEAR)
    return day.replace(year=year, day=28) if day.month == 2 and day.day == 29 else day.replace(year=year)


def as_date(value: Any) -> dt.date | None:
    """A date from raw data (ISO text or a date), or None when it is not one."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def event_date_problems(value: Any, today: dt.date, path: str = "$.event_date") -> list[Problem]:
    """The event date lies within the years the office can act on."""
    day = as_date(value)
    if day is None:
        return []
    earliest, latest = _years_from(today, -EVENT_YEARS_BACK), _years_from(today, EVENT_YEARS_AHEAD)
    if earliest <= day <= latest:
        return []
    return [Problem(path, "date_out_of_range", {"earliest": earliest.isoformat(), "latest": latest.isoformat()})]


def birth_date_problems(value: Any, event_date: dt.date | None, path: str) -> list[Problem]:
    """A birth date on or after 1900-01-01 and not after the event."""
    day = as_date(value)
    if day is None:
        return []
    if day < EARLIEST_BIRTH:
        return [Problem(path, "implausible_date", {"earliest": EARLIEST_BIRTH.isoformat()})]
    if event_date is not None and day > event_date:
        return [Problem(path, "born_after_event")]
    return []


def stay_date_problems(value: Any, event_date: dt.date | None, path: str) -> list[Problem]:
    """A period of stay that ends within the years a residence card can run."""
    day, base = as_date(value), event_date or dt.date.today()
    if day is None or day <= _years_from(base, STAY_YEARS_AHEAD):
        return []
    return [Problem(path, "date_out_of_range", {"earliest": "", "latest": _years_from(base, STAY_YEARS_AHEAD)
                                                .isoformat()})]


def head_problems(members: list[dict[str, Any]]) -> list[Problem]:
    """Exactly one head of household (世帯主)."""
    heads = sum(1 for m in members if m.get("relation") == "head")
    if heads == 1 or not members:
        return []
    return [Problem("$.members", "several_heads" if heads > 1 else "no_head")]


def subject_problems(members: list[dict[str, Any]], event: Event) -> list[Problem]:
    """The event's subjects: one, or at least one where the event allows several (twins)."""
    if event.concerned != "subject" or not members:
        return []
    count = sum(m.get("subject") is True for m in members)
    if count == 1 or (count > 1 and event.several_subjects):
        return []
    return [Problem("$.members", "subjects_needed" if event.several_subjects else "one_subject_needed")]


def in_city(address: Any, catalog: Catalog) -> bool | None:
    """Whether an address lies in the catalog's city; None when the address doesn't say."""
    if not isinstance(address, dict):
        return None
    if address.get("country", "JP") != "JP":
        return False
    city = address.get("city")
    if not isinstance(city, str) or not city.strip():
        return None
    return city.strip().startswith(catalog.info.municipality.ja)


def address_problems(data: dict[str, Any], event: Event, catalog: Catalog) -> list[Problem]:
    """A move whose addresses say it is another event (転入 from inside the city is a 転居, …)."""
    if event.id not in MOVE_EVENTS.values():
        return []
    start, end = in_city(data.get("from_address"), catalog), in_city(data.get("to_address"), catalog)
    if start is None or end is None:
        return []
    if (start, end) == (False, False):
        return [Problem("$.to_address", "move_outside_city", {"city": catalog.info.municipality.ja})]
    right = MOVE_EVENTS[(start, end)]
    if right == event.id:
        return []
    swapped = MOVE_EVENTS.get((end, start)) == event.id and start != end
    code = "addresses_swapped" if swapped else "wrong_event_for_addresses"
    return [Problem("$.event", code, {"event": right})]


# The members the facts name by id for what they do at the counter: who files (届出人), who claims (請求者).
FILER_ROLES = {"notifier": "deceased_cannot_file", "claimant": "deceased_cannot_claim"}


def filer_problems(data: dict[str, Any]) -> list[Problem]:
    """Who files and who claims name members of the household, and for a death never the deceased."""
    listed = data.get("members")
    members = {}
    for member in listed if isinstance(listed, list) else ():
        if isinstance(member, dict) and isinstance(member.get("id"), str):  # the facts model reports the rest
            members[member["id"]] = member
    problems = []
    for role, deceased in FILER_ROLES.items():
        chosen = data.get(role)
        if not isinstance(chosen, str):  # absent; a wrong type is the facts model's to report
            continue
        member = members.get(chosen)
        if member is None:
            problems.append(Problem(f"$.{role}", "unknown_member", {"value": chosen}))
        elif data.get("event") == "death" and member.get("subject") is True:
            problems.append(Problem(f"$.{role}", deceased))
    return problems
