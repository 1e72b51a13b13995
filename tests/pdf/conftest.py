"""PDF fixtures: the family of four moving in (the catalog's family4_employee), its plan and its packet."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from navi.domain.planner import plan_for
from navi.domain.validation import parse_facts
from navi.pdf import render_packet

TODAY = dt.date(2027, 4, 1)


def household(catalog, name: str, change=None):
    """An example household of the catalog as facts, optionally changed first (on a copy)."""
    data = copy.deepcopy(catalog.households[name])
    if change:
        change(data)
    return parse_facts(data, catalog)


@pytest.fixture(scope="session")
def family(catalog):
    """The family of four moving in: facts and plan."""
    facts = household(catalog, "family4_employee")
    return facts, plan_for(facts, catalog)


@pytest.fixture(scope="session")
def family_packet(catalog, family) -> bytes:
    """Every completed form of the family's plan, as one PDF."""
    facts, plan = family
    return render_packet(facts, catalog, plan, TODAY)
