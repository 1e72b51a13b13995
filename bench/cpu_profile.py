"""The server's CPU per request of each page kind, in one process: the load's journeys through the test client.

Deterministic where bench/load.py is not (no neighbours, no network): an app on a real SQLite file in a
throwaway instance, the family-of-four 転入 journey to the QR code, then a clerk's scan, case page and print
of that code, repeated; each request's thread CPU time as navi's CPU meter measures it in service. With
--profile KIND, cProfile's top functions for the requests of that kind. Run from the repository root:

    python bench/cpu_profile.py --rounds 20
    python bench/cpu_profile.py --rounds 20 --profile "result page" --top 30
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import server_cpu  # noqa: E402
from bench.load import PASSWORD, QR_IMAGE, prepare, read_images, token_in  # noqa: E402
from tests.wizard.journeys import FAMILY_MOVING_IN  # noqa: E402


class Client:
    """The test client, each request timed (thread CPU) under its page kind and optionally profiled."""

    def __init__(self, app, profile: str | None):
        self.client = app.test_client()
        self.cpu: dict[str, list[float]] = {}
        self.profile = profile
        self.profiler = cProfile.Profile(time.thread_time)  # CPU, not the wall clock

    def send(self, kind: str, method: str, url: str, expect: int, **kwargs):
        profiled = self.profile == kind
        if profiled:
            self.profiler.enable()
        started = time.thread_time()
        response = self.client.open(url, method=method, headers={"Accept-Language": "ja"}, **kwargs)
        spent = time.thread_time() - started
        if profiled:
            self.profiler.disable()
        entry = self.cpu.setdefault(kind, [0, 0.0])
        entry[0] += 1
        entry[1] += spent
        if response.status_code != expect:
            raise SystemExit(f"{method} {url}: HTTP {response.status_code} (expected {expect})")
        return response


def journey(client: Client) -> list[str]:
    """The family-of-four journey to the QR code; the code's images as the result page shows them."""
    html = client.send("wizard page", "GET", "/", 200).get_data(as_text=True)
    location = client.send("wizard page", "POST", "/begin", 302,
                           data={"csrf_token": token_in(html, "/")}).headers["Location"]
    while not location.startswith("/result"):
        html = client.send("wizard page", "GET", location, 200).get_data(as_text=True)
        step_id = location.rsplit("/", 1)[-1]
        answer = FAMILY_MOVING_IN.data_for(step_id)
        location = client.send("wizard page", "POST", location, 302,
                               data={**answer, "csrf_token": token_in(html, location)}).headers["Location"]
    html = client.send("result page", "GET", "/result", 200).get_data(as_text=True)
    client.send("wizard page", "POST", "/finish", 302, data={"csrf_token": token_in(html, "/result"),
                                                            "reason": "finished"})
    return QR_IMAGE.findall(html)


def counter(client: Client, texts: list[str], print_path: str) -> None:
    """A clerk scans the code part by part, opens the case and prints its forms."""
    html = client.send("counter page", "GET", "/counter/scan", 200).get_data(as_text=True)
    for text in texts:
        response = client.send("scan (POST)", "POST", "/counter/scan", 302 if text == texts[-1] else 200,
                               data={"csrf_token": token_in(html, "/counter/scan"), "digits": text})
    location = response.headers["Location"]
    client.send("case page", "GET", location, 200)
    case_id = int(re.search(r"/cases/(\d+)", location).group(1))
    client.send("print", "GET", print_path.format(case_id=case_id), 200)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--profile", help="a page kind to profile (wizard page, result page, scan (POST), …)")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--callers", help="with --profile: show the callers of functions matching this")
    parser.add_argument("--callees", help="with --profile: show what the functions matching this call")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="navi-profile-", dir="/var/tmp") as scratch:
        env = {"NAVI_INSTANCE": str(Path(scratch) / "instance"), "NAVI_ROLE": "all", "NAVI_COOKIE_SECURE": "0"}
        os.environ.update(env)
        _, print_path = prepare(Path(env["NAVI_INSTANCE"]), env, 1)
        from navi import create_app

        app = create_app()
        resident, clerk = Client(app, args.profile), Client(app, args.profile)
        login = clerk.send("counter page", "GET", "/counter/login", 200).get_data(as_text=True)
        clerk.send("sign-in", "POST", "/counter/login", 302, data={
            "csrf_token": token_in(login, "/counter/login"), "username": "clerk000", "password": PASSWORD})
        # The first round warms the caches (and the imports) a long-running server has warm: not counted.
        counter(clerk, read_images(journey(resident)), print_path)
        for client in (resident, clerk):
            client.cpu.clear()
            client.profiler = cProfile.Profile(time.thread_time)
        for _ in range(args.rounds):
            counter(clerk, read_images(journey(resident)), print_path)
        kinds = {kind: (int(c), s) for kind, (c, s) in {**resident.cpu, **clerk.cpu}.items()}
        print("\n".join(server_cpu.table(kinds, args.rounds)))
        if args.profile:
            profiler = resident.profiler if args.profile in resident.cpu else clerk.profiler
            stats = pstats.Stats(profiler).sort_stats(os.environ.get("NAVI_PROFILE_SORT", "cumulative"))
            stats.print_stats(args.top)
            if args.callers:  # who calls the functions matching this pattern, and how often
                stats.print_callers(args.callers)
            if args.callees:  # what the functions matching this pattern call
                stats.print_callees(args.callees)
    return 0


if __name__ == "__main__":
    sys.exit(main())
