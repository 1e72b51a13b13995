"""Regenerate docs/screens/: the resident's journey as a first-time resident sees it (start page on the lobby
tablet, a later person's page and the result with its QR code on a phone), for the README.

Usage: python scripts/journey_screenshots.py [--port 0] — serves the app on loopback (a free port unless
given) and drives Debian's Chromium with Playwright through the family of four moving in (tests/wizard), in
Japanese (docs/screens/) and in やさしい日本語 (docs/screens/easy_ja/, every page of the journey).
"""

import argparse
import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

OUT = ROOT / "docs" / "screens"
SHOTS = {"person-2": "2-person-phone.png", "result": "3-result-phone.png"}


def main() -> None:
    """Serve a fresh instance, walk the journey, keep three pictures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    port = parser.parse_args().port
    os.environ["NAVI_INSTANCE"] = tempfile.mkdtemp(prefix="navi-screens-")
    from navi import create_app
    from navi.instance.prepare import prepare_instance
    from tests.browser.test_wizard_browser import complete
    from tests.wizard.journeys import FAMILY_MOVING_IN

    app = create_app({"SECRET_KEY": "screenshots"})
    prepare_instance(app)
    server = make_server("127.0.0.1", port, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        tablet = browser.new_context(viewport={"width": 1024, "height": 768}, locale="ja-JP").new_page()
        tablet.goto(base + "/")
        tablet.screenshot(path=str(OUT / "1-start-tablet.png"))
        phone = browser.new_context(viewport={"width": 375, "height": 740}, locale="ja-JP").new_page()
        complete(phone, base, FAMILY_MOVING_IN, keep=("family_name", "family_name_kana"),
                 on_page=lambda _n, step: phone.screenshot(path=str(OUT / SHOTS[step]), full_page=step != "result")
                 if step in SHOTS else None)
        easy = OUT / "easy_ja"
        easy.mkdir(exist_ok=True)
        tablet = browser.new_context(viewport={"width": 1024, "height": 768}, locale="ja-JP").new_page()
        complete(tablet, base, FAMILY_MOVING_IN, keep=("family_name", "family_name_kana"), lang="easy_ja",
                 on_page=lambda n, step: tablet.screenshot(path=str(easy / f"{n:02d}-{step}.png"), full_page=True))
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
