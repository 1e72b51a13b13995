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


def test_counter_1_killed_mid_run_fails_over_to_counter_2_and_comes_back(city, quick_people, capsys):
    first = city.counters["counter-1"]
    marks = {}

    async def lose_counter_1(recorder: load.Recorder, deadline: float) -> tuple[float, float]:
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

    before = chaos.last_case_id(str(city.database.base))
    outcome = asyncio.run(chaos.run_with_fault(targets(city), TABLETS, CLERKS, SECONDS, counter_for(city),
                                               lose_counter_1))
    again = asyncio.run(rescan_failed(city, outcome))
    figures = chaos.case_figures(str(city.database.base), before)
    while_down = {host: upstream_answers(city, host, marks["killed"], marks["back"]) for host in city.counters}
    back_on_1 = upstream_answers(city, "counter-1", marks["back"])
    report(capsys, "counter-1 killed", outcome, figures,
           f"while it was down lb's log shows counter-1 answering {while_down['counter-1']} requests, counter-2 "
           f"{while_down['counter-2']}; counter-1 back: answered {back_on_1}")

    succeeded = [at for _, at in outcome.recorder.scans if at is not None]
    assert all("/counter/cases/" in at for at in again)
    # Every code scanned became exactly one case: a scan that died with counter-1 either made its case (and
    # scanning again finds it) or made nothing (and scanning again makes it).
    assert figures["cases made"] == len(succeeded) + len(again) == len(set(succeeded) | set(again))
    assert figures["duplicates"] == figures["without procedures"] == figures["receipt numbers repeated"] == 0
    assert chaos.recovery_seconds(outcome.recorder, outcome.fault_at) < 10
    assert sum(bad for _, bad in chaos.clerk_requests_after(outcome.recorder, outcome.fault_at)) <= 2 * CLERKS
    assert while_down["counter-1"] == 0 and while_down["counter-2"] > 0
    assert back_on_1 > 0
    assert not [error for error in outcome.recorder.errors if error.startswith("tablet")]  # the lobby noticed nothing


def test_postgresql_restarted_mid_run_gives_the_503_page_and_work_resumes(city, quick_people, capsys):
    database = city.database
    seen = {}

    async def restart_database(recorder: load.Recorder, deadline: float) -> tuple[float, float]:
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

    before = chaos.last_case_id(str(database.base))
    outcome = asyncio.run(chaos.run_with_fault(targets(city), TABLETS, CLERKS, SECONDS, counter_for(city),
                                               restart_database))
    again = asyncio.run(rescan_failed(city, outcome))
    figures = chaos.case_figures(str(database.base), before)
    report(capsys, "PostgreSQL restarted", outcome, figures, f"a clerk's page meanwhile: HTTP {seen['status']}")

    assert seen["status"] == 503 and "記録を保存できませんでした" in seen["text"] and "Traceback" not in seen["text"]
    answers = {(kind, status) for at, who, kind, status in outcome.recorder.timeline
               if who.startswith("clerk") and at >= outcome.fault_at}
    # Refused in words, never a dropped connection or a 500.
    assert {status for _, status in answers} <= {200, 302, 304, 503}, answers
    succeeded = [at for _, at in outcome.recorder.scans if at is not None]
    # Nothing half-written: a scan refused while the database was down made no case, so scanning again makes it.
    assert all("/counter/cases/" in at and "already" not in at for at in again)
    assert figures["cases made"] == len(succeeded) + len(again) == len(set(succeeded) | set(again))
    assert figures["duplicates"] == figures["without procedures"] == figures["receipt numbers repeated"] == 0
    assert not [error for error in outcome.recorder.errors if error.startswith("tablet")]
