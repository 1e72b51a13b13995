"""Browser tests: the real app served on loopback, driven by Playwright in Debian's headless Chromium (one with
a fake webcam where a test needs the camera), and the clerk's steps the counter tests share."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright
from werkzeug.serving import make_server

from navi import create_app
from navi.instance.prepare import prepare_instance
from navi.records.db import engine_for
from tests.factories import PASSWORD, make_app

from .webcam import Webcam

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


class LiveServer:
    """The app under werkzeug in a background thread on a free loopback port."""

    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.thread.join(timeout=10)
        self.server.server_close()


@pytest.fixture
def live_app(tmp_path, monkeypatch):
    """A real app (CSRF on) on a temporary instance folder."""
    monkeypatch.setenv("NAVI_INSTANCE", str(tmp_path / "instance"))
    app = create_app({"SECRET_KEY": "browser-test"})
    prepare_instance(app)
    return app


@pytest.fixture
def live_server(live_app):
    with LiveServer(live_app) as server:
        yield server


@pytest.fixture
def counter_server(tmp_path, monkeypatch):
    """The app (role all) with keys and staff, served on loopback; yields (base URL, app)."""
    app = make_app(tmp_path, monkeypatch, QUEUE_POLL_SECONDS=1)
    with LiveServer(app) as server:
        yield server.url, app
    engine_for(app.config["DATABASE_URL"]).dispose()


@pytest.fixture(scope="session")
def playwright():
    """One Playwright for the session: it drives every Chromium the tests launch."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install chromium (the .ci/run script installs it)")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def chromium(playwright):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield browser
    browser.close()


@pytest.fixture
def webcam(tmp_path):
    """The fake camera's picture (an empty desk until the test shows a code), as a video under tmp_path."""
    return Webcam(tmp_path / "webcam.y4m")


@pytest.fixture
def webcam_chromium(playwright, webcam):
    """A Chromium of its own (the camera file is a launch flag) whose only camera films `webcam`."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, *webcam.chromium_args])
    yield browser
    browser.close()


@pytest.fixture
def page(chromium):
    """A fresh browser context (no cookies) at a tablet's size."""
    context = chromium.new_context(viewport={"width": 820, "height": 1180}, locale="ja-JP")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def artifacts(request):
    """A folder for this test's screenshots under test-artifacts/."""
    folder = ARTIFACTS / request.node.name.replace("[", "-").replace("]", "")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def sign_in(page, base: str, username: str) -> None:
    """Sign in on the counter's form like a person; the scan page opens with its field focused."""
    page.goto(base + "/counter/login")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログインする").click()
    expect(page).to_have_url(base + "/counter/scan")
    expect(page.locator("#digits")).to_be_focused()


def watch_errors(context, page) -> list[str]:
    """The errors the pages show from now on: script errors, console errors and failed loads."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Every script and stylesheet must load (a CSP violation or a missing file shows up here).
    context.on("response", lambda r: errors.append(f"{r.status} {r.url}")
               if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" and "status of 404" not in message.text else None)
    return errors


def expect_members(page, names: list[str]) -> None:
    """The case page lists each of these members (氏　名) once under 世帯員."""
    for name in names:
        expect(page.locator(f"#members >> xpath=following::h3[contains(., '{name}')]")).to_have_count(1)
