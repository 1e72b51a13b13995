"""Load: simulated lobby tablets walk the whole wizard to the QR code while clerks scan codes and open cases.

Starts its own gunicorn (and, for PostgreSQL, its own throwaway server) on 127.0.0.1, creates the staff
accounts and keys, runs for a bounded time, and prints throughput, p50/p95/p99 latency per page kind and
errors. Or, with --url, loads servers already running (loopback or the tests' own network namespaces only).
Run from the repository root:

    python bench/load.py --db sqlite|postgresql --tablets 200 --clerks 20 --seconds 120
    python bench/load.py --db sqlite --find-max          # the most tablets still meeting the targets
    python bench/load.py --url https://10.231.4.2 --kiosk-url http://10.231.5.10:8000 --instance DIR --ca-file F
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import io
import ipaddress
import os
import random
import re
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from collections import defaultdict, deque
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlencode, urlsplit
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[1]
# The journey and the throwaway PostgreSQL server are the tests' own: make the repository root importable.
sys.path.insert(0, str(ROOT))

from bench import server_cpu  # noqa: E402
from navi.web.extensions import catalog_source  # noqa: E402
from tests.wizard.journeys import FAMILY_MOVING_IN  # noqa: E402

HOST = "127.0.0.1"  # the server it starts itself listens on loopback only
# Where a running target (--url) may be: loopback, or the addresses of the tests' own network namespaces.
ALLOWED_TARGETS = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("10.231.0.0/16"))
TARGETS = {"wizard page": 300.0, "scan-to-case": 500.0}  # p95 limits in ms; and zero errors
LIMITS = {"tablets": 2000, "clerks": 200, "seconds": 1800}
PASSWORD = "load-test password 1"
THINK = (1.0, 3.0)  # seconds a person takes on a page
# Seconds gunicorn keeps an idle connection open: longer than a person's pause, so a page's request never
# races the server closing the connection (the client lets go one second earlier).
KEEP_ALIVE = 5
REQUEST_TIMEOUT = 30.0
RAMP_SECONDS = 10  # the tablets come into use one after another over the first seconds of a run
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
QR_IMAGE = re.compile(r'<img src="data:image/png;base64,([^"]+)"')
ASSETS = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"')


# ---- Recording ----------------------------------------------------------------------------------------------


@dataclass
class Recorder:
    """Latencies (ms) per page kind and every error, as they happen."""

    samples: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    journeys: int = 0
    cases: int = 0
    codes_from_tablets: int = 0
    # (monotonic start, who, kind, HTTP status or the connection error's name) of every request: when a host is
    # lost mid-run, which requests failed and when they succeed again.
    timeline: list[tuple[float, str, str, int | str]] = field(default_factory=list)
    # (the digits scanned, the case page the scan led to, or None when it failed) of every code a clerk scanned.
    scans: list[tuple[list[str], str | None]] = field(default_factory=list)

    def add(self, kind: str, started: float) -> float:
        elapsed = (time.perf_counter() - started) * 1000
        self.samples[kind].append(elapsed)
        return elapsed

    def error(self, text: str) -> None:
        self.errors.append(text)


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of a list of numbers."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


class LoadError(Exception):
    """A response that a person would see as broken (wrong status, missing form, unreadable code)."""


@dataclass(frozen=True)
class Target:
    """Where a browser connects: an address, a port, and the TLS context for https (None: plain HTTP)."""

    host: str
    port: int
    tls: ssl.SSLContext | None = None

    @classmethod
    def from_url(cls, url: str, ca_file: str | None = None) -> Target:
        """A running server's base URL; refused unless on loopback or in the tests' namespaces' range."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"{url}: not an http(s) URL")
        address = ipaddress.ip_address(parts.hostname)
        if not any(address in network for network in ALLOWED_TARGETS):
            raise ValueError(f"{url}: only loopback or 10.231.0.0/16 (the tests' own namespaces)")
        tls = ssl.create_default_context(cafile=ca_file) if parts.scheme == "https" else None
        return cls(parts.hostname, parts.port or (443 if tls else 80), tls)

    @property
    def authority(self) -> str:
        """The Host header: the port only when it is not the scheme's own (as a browser sends it)."""
        return self.host if self.port == (443 if self.tls else 80) else f"{self.host}:{self.port}"


# ---- A browser's share: a kept-alive connection, cookies, cached static files, CSRF tokens -----------------
# A small HTTP/1.1 client of our own: httpx spent 1.5 ms of CPU per request against 0.12 ms for this, and on a
# 2-core machine every millisecond the load generator spends is taken from the server it measures.


@dataclass
class Response:
    """A response as the load generator needs it."""

    status: int
    headers: dict[str, str]
    cookies: list[str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Browser:
    """One tablet's or clerk's browser: its own cookies and connection, and a cache for CSS and scripts."""

    def __init__(self, target: Target, recorder: Recorder, who: str = ""):
        self.target = target
        self.who = who
        self.recorder = recorder
        self.cookies: dict[str, str] = {}
        self.cache: dict[str, tuple[str | None, float]] = {}
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.idle_since = 0.0

    async def close(self) -> None:
        if self.writer is not None:
            writer, self.reader, self.writer = self.writer, None, None
            writer.close()
            # Wait for the close to finish: a TLS connection says goodbye first, and one left half-closed when the
            # run's event loop ends is never closed at all.
            with suppress(OSError, ssl.SSLError, TimeoutError):
                await asyncio.wait_for(writer.wait_closed(), 5)

    async def send(self, method: str, url: str, data: dict | None = None, headers: dict | None = None) -> Response:
        """One request and its whole response over the kept-alive connection (a new one when it went stale)."""
        if self.writer is None or time.monotonic() - self.idle_since > KEEP_ALIVE - 1:
            await self.close()
            self.reader, self.writer = await asyncio.open_connection(self.target.host, self.target.port,
                                                                     ssl=self.target.tls)
        body = urlencode(data, doseq=True).encode() if data is not None else b""
        lines = [f"{method} {url} HTTP/1.1", f"Host: {self.target.authority}", "Accept-Language: ja"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if data is not None:
            lines += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
            if self.target.tls:  # a browser's form post over HTTPS names its page (CSRF checks the origin)
                lines.append(f"Referer: https://{self.target.authority}{url}")
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        response = await asyncio.wait_for(self._read(), REQUEST_TIMEOUT)
        if response.headers.get("connection", "").lower() == "close":
            await self.close()
        self._remember(response.cookies)
        self.idle_since = time.monotonic()
        return response

    async def _read(self) -> Response:
        assert self.reader is not None
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split(" ", 2)[1])
        headers, cookies = {}, []
        for line in head[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
                if name.strip().lower() == "set-cookie":
                    cookies.append(value.strip())
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                body += await self.reader.readexactly(size)
                await self.reader.readexactly(2)
            await self.reader.readuntil(b"\r\n")
        else:
            body = await self.reader.read()
            headers["connection"] = "close"
        return Response(status, headers, cookies, body)

    def _remember(self, cookies: list[str]) -> None:
        for cookie in cookies:
            name, _, rest = cookie.partition("=")
            value, *attributes = rest.split(";")
            if any(a.strip().lower() in ("max-age=0", "expires=thu, 01 jan 1970 00:00:00 gmt") for a in attributes):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    async def request(self, kind: str, method: str, url: str, expect: int, **kwargs) -> Response:
        """One request, timed under `kind`; a status other than `expect` is an error."""
        started = time.perf_counter()
        moment = time.monotonic()
        try:
            response = await self.send(method, url, **kwargs)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ValueError) as error:
            self.recorder.add(kind, started)
            self.recorder.timeline.append((moment, self.who, kind, type(error).__name__))
            await self.close()
            raise LoadError(f"{method} {url}: {type(error).__name__}") from None
        self.recorder.add(kind, started)
        self.recorder.timeline.append((moment, self.who, kind, response.status))
        if response.status != expect:
            raise LoadError(f"{method} {url}: HTTP {response.status} (expected {expect})")
        return response

    async def page(self, kind: str, url: str) -> str:
        """GET a page and the stylesheets and scripts it links, as a browser with a cache would."""
        html = (await self.request(kind, "GET", url, 200)).text
        for asset in ASSETS.findall(html):
            await self._asset(asset.replace("&amp;", "&"))
        return html

    async def _asset(self, url: str) -> None:
        etag, fresh_until = self.cache.get(url, (None, 0.0))
        if time.time() < fresh_until:
            return
        response = await self.request("static file", "GET", url, 304 if etag else 200,
                                      headers={"If-None-Match": etag} if etag else {})
        self.cache[url] = (response.headers.get("etag", etag), time.time() + max_age(response.headers))


def max_age(headers: dict[str, str]) -> float:
    """How long a response may be reused without asking (Cache-Control max-age, else Expires), in seconds."""
    control = headers.get("cache-control", "")
    if "no-store" in control or "no-cache" in control:
        return 0.0
    found = re.search(r"max-age=(\d+)", control)
    if found:
        return float(found.group(1))
    if "expires" in headers:
        try:
            return parsedate_to_datetime(headers["expires"]).timestamp() - time.time()
        except (TypeError, ValueError):
            return 0.0
    return 0.0


def token_in(html: str, url: str) -> str:
    found = TOKEN.search(html)
    if found is None:
        raise LoadError(f"{url}: no form on the page")
    return found.group(1)


# ---- The people ---------------------------------------------------------------------------------------------


async def think(rng: random.Random, deadline: float) -> bool:
    """Pause like a person reading the page; False when the run is over."""
    pause = rng.uniform(*THINK)
    if time.monotonic() + pause >= deadline:
        return False
    await asyncio.sleep(pause)
    return True


async def tablet(number: int, target: Target, recorder: Recorder, codes: deque, seed: int, deadline: float) -> None:
    """A resident after resident on one lobby tablet: the family-of-four 転入 journey to the QR code, again."""
    rng = random.Random(seed * 100_003 + number)
    await asyncio.sleep(rng.uniform(0, RAMP_SECONDS))  # residents arrive over the first seconds, not at once
    browser = Browser(target, recorder, f"tablet {number}")
    try:
        while time.monotonic() < deadline:
            try:
                if not await walk_once(browser, rng, codes, deadline):
                    return
                recorder.journeys += 1
            except LoadError as error:
                recorder.error(f"tablet {number}: {error}")
                browser = await fresh(browser)
    finally:
        await browser.close()


async def fresh(browser: Browser) -> Browser:
    await browser.close()
    return Browser(browser.target, browser.recorder, browser.who)


async def walk_once(browser: Browser, rng: random.Random, codes: deque, deadline: float) -> bool:
    """One resident from the start page to the QR code and 「おわる」; False when time ran out on the way."""
    html = await browser.page("wizard page", "/")
    if not await think(rng, deadline):
        return False
    begun = await browser.request("wizard page", "POST", "/begin", 302, data={"csrf_token": token_in(html, "/")})
    location = begun.headers["location"]
    for _ in range(40):
        if location.startswith("/result"):
            return await finish(browser, rng, codes, deadline)
        html = await browser.page("wizard page", location)
        if not await think(rng, deadline):
            return False
        step_id = location.rsplit("/", 1)[-1]
        answer = FAMILY_MOVING_IN.data_for(step_id)
        posted = await browser.request("wizard page", "POST", location, 302,
                                       data={**answer, "csrf_token": token_in(html, location)})
        location = posted.headers["location"]
    raise LoadError("the journey did not reach the result page in 40 pages")


async def finish(browser: Browser, rng: random.Random, codes: deque, deadline: float) -> bool:
    html = await browser.page("result page", "/result")
    images = QR_IMAGE.findall(html)
    if not images:
        raise LoadError("/result: no QR code on the page")
    codes.append(images)  # the resident walks to the counter with the code
    if not await think(rng, deadline):
        return False
    await browser.request("wizard page", "POST", "/finish", 302, data={"csrf_token": token_in(html, "/result"),
                                                                       "reason": "finished"})
    return True


def read_images(images: list[str]) -> list[str]:
    """What a scanner reads from the codes on a result page (zxing-cpp on the PNG images)."""
    import zxingcpp
    from PIL import Image

    texts = []
    for data in images:
        with Image.open(io.BytesIO(base64.b64decode(data))) as picture:
            found = zxingcpp.read_barcodes(picture.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)
        if not found:
            raise LoadError("a QR code on the result page does not read")
        texts.append(found[0].text)
    return texts


@dataclass
class Counter:
    """What the clerks share: codes from the tablets, codes residents made at home, the print route."""

    tablet_codes: deque
    home_codes: deque
    print_path: str


async def sign_in(number: int, target: Target, recorder: Recorder) -> Browser:
    """A clerk signs in at the start of the shift (before the clock starts: not part of the rush)."""
    browser = Browser(target, recorder, f"clerk {number}")
    html = await browser.page("counter page", "/counter/login")
    await browser.request("sign-in", "POST", "/counter/login", 302, data={
        "csrf_token": token_in(html, "/counter/login"), "username": f"clerk{number:03d}", "password": PASSWORD})
    return browser


async def clerk(number: int, browser: Browser, recorder: Recorder, counter: Counter, seed: int,
                deadline: float) -> None:
    """A clerk at the counter: scan the next resident's code, open the case, print, next."""
    rng = random.Random(seed * 200_003 + number)
    try:
        while await think(rng, deadline):
            try:
                await serve_one(browser, recorder, counter, rng, deadline)
            except LoadError as error:
                recorder.error(f"clerk {number}: {error}")
    finally:
        await browser.close()


async def serve_one(browser: Browser, recorder: Recorder, counter: Counter, rng: random.Random,
                    deadline: float) -> None:
    """The scan page, the resident's code scanned, the case read, the packet printed: a pause at each."""
    if counter.tablet_codes:
        texts = await asyncio.to_thread(read_images, counter.tablet_codes.popleft())
        recorder.codes_from_tablets += 1
    elif counter.home_codes:
        texts = counter.home_codes.popleft()
    else:
        return
    html = await browser.page("counter page", "/counter/scan")
    if not await think(rng, deadline):
        return
    started = time.perf_counter()
    location = await scan(browser, html, texts)
    if "/counter/cases/" not in location or "already" in location:
        raise LoadError(f"scan went to {location}, not a new case")
    await browser.page("case page", location)
    recorder.add("scan-to-case", started)
    recorder.cases += 1
    if await think(rng, deadline):
        case_id = int(location.rsplit("/", 1)[-1].split("?")[0])
        await browser.request("print", "GET", counter.print_path.format(case_id=case_id), 200)


async def scan(browser: Browser, html: str, texts: list[str]) -> str:
    """The scanner types each part of a code into the scan form: where the last part leads (kept per code)."""
    try:
        for text in texts:  # a split code is scanned part by part
            response = await browser.request("scan (POST)", "POST", "/counter/scan",
                                             302 if text == texts[-1] else 200,
                                             data={"csrf_token": token_in(html, "/counter/scan"), "digits": text})
    except LoadError:
        browser.recorder.scans.append((texts, None))
        raise
    browser.recorder.scans.append((texts, response.headers["location"]))
    return response.headers["location"]


# ---- The servers --------------------------------------------------------------------------------------------


def free_port() -> int:
    # On a shared machine each engineer has a port range: NAVI_BENCH_PORT pins the server's port.
    if os.environ.get("NAVI_BENCH_PORT"):
        return int(os.environ["NAVI_BENCH_PORT"])
    with closing(socket.socket()) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@contextmanager
def database(kind: str):
    """The DATABASE_URL to use: a file in the instance (SQLite) or a throwaway PostgreSQL server."""
    if kind == "sqlite":
        yield None
        return
    from tests.counter.postgres import INSTALL_HINT, PostgresServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        sys.exit(INSTALL_HINT)
    server = PostgresServer(bindir)
    try:
        server.init()
        server.start()
        _, url = server.create_database()
        yield url
    finally:
        server.remove()


def prepare(instance: Path, env: dict, clerks: int):
    """Instance, schema, catalog, keys and one account per clerk; a maker of codes residents made at home
    (the real codec and the counter's public key, as a kiosk does); the print route."""
    os.environ.update(env)
    from navi import create_app
    from navi.domain.validation import parse_facts
    from navi.instance.prepare import prepare_instance
    from navi.payload import codec, keys
    from navi.records.db import session_factory
    from navi.records.staff import create_staff, find
    from tests.factories import example_facts

    app = create_app()
    prepare_instance(app)
    with session_factory(app.config["DATABASE_URL"])() as session:
        for number in range(clerks):
            if find(session, f"clerk{number:03d}") is None:  # a running target keeps them from an earlier run
                create_staff(session, f"clerk{number:03d}", PASSWORD, "clerk", by="bench")
    catalog = catalog_source(app).running
    recipient = keys.current_recipient(Path(app.config["KEYS_DIR"]))
    facts = parse_facts(example_facts(), catalog)

    def home_codes(count: int) -> list[list[str]]:
        return [codec.make_codes(facts, catalog, recipient) for _ in range(count)]

    return home_codes, print_route(app)


def print_route(app) -> str:
    """The route that prints all of a case's forms as one PDF, with `{case_id}` for the case."""
    return app.url_map.bind("localhost").build("counter.print_forms", {"case_id": 0}).replace("/0/", "/{case_id}/")


@contextmanager
def gunicorn(env: dict, workers: int, threads: int, log: Path):
    """gunicorn serving navi.web.wsgi:app on a free loopback port; yields the base URL once it answers."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--preload", "--workers", str(workers), "--threads", str(threads),
               "--bind", f"{HOST}:{port}", "--keep-alive", str(KEEP_ALIVE), "--worker-tmp-dir", "/dev/shm",
               "--log-level", "warning", "navi.web.wsgi:app"]
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=output,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_until_up(f"http://{HOST}:{port}/", process, log)
        yield port, process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn stopped:\n{log.read_text()}")
        try:
            with urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit("gunicorn did not answer within 60 s")


def machine_cpu_seconds() -> float:
    """CPU time every process on the machine has used since boot (from /proc/stat), in seconds."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    busy = sum(int(value) for index, value in enumerate(fields) if index not in (3, 4))  # all but idle, iowait
    return busy / os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its children still running (gunicorn's workers), from /proc."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for one in pids:
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


# ---- Running and reporting ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Targets:
    """Where the tablets and where the clerks connect (the same server when one serves both roles)."""

    kiosk: Target
    counter: Target


async def run_load(targets: Targets, tablets: int, clerks: int, seconds: float, seed: int, counter: Counter,
                   on_start) -> Recorder:
    recorder = Recorder()
    try:
        signed_in = await asyncio.gather(*(sign_in(i, targets.counter, recorder) for i in range(clerks)))
    except LoadError as error:
        recorder.error(f"sign-in: {error}")
        return recorder
    on_start()
    deadline = time.monotonic() + seconds
    people = [tablet(i, targets.kiosk, recorder, counter.tablet_codes, seed, deadline) for i in range(tablets)]
    people += [clerk(i, browser, recorder, counter, seed, deadline) for i, browser in enumerate(signed_in)]
    await asyncio.gather(*people)
    return recorder


@dataclass
class Figures:
    """One run's results."""

    tablets: int
    clerks: int
    seconds: float
    recorder: Recorder
    server_cpu: float
    bench_cpu: float
    other_cpu: float
    server_kinds: dict[str, tuple[int, float]] = field(default_factory=dict)

    def p95(self, kind: str) -> float:
        values = self.recorder.samples.get(kind, [])
        return percentile(values, 0.95) if values else float("inf")

    def meets_targets(self) -> bool:
        return not self.recorder.errors and all(self.p95(kind) < limit for kind, limit in TARGETS.items())

    def report(self) -> str:
        rec = self.recorder
        lines = [f"{self.tablets} tablets, {self.clerks} clerks, {self.seconds:.0f} s: "
                 f"{rec.journeys} journeys to the QR code, {rec.cases} cases scanned "
                 f"({rec.codes_from_tablets} codes read off tablet screens), {len(rec.errors)} errors",
                 f"{'page kind':<16}{'requests':>9}{'per s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"]
        for kind in ("wizard page", "result page", "static file", "sign-in", "counter page", "scan (POST)",
                     "scan-to-case", "case page", "print"):
            values = rec.samples.get(kind)
            if not values:
                continue
            lines.append(f"{kind:<16}{len(values):>9}{len(values) / self.seconds:>8.1f}"
                         f"{percentile(values, 0.5):>9.0f}{percentile(values, 0.95):>9.0f}"
                         f"{percentile(values, 0.99):>9.0f}{max(values):>9.0f}")
        total = sum(len(v) for k, v in rec.samples.items() if k != "scan-to-case")
        cores = os.cpu_count() or 1
        lines.append(f"throughput: {total / self.seconds:.0f} HTTP requests/s; "
                     f"CPU seconds: server {self.server_cpu:.0f}, "
                     f"load generator {self.bench_cpu:.0f}, everything else {max(self.other_cpu, 0):.0f} "
                     f"(database server, other programs) of {cores} cores × {self.seconds:.0f} s = "
                     f"{cores * self.seconds:.0f} = {self.server_cpu * 1000 / max(total, 1):.1f} ms of server "
                     f"process CPU per HTTP request")
        lines += server_cpu.table(self.server_kinds, rec.cases)
        verdict = "meets" if self.meets_targets() else "MISSES"
        lines.append(f"{verdict} the targets (no errors; p95 wizard page < {TARGETS['wizard page']:.0f} ms, "
                     f"scan-to-case < {TARGETS['scan-to-case']:.0f} ms)")
        kinds: dict[str, int] = defaultdict(int)
        for text in rec.errors:
            kinds[re.sub(r"\d+", "N", text.split(": ", 1)[1])] += 1
        for text, count in sorted(kinds.items(), key=lambda item: -item[1])[:10]:
            lines.append(f"  {count:>5} × {text}")
        return "\n".join(lines)


def measure(targets: Targets, server_pids: list[int], tablets: int, clerks: int, seconds: float, seed: int,
            counter: Counter, meter: Path | None = None) -> Figures:
    """One run against the targets; `server_pids` (gunicorn masters on this machine) and `meter` (the
    instance's cpu-meter folder, when the server measures its requests) for the CPU figures."""
    before = {}
    reading = server_cpu.Reading(meter)

    def servers() -> float:
        return sum(cpu_seconds(pid) for pid in server_pids)

    def start_clock() -> None:
        before.update(server=servers(), bench=time.process_time(), all=machine_cpu_seconds())

    recorder = asyncio.run(run_load(targets, tablets, clerks, seconds, seed, counter, start_clock))
    server, bench = servers() - before["server"], time.process_time() - before["bench"]
    others = machine_cpu_seconds() - before["all"] - server - bench
    return Figures(tablets, clerks, seconds, recorder, server, bench, others, reading.finish())


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--tablets", type=int, default=200)
    parser.add_argument("--clerks", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn processes (default: 4 × cores)")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn process")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--find-max", action="store_true",
                        help="step the tablet count up from --tablets by --step until a target is missed")
    parser.add_argument("--step", type=int, default=50)
    parser.add_argument("--url", help="load a counter already running here (its instance: --instance)")
    parser.add_argument("--kiosk-url", help="where the tablets go when the kiosk runs apart (default: --url)")
    parser.add_argument("--instance", type=Path, help="the running counter's instance folder (staff, keys)")
    parser.add_argument("--ca-file", help="the certificate authority of an https --url")
    parser.add_argument("--server-pid", type=int, action="append", default=[],
                        help="a running target's gunicorn master, for the CPU figures (repeatable)")
    args = parser.parse_args(argv)
    if args.url and (args.instance is None or args.find_max):
        parser.error("--url needs --instance (and DATABASE_URL for PostgreSQL), and runs no --find-max")
    for name, limit in LIMITS.items():
        if not 0 < getattr(args, name) <= limit:
            parser.error(f"--{name} must be between 1 and {limit}")
    # Four processes of two threads per core: with more threads a process's requests wait for one another's
    # turn at Python's interpreter lock (4 × 4 on 2 cores: scan-to-case p95 467 ms; 8 × 2: 281 ms).
    args.workers = args.workers or 4 * (os.cpu_count() or 1)
    return args


def run_against(args: argparse.Namespace) -> int:
    """--url: one run against servers already running; exit 0 when the targets hold."""
    env = {"NAVI_INSTANCE": str(args.instance), "NAVI_ROLE": "counter"}
    home_codes, print_path = prepare(args.instance, env, args.clerks)
    counter = Counter(deque(), deque(home_codes(int(args.clerks * args.seconds))), print_path)
    clerks = Target.from_url(args.url, args.ca_file)
    targets = Targets(Target.from_url(args.kiosk_url, args.ca_file) if args.kiosk_url else clerks, clerks)
    print(f"running target: tablets → {args.kiosk_url or args.url}, clerks → {args.url}; print: GET {print_path}")
    figures = measure(targets, args.server_pid, args.tablets, args.clerks, args.seconds, args.seed, counter,
                      args.instance / "cpu-meter")
    print(figures.report())
    return 0 if figures.meets_targets() else 1


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    if args.url:
        return run_against(args)
    with tempfile.TemporaryDirectory(prefix="navi-load-", dir="/var/tmp") as scratch, database(args.db) as url:
        instance = Path(scratch) / "instance"
        # Plain HTTP on loopback: the session cookie may not demand HTTPS here (it does behind a TLS proxy).
        # NAVI_CPU_METER: the server measures each request's own CPU time (navi.web.cpu_meter).
        env = {"NAVI_INSTANCE": str(instance), "NAVI_ROLE": "all", "NAVI_COOKIE_SECURE": "0", "NAVI_CPU_METER": "1",
               **({"DATABASE_URL": url} if url else {})}
        most = args.tablets + (args.step * 20 if args.find_max else 0)
        home_codes, print_path = prepare(instance, env, args.clerks)
        # At most one scan per clerk per second: enough codes of residents who filled in at home.
        counter = Counter(deque(), deque(), print_path)
        print(f"database: {args.db}; gunicorn --workers {args.workers} --threads {args.threads}; "
              f"print: GET {print_path}")
        with gunicorn(env, args.workers, args.threads, instance / "gunicorn.log") as (port, process):
            local = Target(HOST, port)
            targets, pids = Targets(local, local), [process.pid]
            if not args.find_max:
                counter.home_codes.extend(home_codes(int(args.clerks * args.seconds)))
                figures = measure(targets, pids, args.tablets, args.clerks, args.seconds, args.seed, counter,
                                  instance / "cpu-meter")
                print(figures.report())
                return 0 if figures.meets_targets() else 1
            best = None
            for tablets in range(args.tablets, most + 1, args.step):
                counter.home_codes.clear()
                counter.home_codes.extend(home_codes(int(args.clerks * args.seconds)))
                figures = measure(targets, pids, tablets, args.clerks, args.seconds, args.seed, counter,
                                  instance / "cpu-meter")
                print(figures.report(), end="\n\n", flush=True)
                if not figures.meets_targets():
                    break
                best = tablets
            print(f"largest tablet count meeting the targets with {args.clerks} clerks on {args.db}: "
                  f"{best if best is not None else f'none (fewer than {args.tablets})'}")
            return 0 if best is not None else 1


if __name__ == "__main__":
    sys.exit(main())
