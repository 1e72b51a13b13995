"""The load bench through the city's load balancer: two counter hosts, then one, in the same run.

Deploys the city of tests/deploy (hosts in network namespaces: the lobby's kiosk host, lb's nginx, counter-1
and counter-2 on gunicorn, PostgreSQL on db; the wheel built from this checkout) and runs bench/load.py's
tablets (on the kiosk host) and clerks (through lb over TLS) twice: with both counter hosts, then with
counter-2 stopped. Every host shares this machine's cores, so the two figures show that two hosts behind lb
serve correctly, not that they are faster. As root, from the repository root:

    python bench/city.py --tablets 100 --clerks 10 --seconds 60
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import deque
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import load
from tests.deploy.city import CLERKS, deploy, home_codes, open_counter, targets
from tests.deploy.netns import City
from tests.deploy.wheel import build_wheel, install_in_fresh_venv

PRINT_PATH = "/counter/cases/{case_id}/forms.pdf"


def clerk_accounts(deployment, count: int) -> None:
    """One account per clerk (an admin's `navi staff add`, here through the database's socket)."""
    from navi.records.db import engine_for, session_factory
    from navi.records.staff import create_staff

    url = deployment.database_url()
    with session_factory(url)() as session:
        for number in range(CLERKS + 2, count):  # the first ones come with the deployment
            create_staff(session, f"clerk{number:03d}", load.PASSWORD, "clerk", by="bench")
    engine_for(url).dispose()


def one_run(deployment, args: argparse.Namespace, title: str) -> load.Figures:
    counter = load.Counter(deque(), home_codes(deployment, int(args.clerks * args.seconds)), PRINT_PATH)
    pids = [host.process.pid for host in [*deployment.counters.values(), deployment.lobby]
            if host.process is not None and host.process.poll() is None]
    figures = load.measure(targets(deployment), pids, args.tablets, args.clerks, args.seconds, 1, counter)
    print(f"{title}\n{figures.report()}\n", flush=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tablets", type=int, default=100)
    parser.add_argument("--clerks", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("bench/city.py makes network namespaces: run it as root")
    with tempfile.TemporaryDirectory(prefix="navi-city-", dir="/var/tmp") as scratch:
        bin_dir = install_in_fresh_venv(build_wheel(Path(scratch)), Path(scratch) / "venv")
        deployment = deploy(City(), Path(scratch) / "city", bin_dir)
        try:
            open_counter(deployment)
            clerk_accounts(deployment, args.clerks)
            two = one_run(deployment, args, "through lb, counter-1 + counter-2 (2 workers × 2 threads each):")
            deployment.counters["counter-2"].stop()
            one = one_run(deployment, args, "through lb, counter-1 alone (counter-2 stopped):")
        finally:
            deployment.stop()
    return 0 if two.meets_targets() and one.meets_targets() else 1


if __name__ == "__main__":
    sys.exit(main())
