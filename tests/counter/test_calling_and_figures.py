"""Calling, the lobby board and the office's figures, through the real scan path with a frozen clock: the
figures page and its CSV must equal what this test computes on its own from the moments it chose."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import statistics
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from sqlalchemy import func, select

from navi.domain.facts import Facts
from navi.domain.planner import plan_for
from navi.pdf.render import packet_forms
from navi.pdf.values import form_members, printed
from navi.records.db import session_factory
from navi.records.models import CaseFigure, CaseRecord
from tests.factories import codes_for, default_catalog

from .helpers import post, sign_in_as

HOUSEHOLDS = Path(__file__).resolve().parents[2] / "forms_catalog" / "households"
TOKYO = ZoneInfo("Asia/Tokyo")
# Several events at several offices, each visiting one or more counters.
CHOSEN = ("family4_employee", "birth_national", "death_head_family", "marriage_surname_change",
          "elderly_couple_moving_within", "job_end_voluntary", "family_moving_within_takuma")
MONDAY = dt.date(2026, 11, 16)


class Clock:
    """The records' clock, moved by the test."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 16, 9, 0, tzinfo=TOKYO)

    def __call__(self) -> dt.datetime:
        return self.now.astimezone(dt.UTC)


@pytest.fixture
def clock(monkeypatch):
    frozen = Clock()
    monkeypatch.setattr("navi.records.cases.utcnow", frozen)
    monkeypatch.setattr("navi.records.calling.utcnow", frozen)
    return frozen


def household(name: str) -> dict:
    facts = yaml.safe_load((HOUSEHOLDS / f"{name}.yaml").read_text(encoding="utf-8"))
    facts.pop("expect", None)
    return facts


def scan(client, app, facts: dict, serial: int) -> int:
    # Each code is issued a second apart, so the same household scanned again is a new code and a new case.
    codes = codes_for(app, facts, now=time.time() - serial)
    assert len(codes) == 1
    response = post(client, "/counter/scan", {"digits": codes[0]})
    assert response.status_code == 302, response.get_data(as_text=True)[:400]
    return int(response.location.rsplit("/", 1)[1].split("?")[0])


def expected_characters(facts: dict) -> int:
    """What the forms print from the facts, counted field by field here (manual fields excluded)."""
    catalog = default_catalog()
    parsed = Facts.model_validate(facts)
    plan = plan_for(parsed, catalog, "ja")
    total = 0
    for form in packet_forms(plan, catalog):
        for form_field in form.fields:
            if form_field.source == "manual":
                continue
            people = [None] if form_field.repeat == "once" else form_members(form.id, parsed, plan)
            total += sum(len(printed(form_field, parsed, person, catalog).text) for person in people)
    return total


def minutes(seconds: list[float]) -> tuple[float, float]:
    """Median and nearest-rank 90th percentile in minutes, one decimal."""
    ordered = sorted(s / 60 for s in seconds)
    return round(statistics.median(ordered), 1), round(ordered[math.ceil(0.9 * len(ordered)) - 1], 1)


def counters_of(app, case_id: int) -> tuple[list[str], list[tuple[str, str]]]:
    """The counters a case visits, and (procedure, counter) of each of its procedures."""
    with session_factory(app.config["DATABASE_URL"])() as session:
        rows = session.get(CaseRecord, case_id).procedures
        return list(dict.fromkeys(p.counter_id for p in rows)), [(p.procedure_id, p.counter_id) for p in rows]


def run_week(client, app, clock) -> list[dict]:
    """Five office days of scans, calls and 完了 at chosen moments; what each case should count."""
    expected, serial = [], 0
    for day in range(5):
        for i, name in enumerate(CHOSEN[day % 3:] + CHOSEN[: day % 3]):
            facts = household(name)
            received = dt.datetime.combine(MONDAY + dt.timedelta(days=day), dt.time(9, 0), TOKYO) + dt.timedelta(
                minutes=11 * i)
            clock.now = received
            serial += 1
            case_id = scan(client, app, facts, serial)
            counters, procedures = counters_of(app, case_id)
            waits, finishes = {}, {}
            for n, counter_id in enumerate(counters):
                if (i + n + day) % 4 == 3:
                    continue  # never called here: no wait and no 完了 to count
                wait = dt.timedelta(minutes=(3 * i + 7 * n + 5 * day) % 37 + 1, seconds=15 * n)
                clock.now = received + wait
                assert post(client, f"/counter/queues/{counter_id}/call", {"case_id": str(case_id)}).status_code == 302
                waits[counter_id] = wait.total_seconds()
                clock.now = received + wait + dt.timedelta(minutes=4 + (i * n) % 9)
                mine = [p for p, c in procedures if c == counter_id]
                for procedure_id in mine:
                    post(client, f"/counter/cases/{case_id}/procedures/{procedure_id}", {"status": "done"})
                finishes[counter_id] = (clock.now - received).total_seconds()
            parsed = Facts.model_validate(facts)
            expected.append({"day": received.date(), "facts": facts, "characters": expected_characters(facts),
                             "procedures": len(plan_for(parsed, default_catalog(), "ja").procedures),
                             "office": facts["office"], "event": facts["event"], "waits": waits,
                             "finishes": finishes})
    return expected


def expected_totals(cases: list[dict]) -> dict:
    """The figures of a group of cases, computed here from what the test did."""
    characters = sum(c["characters"] for c in cases)
    waits: dict[str, list[float]] = {}
    finishes: dict[str, list[float]] = {}
    for case in cases:
        for counter_id, seconds in case["waits"].items():
            waits.setdefault(counter_id, []).append(seconds)
        for counter_id, seconds in case["finishes"].items():
            finishes.setdefault(counter_id, []).append(seconds)
    return {"cases": len(cases), "procedures_per_case": round(sum(c["procedures"] for c in cases) / len(cases), 2),
            "characters": characters, "minutes_saved": round(characters / 50, 1),
            "waits": {k: (len(v), *minutes(v)) for k, v in waits.items()},
            "finishes": {k: (len(v), *minutes(v)) for k, v in finishes.items()}}


WEEK = {"since": "2026-11-16", "until": "2026-11-22"}


def test_a_week_of_scanned_cases_gives_the_figures_computed_here(client, client_request, counter_app, clock):
    sign_in_as(client, counter_app, "supervisor")
    cases = run_week(client, counter_app, clock)
    assert len(cases) == 35 and len({c["office"] for c in cases}) >= 3 and len({c["event"] for c in cases}) >= 5
    whole = expected_totals(cases)
    assert whole["characters"] > 1000 and len(whole["waits"]) >= 3

    page = client_request.get("/counter/figures?" + "&".join(f"{k}={v}" for k, v in {**WEEK, "period": "day"}.items()))
    total = {dd["data-figure"]: dd.get_text(strip=True) for dd in page.select("#figures-total dd")}
    assert total["cases"] == "35" and total["characters"] == str(whole["characters"])
    assert float(total["procedures_per_case"]) == whole["procedures_per_case"]
    assert float(total["minutes_saved"]) == whole["minutes_saved"]
    for key in ("waits", "finishes"):
        shown = {row["data-counter"]: tuple(td.get_text(strip=True) for td in row.select("td"))
                 for row in page.select(f"#figures-{key} tbody tr")}
        assert shown == {k: (str(n), str(med), str(p90)) for k, (n, med, p90) in whole[key].items()}
    days = {row["data-period"]: row.select("td")[0].get_text(strip=True)
            for row in page.select("#figures-periods tbody tr")}
    assert days == {(MONDAY + dt.timedelta(days=d)).isoformat(): "7" for d in range(5)}
    assert len(page.select("svg.chart")) == 3

    response = client.get("/counter/figures.csv?" + "&".join(f"{k}={v}" for k, v in {**WEEK, "period": "day"}.items()))
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    for day in range(5):
        start = MONDAY + dt.timedelta(days=day)
        mine = expected_totals([c for c in cases if c["day"] == start])
        first = next(r for r in rows if r["period_start"] == start.isoformat() and r["counter"] == "")
        assert (int(first["cases"]), int(first["characters_not_typed"]), float(first["minutes_saved"])) == (
            mine["cases"], mine["characters"], mine["minutes_saved"])
        for counter_id, (n, med, p90) in mine["waits"].items():
            row = next(r for r in rows if r["period_start"] == start.isoformat() and r["counter"] == counter_id)
            assert (int(row["wait_count"]), float(row["wait_median_minutes"]), float(row["wait_p90_minutes"])) == (
                n, med, p90)
        for counter_id, (n, med, p90) in mine["finishes"].items():
            row = next(r for r in rows if r["period_start"] == start.isoformat() and r["counter"] == counter_id)
            assert (int(row["done_count"]), float(row["done_median_minutes"]), float(row["done_p90_minutes"])) == (
                n, med, p90)

    weekly = list(csv.DictReader(io.StringIO(client.get(
        "/counter/figures.csv?period=week&office=chuo&" + "&".join(f"{k}={v}" for k, v in WEEK.items())).get_data(
        as_text=True))))
    chuo = expected_totals([c for c in cases if c["office"] == "chuo"])
    assert [(r["period_start"], int(r["cases"])) for r in weekly if r["counter"] == ""] == [
        (MONDAY.isoformat(), chuo["cases"])]
    print(f"week: {whole['cases']} cases, {whole['procedures_per_case']} procedures/case, "
          f"{whole['characters']} characters not typed = {whole['minutes_saved']} min "
          f"({whole['minutes_saved'] / whole['cases']:.1f} min/case); waits (n, median, p90 min): {whole['waits']}; "
          f"to 完了: {whole['finishes']}")
    assert_no_personal_data(cases, page_bytes := response.get_data() + client.get(
        "/counter/figures?period=week&" + "&".join(f"{k}={v}" for k, v in WEEK.items())).get_data())
    assert page_bytes


def personal_strings(cases: list[dict]) -> set[str]:
    """Every member's name, kana and birth date (ISO and 和暦) and every address part that names a place."""
    from navi.domain.dates import format_wareki

    found = set()
    for case in cases:
        facts = case["facts"]
        for m in facts["members"]:
            found |= {m["family_name"] + m.get("given_name", ""), m.get("given_name", ""),
                      m.get("family_name_kana", ""), m.get("given_name_kana", ""), m["birth_date"],
                      format_wareki(dt.date.fromisoformat(m["birth_date"]))}
        for key in ("address", "from_address", "to_address"):
            if facts.get(key):
                found |= {facts[key]["street"], facts[key].get("building", "")}
    return {s for s in found if len(s) >= 2}


def assert_no_personal_data(cases: list[dict], data: bytes) -> None:
    leaks = sorted(s for s in personal_strings(cases) if s.encode("utf-8") in data)
    assert leaks == []


def test_purge_keeps_the_figures(client, counter_app, clock):
    sign_in_as(client, counter_app, "clerk")
    scan(client, counter_app, household("birth_national"), 1)
    with session_factory(counter_app.config["DATABASE_URL"])() as session:
        from navi.records.retention import purge

        assert purge(session, 90, now=clock() + dt.timedelta(days=91)) == 1
        assert session.scalar(select(func.count()).select_from(CaseRecord)) == 0
        assert session.scalar(select(func.count()).select_from(CaseFigure)) == 1
