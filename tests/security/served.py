"""A real gunicorn (the production server) on a prepared instance, for tests that measure the processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.test_serve import free_port

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def gunicorn(instance: Path, workers: int = 2, threads: int = 2, **env: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """gunicorn wsgi:app on 127.0.0.1 (a free port) over `instance`, prepared first; yields its URL and process."""
    environment = {**os.environ, "NAVI_INSTANCE": str(instance), "NAVI_COOKIE_SECURE": "0", **env}
    subprocess.run([sys.executable, "-m", "navi", "prepare"], env=environment, check=True, capture_output=True)
    port = free_port()
    log = instance / "gunicorn.out"
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--threads", str(threads),
               "--bind", f"127.0.0.1:{port}", "--worker-tmp-dir", "/dev/shm", "--log-level", "warning", "wsgi:app"]
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, log, workers)
        yield url, process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(url: str, process: subprocess.Popen, log: Path, workers: int) -> None:
    """Poll until every worker is running and the start page answers (the limit only bounds a hung start)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(log.read_text())
        try:
            with urllib.request.urlopen(url + "/", timeout=5) as response:
                if response.status == 200 and len(worker_pids(process.pid)) == workers:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("gunicorn did not answer within 60 s:\n" + log.read_text())


def worker_pids(master: int) -> list[int]:
    """The gunicorn master's child processes (its workers)."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def written_bytes(pids: list[int]) -> int:
    """Bytes these processes have written so far through any write call (files, sockets, pipes): /proc/PID/io."""
    total = 0
    for pid in pids:
        fields = dict(line.split(": ") for line in Path(f"/proc/{pid}/io").read_text().splitlines())
        total += int(fields["wchar"])
    return total


def resident_bytes(pids: list[int]) -> int:
    """The proportional set size (shared pages split between sharers) of these processes: /proc/PID/smaps_rollup."""
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1]) * 1024
    return total
