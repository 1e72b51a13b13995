"""A whole clerk journey over real HTTP, then the log file: requests and events are there, residents are not."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from tests.factories import PASSWORD, codes_for

# Everything personal in the example household and in the correction below, in the forms a log could hold.
PERSONAL = ["熊本", "太郎", "花子", "一郎", "次郎", "クマモト", "タロウ", "ハナコ", "花畑町", "コーポ花畑", "博多駅前",
            "1988-05-10", "19880510", "1990-08-20", "2018-06-15", "2023-11-03", "8600806", "8120011"]


class Browser:
    """Cookies, CSRF tokens and form posts over urllib (redirects followed like a browser)."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.token = ""

    def get(self, path: str) -> tuple[str, str]:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.geturl(), self._keep_token(response.read().decode("utf-8"))

    def post(self, path: str, data: dict) -> tuple[str, str]:
        body = urllib.parse.urlencode({"csrf_token": self.token, **data}).encode()
        try:
            with self.opener.open(self.base + path, body, timeout=30) as response:
                return response.geturl(), self._keep_token(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:  # a page that explains a refusal (e.g. 422) is still a page
            with error:
                return error.geturl(), error.read().decode("utf-8")

    def _keep_token(self, html: str) -> str:
        found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
        self.token = found.group(1) if found else self.token
        return html


def forms_of(text: str) -> list[str]:
    """A value as it might appear in a log: itself and URL-encoded."""
    return [text, urllib.parse.quote(text), urllib.parse.quote_plus(text)]


def test_a_full_journey_logs_requests_and_events_but_no_personal_data(live_server, counter_app):
    browser = Browser(live_server)
    browser.get("/counter/login")
    url, _ = browser.post("/counter/login", {"username": "clerk", "password": PASSWORD})
    assert url.endswith("/counter/scan")
    case_url, page = browser.post("/counter/scan", {"digits": codes_for(counter_app)[0]})
    assert "熊本\u3000太郎" in page
    case_path = urllib.parse.urlparse(case_url).path
    browser.get(case_path + "/correct/members.m1.given_name")
    browser.post(case_path + "/correct/members.m1.given_name", {"value": "次郎", "reason": "本人の申出"})
    browser.post(case_path + "/procedures/tennyu_todoke", {"status": "done"})
    browser.get("/counter/queues/kumin")
    browser.get("/counter/queues/kumin/items.json")
    _, found = browser.get("/counter/search?kana=" + urllib.parse.quote("クマモト") + "&receipt=&day=")
    assert case_path in found
    browser.get(case_path + "/print")
    browser.get(case_path + "/export.csv")
    browser.get(case_path + "/export.json")
    browser.post("/counter/scan", {"digits": "12345"})  # a failed scan is logged by its code
    # Refused requests are logged in colour by werkzeug; their query strings must go too.
    stranger = Browser(live_server)
    stranger.get("/counter/search?kana=" + urllib.parse.quote("クマモト　タロウ") + "&day=1988-05-10")
    log = (Path(counter_app.config["LOG_DIR"]) / "navi.log").read_text(encoding="utf-8")
    print(f"{len(log.splitlines())} log lines, e.g.:", *log.splitlines()[-4:], sep="\n  ")
    assert "POST /counter/scan HTTP/1.1" in log and "GET /counter/search?…" in log
    assert "scan accepted case=" in log and "scan rejected code=not_our_code" in log
    leaked = sorted({text for text in PERSONAL if any(form in log for form in forms_of(text))})
    assert leaked == []
