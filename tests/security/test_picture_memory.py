"""Eight clerks upload the 7070×7070 picture at once to a real gunicorn: the processes' memory stays within
500 MB of idle (issue 15, row 8: it went from 761 to 3,258 MB), and every upload still opens its case."""

from __future__ import annotations

import http.cookiejar
import io
import re
import threading
import urllib.parse
import urllib.request
from pathlib import Path

from PIL import Image

from navi.domain.catalog.loader import load_catalog
from navi.domain.validation import parse_facts
from navi.payload import codec, keys
from navi.payload.render import symbols
from navi.records.db import engine_for, session_factory
from navi.records.staff import create_staff
from tests.factories import PASSWORD, example_facts
from tests.security.served import gunicorn, resident_bytes

MB = 1_000_000
CLERKS = 8
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def big_picture(digits: str) -> bytes:
    """A 7070×7070 RGBA PNG (just under the 50-megapixel cap) with the code large in its middle: ~200 KiB."""
    code = Image.open(io.BytesIO(symbols([digits])[0].png(scale=16))).convert("RGBA")
    sheet = Image.new("RGBA", (7070, 7070), (255, 255, 255, 255))
    sheet.paste(code, ((7070 - code.width) // 2, (7070 - code.height) // 2))
    out = io.BytesIO()
    sheet.save(out, "PNG", optimize=True)
    return out.getvalue()


def process_tree(root: int) -> list[int]:
    """The master, its workers and any children they started (the picture readers)."""
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                pending += [int(child) for child in (task / "children").read_text().split()]
            except (FileNotFoundError, ProcessLookupError):  # a process that ended meanwhile
                continue
    return found


def tree_memory(root: int) -> int:
    pids = process_tree(root)
    total = 0
    for pid in pids:
        try:
            total += resident_bytes([pid])
        except (FileNotFoundError, ProcessLookupError):  # a picture reader that ended between listing and reading
            continue
    return total


class Clerk:
    """A signed-in browser session against the server."""

    def __init__(self, url: str, username: str) -> None:
        self.url = url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  NoRedirect())
        self.post("/counter/login", {"username": username, "password": PASSWORD}, token_from="/counter/login")
        self.token = self.token_of("/counter/scan")

    def token_of(self, path: str) -> str:
        with self.opener.open(self.url + path, timeout=60) as response:
            return TOKEN.search(response.read().decode()).group(1)

    def post(self, path: str, fields: dict, token_from: str) -> int:
        data = urllib.parse.urlencode({"csrf_token": self.token_of(token_from), **fields}).encode()
        return self._send(urllib.request.Request(self.url + path, data=data))

    def upload(self, png: bytes) -> int:
        body = (f'--x\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{self.token}\r\n'
                '--x\r\nContent-Disposition: form-data; name="picture"; filename="code.png"\r\n'
                "Content-Type: image/png\r\n\r\n").encode() + png + b"\r\n--x--\r\n"
        request = urllib.request.Request(self.url + "/counter/scan/picture", data=body,
                                         headers={"Content-Type": "multipart/form-data; boundary=x"})
        return self._send(request)

    def _send(self, request) -> int:
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status
        except urllib.error.HTTPError as error:
            error.close()
            return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_eight_clerks_uploading_the_7070_pixel_picture_stay_within_500_mb_of_idle(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    with gunicorn(instance, workers=CLERKS, threads=2) as (url, process):
        database = f"sqlite:///{instance / 'navi.sqlite3'}"
        with session_factory(database)() as session:
            for index in range(CLERKS):
                create_staff(session, f"clerk{index}", PASSWORD, "clerk")
        engine_for(database).dispose()
        catalog = load_catalog()
        recipient = keys.current_recipient(instance / "keys")
        pictures = []
        for index in range(CLERKS):
            facts = example_facts()
            facts["members"][0]["given_name"] = f"太郎{index}"
            pictures.append(big_picture(codec.make_codes(parse_facts(facts, catalog), catalog, recipient)[0]))
        clerks = [Clerk(url, f"clerk{index}") for index in range(CLERKS)]
        idle = tree_memory(process.pid)
        peak, statuses, done = idle, [], threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(0.05):
                peak = max(peak, tree_memory(process.pid))

        sampler = threading.Thread(target=sample)
        sampler.start()
        uploads = [threading.Thread(target=lambda c=c, p=p: statuses.append(c.upload(p)))
                   for c, p in zip(clerks, pictures, strict=True)]
        for upload in uploads:
            upload.start()
        for upload in uploads:
            upload.join()
        done.set()
        sampler.join()
        after = tree_memory(process.pid)
        print(f"{CLERKS} uploads of a {len(pictures[0]) // 1024} KiB 7070×7070 RGBA PNG: idle {idle / MB:.0f} MB, "
              f"peak {peak / MB:.0f} MB (+{(peak - idle) / MB:.0f}), after {after / MB:.0f} MB (PSS, master + "
              f"workers + picture readers); statuses {sorted(statuses)}")
        assert statuses == [302] * CLERKS  # each picture was really read: its case opened
        assert peak - idle < 500 * MB
        assert after - idle < 500 * MB
