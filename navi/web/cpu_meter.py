"""Off-by-default meter of the server's own CPU per request: thread CPU time around each request, per route.

Wall time on a shared machine measures the neighbours; `time.thread_time()` counts only the CPU the request's
own thread used. Each process sums it per "METHOD endpoint" and writes its totals to one JSON file per process
in the instance's cpu-meter folder about once a second and when it exits; bench/load.py adds the files up.
No request data is kept: only route names, counts and seconds.
"""

from __future__ import annotations

import atexit
import json
import os
import threading
import time
from pathlib import Path

from flask import Flask, request

WRITE_EVERY_SECONDS = 1.0
ENDPOINT_KEY = "navi.cpu_meter.endpoint"


class Meter:
    """One process's totals: {"METHOD endpoint": [requests, CPU seconds]}, written to `folder`/<pid>.json."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.totals: dict[str, list[float]] = {}
        self.lock = threading.Lock()
        self.changed = False

    def add(self, key: str, seconds: float) -> None:
        with self.lock:
            entry = self.totals.setdefault(key, [0, 0.0])
            entry[0] += 1
            entry[1] += seconds
            self.changed = True

    def write(self) -> None:
        """The totals so far, replacing this process's file at once (a reader never sees half a file)."""
        with self.lock:
            if not self.changed:
                return
            text, self.changed = json.dumps(self.totals), False
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{os.getpid()}.json"
        partial = path.with_suffix(".part")
        partial.write_text(text, encoding="ascii")
        partial.replace(path)

    def keep_writing(self) -> None:
        while True:
            time.sleep(WRITE_EVERY_SECONDS)
            self.write()


def init_app(app: Flask, folder: Path) -> None:
    """Wrap the WSGI app so that each request's thread CPU time is added to this process's totals."""
    meters: dict[int, Meter] = {}  # per process: gunicorn forks the workers after the app is made (--preload)

    def meter() -> Meter:
        pid = os.getpid()
        if pid not in meters:
            meters[pid] = Meter(folder)
            threading.Thread(target=meters[pid].keep_writing, daemon=True, name="cpu-meter").start()
            atexit.register(meters[pid].write)
        return meters[pid]

    app.extensions["navi.cpu_meter"] = meter

    @app.before_request
    def _remember_endpoint() -> None:
        request.environ[ENDPOINT_KEY] = f"{request.method} {request.endpoint}"

    inner = app.wsgi_app

    def metered(environ, start_response):
        started = time.thread_time()
        try:
            # The body is joined here, inside the measurement (every page of this app is built in memory).
            body = inner(environ, start_response)
            try:
                return [b"".join(body)]
            finally:
                if hasattr(body, "close"):
                    body.close()
        finally:
            key = environ.get(ENDPOINT_KEY, f"{environ.get('REQUEST_METHOD')} unrouted")
            meter().add(key, time.thread_time() - started)

    app.wsgi_app = metered
