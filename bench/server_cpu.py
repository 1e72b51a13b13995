"""The server's own CPU per request, per page kind: what navi's CPU meter (NAVI_CPU_METER=1) wrote.

Each app process writes {"METHOD endpoint": [requests, thread CPU seconds]} to <instance>/cpu-meter/<pid>.json
(navi.web.cpu_meter); the totals of a run are the files' sums after it less those before it.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path

# Long enough for every process's writer (once a second) to have written the run's last requests.
SETTLE_SECONDS = 2.5
KINDS = ("wizard page", "result page", "static file", "sign-in", "counter page", "scan (POST)", "case page",
         "print", "other")


def kind_of(key: str) -> str:
    """The load generator's page kind of a "METHOD endpoint" (the names bench/load.py reports under)."""
    method, _, endpoint = key.partition(" ")
    if endpoint == "static":
        return "static file"
    if endpoint == "wizard.result" and method == "GET":
        return "result page"
    if endpoint.startswith("wizard."):
        return "wizard page"
    return {"POST counter.login": "sign-in", "GET counter.login": "counter page", "GET counter.scan": "counter page",
            "POST counter.scan_submit": "scan (POST)", "GET counter.case_detail": "case page",
            "GET counter.print_forms": "print"}.get(key, "other")


def read_totals(folder: Path | None) -> dict[str, list[float]]:
    """Requests and CPU seconds per "METHOD endpoint", summed over the processes' files (none: empty)."""
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    if folder is None or not folder.is_dir():
        return totals
    for path in folder.glob("*.json"):
        for key, (count, seconds) in json.loads(path.read_text(encoding="ascii")).items():
            totals[key][0] += count
            totals[key][1] += seconds
    return totals


def per_kind(before: dict, after: dict) -> dict[str, tuple[int, float]]:
    """(requests, CPU seconds) per page kind between two readings."""
    kinds: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for key, (count, seconds) in after.items():
        old = before.get(key, (0, 0.0))
        kinds[kind_of(key)][0] += count - old[0]
        kinds[kind_of(key)][1] += seconds - old[1]
    return {kind: (int(count), seconds) for kind, (count, seconds) in kinds.items() if count}


class Reading:
    """The meter's totals at the start of a run, and the run's figures per page kind at its end."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.before = read_totals(folder)

    def finish(self) -> dict[str, tuple[int, float]]:
        if self.folder is None:
            return {}
        time.sleep(SETTLE_SECONDS)
        return per_kind(self.before, read_totals(self.folder))


def table(kinds: dict[str, tuple[int, float]], cases: int) -> list[str]:
    """Lines of the CPU-per-request table: per page kind, scan-to-case (its scans and case page), the run."""
    if not kinds:
        return ["server CPU per request: not measured (the server's NAVI_CPU_METER is off)"]
    lines = [f"{'server CPU':<16}{'requests':>9}{'CPU s':>9}{'ms/req':>9}"]
    for kind in KINDS:
        if kind in kinds:
            count, seconds = kinds[kind]
            lines.append(f"{kind:<16}{count:>9}{seconds:>9.1f}{seconds * 1000 / count:>9.2f}")
    if cases:
        seconds = sum(kinds.get(kind, (0, 0.0))[1] for kind in ("scan (POST)", "case page"))
        lines.append(f"{'scan-to-case':<16}{cases:>9}{seconds:>9.1f}{seconds * 1000 / cases:>9.2f}")
    count = sum(c for c, _ in kinds.values())
    seconds = sum(s for _, s in kinds.values())
    lines.append(f"{'run (all)':<16}{count:>9}{seconds:>9.1f}{seconds * 1000 / count:>9.2f}"
                 "   (thread CPU inside the app per HTTP request)")
    return lines
