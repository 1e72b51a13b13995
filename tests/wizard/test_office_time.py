"""The office's day, whatever the host's TZ: on a UTC host at 02:30 in Tokyo a baby born that (Tokyo) day is
accepted, and the receipt number and the forms' 届出日 both say that day."""

from __future__ import annotations

import datetime as dt
import time

import pytest
import time_machine

from tests.counter.helpers import scan_result_page
from tests.pdf.readback import compact, pages
from tests.wizard.journeys import Journey, walk

# 2026-12-01T17:30:00Z is 02:30 on 2026-12-02 in Tokyo.
FROZEN = dt.datetime(2026, 12, 1, 17, 30, tzinfo=dt.UTC)

BIRTH_TODAY = Journey(
    answers={
        "event": {"value": "birth"},
        "date": {"date_era": "reiwa", "date_year": "8", "date_month": "12", "date_day": "2"},
        "address-address": {"country": "JP", "postal_code": "8600004", "prefecture": "熊本県",
                            "city": "熊本市中央区", "street": "新町9-9-9"},
        "count": {"count": "3"},
        "subject": {"value": "m3"},
        "attr-health_insurance": {"m_m1": "national", "m_m2": "national", "m_m3": "national"},
        "check": {"notifier": "m2", "claimant": "m1"},
    },
    people=[("夢野", "太一", "ユメノ", "タイチ", "showa", "62", "9", "9", "male", "head"),
            ("夢野", "花音", "ユメノ", "カノン", "heisei", "3", "1", "15", "female", "spouse"),
            ("夢野", "陽", "ユメノ", "ヒナタ", "reiwa", "8", "12", "2", "female", "child")],
)


@pytest.fixture
def utc_host(monkeypatch):
    """The host's clock in UTC, frozen at 17:30 (Tokyo has already turned the day)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    with time_machine.travel(FROZEN, tick=False):
        yield
    monkeypatch.undo()
    time.tzset()


def test_a_baby_born_today_in_tokyo_is_accepted_and_everything_says_the_office_day(client, app, utc_host):
    assert dt.date.today() == dt.date(2026, 12, 1)  # the host's own idea of today
    walk(client, BIRTH_TODAY)
    case_path = scan_result_page(client, app)
    case_page = client.get(case_path).get_data(as_text=True)
    assert "20261202-0001" in case_page
    forms = client.get(case_path + "/forms.pdf")
    assert forms.status_code == 200
    printed = "".join(compact("".join(c["text"] for c in chars)) for chars in pages(forms.data))
    assert "令和8年12月2日" in printed
    assert "令和8年12月1日" not in printed
