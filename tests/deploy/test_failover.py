"""Losing a host under load, through lb: counter-1's gunicorn killed, then PostgreSQL restarted.

Each run prints its figures: codes scanned, cases made, duplicates, cases without procedures, failed clerk
requests after the fault and how long until clerks' requests succeed again.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import deque

import pytest

from bench import load
from tests.deploy import chaos
from tests.deploy.city import CLERKS, home_codes, targets

TABLETS = 6
SECONDS = 30.0  # the run's bound; the faults come when enough cases are made, not at set times
UPSTREAM = re.compile(r"upstream=(?:\S+, )*([\d.]+):\d+ upstream_status=")
FAST_PEOPLE = (0.2, 0.8)  # seconds a person spends on a page: short, so a bounded run makes enough cases


@pytest.fixture
def quick_people(monkeypatch):
    monkeypatch.setattr(load, "THINK", FAST_PEOPLE)
    monkeypatch.setattr(load, "RAMP_SECONDS", 2)


def counter_for(city) -> load.Counter:
    print_path = "/counter/cases/{case_id}/forms.pdf"
    return load.Counter(deque(), home_codes(city, int(CLERKS * SECONDS)), print_path)


def upstream_answers(city, host: str, since: int, until: int | None = None) -> int:
    """Requests lb's access log shows a host answered (status < 500) between two byte offsets of the log."""
    with city.access_log.open("rb") as log:
        log.seek(since)
        lines = log.read(None if until is None else until - since).decode().splitlines()
    # "upstream=A:8000, B:8000 upstream_status=…" when lb tried A first: the last host named is the one that answered.
    answered = (UPSTREAM.search(line) for line in lines)
    return sum(1 for line, found in zip(lines, answered, strict=True)
               if found and found.group(1) == city.city.address[host] and int(line.split()[1]) < 500)


def report(capsys, title: str, outcome: chaos.Outcome, figures: dict, extra: str) -> None:
    scans = outcome.recorder.scans
    failed_after = sum(bad for _, bad in chaos.clerk_requests_after(outcome.recorder, outcome.fault_at))
    with capsys.disabled():
        print(f"\n{title}: codes scanned {len(scans)} ({sum(1 for _, at in scans if at is None)} scans failed, "
              f"scanned again), cases made {figures['cases made']}, duplicates {figures['duplicates']}, "
              f"cases without procedures {figures['without procedures']}, repeated receipt numbers "
              f"{figures['receipt numbers repeated']}, failed clerk requests after the fault {failed_after}, "
              f"clerks' requests succeed again {chaos.recovery_seconds(outcome.recorder, outcome.fault_at):.1f} s "
              f"after it; {extra}")


async def rescan_failed(city, outcome: chaos.Outcome) -> list[str]:
    """A clerk scans again every code whose scan failed: where each leads."""
    clerk = await load.sign_in(CLERKS, targets(city).counter, outcome.recorder)
    try:
        return [await chaos.rescan(clerk, texts) for texts, location in outcome.recorder.scans if location is None]
    finally:
        await clerk.close()


def run(city, fault) -> tuple[chaos.Outcome, list[str], dict]:
    """A bounded run with the fault, every failed code scanned again, then the database's figures."""
    before = chaos.last_case_id(str(city.database.base))
    outcome = chaos.run_apart(chaos.run_with_fault, targets(city), TABLETS, CLERKS, SECONDS, counter_for(city),
                              fault)
    again = chaos.run_apart(rescan_failed, city, outcome)
    return outcome, again, chaos.case_figures(str(city.database.base), before)


def assert_one_case_per_code(outcome: chaos.Outcome, again: list[str], figures: dict) -> None:
    """Every code scanned is exactly one case, complete, with its own receipt number; the lobby noticed nothing."""
    succeeded = [at for _, at in outcome.recorder.scans if at is not None]
    assert all("/counter/cases/" in at for at in again)
    assert figures["cases made"] == len(succeeded) + len(again) == len(set(succeeded) | set(again))
    assert figures["duplicates"] == figures["without procedures"] == figures["receipt numbers repeated"] == 0
    assert not [error for error in outcome.recorder.errors if error.startswith("tablet")]


def losing_counter_1(city, marks: dict):
    """The fault: SIGKILL counter-1's gunicorn after 4 cases; bring it back after counter-2 made 4 more."""
    first = city.counters["counter-1"]

    async def fault(recorder: load.Recorder, deadline: float) -> tuple[float, float]:
        assert await chaos.until(lambda: recorder.cases >= 4, deadline)
        await asyncio.to_thread(first.kill)
        killed, made = time.monotonic(), recorder.cases
        marks["killed"] = city.access_log.stat().st_size
        assert await chaos.until(lambda: recorder.cases >= made + 4, deadline), "counter-2 made no cases"
        marks["back"] = city.access_log.stat().st_size
        await asyncio.to_thread(first.launch)
        await asyncio.to_thread(first.wait_ready)
        back, made = time.monotonic(), recorder.cases
        assert await chaos.until(lambda: recorder.cases >= made + 6, deadline), "no cases after counter-1 came back"
        return killed, back

    return fault


def test_counter_1_killed_mid_run_fails_over_to_counter_2_and_comes_back(city, quick_people, capsys):
    marks = {}
    outcome, again, figures = run(city, losing_counter_1(city, marks))
    while_down = {host: upstream_answers(city, host, marks["killed"], marks["back"]) for host in city.counters}
    back_on_1 = upstream_answers(city, "counter-1", marks["back"])
    report(capsys, "counter-1 killed", outcome, figures,
           f"while it was down lb's log shows counter-1 answering {while_down['counter-1']} requests, counter-2 "
           f"{while_down['counter-2']}; counter-1 back: answered {back_on_1}")
    # A scan that died with counter-1 either made its case (scanning again finds it) or made nothing (scanning
    # again makes it): either way one case per code.
    assert_one_case_per_code(outcome, again, figures)
    assert chaos.recovery_seconds(outcome.recorder, outcome.fault_at) < 10
    assert sum(bad for _, bad in chaos.clerk_requests_after(outcome.recorder, outcome.fault_at)) <= 2 * CLERKS
    assert while_down["counter-1"] == 0 and while_down["counter-2"] > 0
    assert back_on_1 > 0


def restarting_the_database(city, seen: dict):
    """The fault: stop PostgreSQL after 4 cases, look at a clerk's page, start it again after the first refusal."""
    database = city.database

    async def fault(recorder: load.Recorder, deadline: float) -> tuple[float, float]:
        prober = await load.sign_in(CLERKS, targets(city).counter, load.Recorder())
        assert await chaos.until(lambda: recorder.cases >= 4, deadline)
        await asyncio.to_thread(database.stop)
        stopped = time.monotonic()
        page = await prober.send("GET", "/counter/scan")
        seen.update(status=page.status, text=page.text)
        await prober.close()
        await chaos.until(lambda: any(chaos.failed(s) for t, w, _, s in recorder.timeline
                                      if w.startswith("clerk") and t >= stopped), min(deadline, stopped + 5))
        await asyncio.to_thread(database.start)
        back, made = time.monotonic(), recorder.cases
        assert await chaos.until(lambda: recorder.cases >= made + 4, deadline), "no cases after the restart"
        return stopped, back

    return fault


def test_postgresql_restarted_mid_run_gives_the_503_page_and_work_resumes(city, quick_people, capsys):
    seen = {}
    outcome, again, figures = run(city, restarting_the_database(city, seen))
    report(capsys, "PostgreSQL restarted", outcome, figures, f"a clerk's page meanwhile: HTTP {seen['status']}")
    assert seen["status"] == 503 and "記録を保存できませんでした" in seen["text"] and "Traceback" not in seen["text"]
    answers = {(kind, status) for at, who, kind, status in outcome.recorder.timeline
               if who.startswith("clerk") and at >= outcome.fault_at}
    # Refused in words, never a dropped connection or a 500.
    assert {status for _, status in answers} <= {200, 302, 304, 503}, answers
    # Nothing half-written: a scan refused while the database was down made no case, so scanning again makes it.
    assert all("already" not in at for at in again)
    assert_one_case_per_code(outcome, again, figures)
