"""bench/load.py's tablets and clerks through the city, with a fault set off by progress (cases made), not by
the clock; and what the run shows: failures after the fault, how long until clerks succeed again."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import psycopg

from bench import load


@dataclass
class Outcome:
    """A run's recorder and the moments its fault began and ended (time.monotonic)."""

    recorder: load.Recorder
    fault_at: float
    back_at: float


def run_apart(make: Callable[..., Awaitable], *args):
    """asyncio.run(make(*args)) in a thread of its own: the browser tests' Playwright keeps an event loop
    running in the main thread for the whole test session, and asyncio.run refuses to start beside it."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(lambda: asyncio.run(make(*args))).result()


async def until(condition: Callable[[], bool], deadline: float) -> bool:
    """Wait for a condition of the run's progress; False when the run ends first."""
    while not condition():
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(0.05)
    return True


async def run_with_fault(targets: load.Targets, tablets: int, clerks: int, seconds: float, counter: load.Counter,
                         fault: Callable[[load.Recorder, float], Awaitable[tuple[float, float]]]) -> Outcome:
    """Tablets on the lobby, clerks through lb, and `fault(recorder, deadline)` alongside them."""
    recorder = load.Recorder()
    signed_in = await asyncio.gather(*(load.sign_in(i, targets.counter, recorder) for i in range(clerks)))
    deadline = time.monotonic() + seconds
    people = [load.tablet(i, targets.kiosk, recorder, counter.tablet_codes, 1, deadline) for i in range(tablets)]
    people += [load.clerk(i, browser, recorder, counter, 1, deadline) for i, browser in enumerate(signed_in)]
    moments, *_ = await asyncio.gather(fault(recorder, deadline), *people)
    return Outcome(recorder, *moments)


def failed(status: int | str) -> bool:
    """A request a person would see fail: no answer, or a 5xx page."""
    return isinstance(status, str) or status >= 500


def clerk_requests_after(recorder: load.Recorder, moment: float) -> list[tuple[float, bool]]:
    """(start, failed) of every clerk request begun at or after a moment, in order."""
    return sorted((at, failed(status)) for at, who, _, status in recorder.timeline
                  if who.startswith("clerk") and at >= moment)


def recovery_seconds(recorder: load.Recorder, moment: float) -> float:
    """From the fault until the first clerk request after the last failed one that succeeded."""
    requests = clerk_requests_after(recorder, moment)
    last_failure = max((at for at, bad in requests if bad), default=moment)
    return min(at for at, bad in requests if not bad and at >= last_failure) - moment


async def rescan(browser: load.Browser, texts: list[str]) -> str:
    """A clerk scans a code again after an error page: where the counter sends them."""
    html = (await browser.request("rescan", "GET", "/counter/scan", 200)).text
    response = None
    for text in texts:
        response = await browser.request("rescan", "POST", "/counter/scan", 302 if text == texts[-1] else 200,
                                         data={"csrf_token": load.token_in(html, "/counter/scan"), "digits": text})
    return response.headers["location"]


def case_figures(socket_dir: str, after_case: int) -> dict[str, int]:
    """What the counters' database holds: cases made since a case id, duplicates, gaps (read on the db host)."""
    with psycopg.connect(host=socket_dir, port=5432, dbname="navi", user="navi") as connection:
        def one(sql: str) -> int:
            return connection.execute(sql, {"after": after_case}).fetchone()[0]

        return {
            "cases made": one("SELECT count(*) FROM cases WHERE id > %(after)s"),
            "duplicates": one("SELECT count(*) - count(DISTINCT code_digest) FROM cases WHERE id > %(after)s"),
            "without procedures": one("SELECT count(*) FROM cases c WHERE id > %(after)s AND NOT EXISTS "
                                      "(SELECT 1 FROM case_procedures p WHERE p.case_id = c.id)"),
            "receipt numbers repeated": one("SELECT count(*) - count(DISTINCT receipt_no) FROM cases"),
        }


def last_case_id(socket_dir: str) -> int:
    """The newest case's id (0 when none)."""
    with psycopg.connect(host=socket_dir, port=5432, dbname="navi", user="navi") as connection:
        return connection.execute("SELECT coalesce(max(id), 0) FROM cases").fetchone()[0]
