"""Body limits: a request larger than its route allows is answered 413 with a page in words before the body is
read, so nobody can make the server spool gigabytes to its disk (issue 15, row 1)."""

from __future__ import annotations

import io
import socket
import threading
import time
from contextlib import suppress

import pytest

from navi.records.db import engine_for
from tests.counter.helpers import csrf_token, sign_in_as
from tests.factories import make_app
from tests.security.served import gunicorn, worker_pids, written_bytes

MIB = 1024 * 1024


@pytest.fixture
def counter_app(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch)
    yield app
    engine_for(app.config["DATABASE_URL"]).dispose()


@pytest.fixture
def client(counter_app):
    return counter_app.test_client()


class EndlessZeros(io.RawIOBase):
    """A request body that claims to be huge and counts how much of it the app reads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.position = 0
        self.read_so_far = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True  # the test client asks where the body starts and ends

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self.position = self.size + offset if whence == io.SEEK_END else offset
        return self.position

    def readinto(self, buffer) -> int:
        buffer[:] = b"0" * len(buffer)
        self.read_so_far += len(buffer)
        return len(buffer)


def huge_post(client, path: str, claimed: int = 1024 * MIB):
    body = EndlessZeros(claimed)
    response = client.post(path, input_stream=body, content_type="multipart/form-data; boundary=x")
    return response, body.read_so_far


@pytest.mark.parametrize("path", ["/begin", "/counter/login"])
def test_a_gigabyte_post_from_anyone_is_refused_unread_with_a_page(client, path):
    response, read = huge_post(client, path)
    page = response.get_data(as_text=True)
    assert response.status_code == 413 and read == 0
    assert "送られた内容が大きすぎます" in page or "ファイルが大きすぎます" in page


def test_a_signed_in_gigabyte_picture_is_refused_unread(client, counter_app):
    sign_in_as(client, counter_app, "clerk")
    response, read = huge_post(client, "/counter/scan/picture")
    page = response.get_data(as_text=True)
    assert response.status_code == 413 and read == 0
    assert "ファイルが大きすぎます" in page and "8MB" in page


def test_a_picture_within_its_own_limit_is_still_read(client, counter_app):
    sign_in_as(client, counter_app, "clerk")
    token = csrf_token(client, "/counter/scan")
    # Encoded by hand: the test client's own encoder leaves a large body's temporary file open.
    body = (f'--x\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
            '--x\r\nContent-Disposition: form-data; name="picture"; filename="photo.png"\r\n'
            "Content-Type: image/png\r\n\r\n").encode() + b"\x89PNG" + b"0" * (7 * MIB) + b"\r\n--x--\r\n"
    response = client.post("/counter/scan/picture", data=body, content_type="multipart/form-data; boundary=x")
    assert response.status_code == 422 and "読み取れません" in response.get_data(as_text=True)


def test_a_form_as_large_as_the_wizard_needs_is_accepted(client):
    response = client.post("/begin", data={"csrf_token": "x", "padding": "あ" * 20_000})  # 60 KB of text
    assert response.status_code == 400  # refused for its CSRF token, not its size


def _post_256_mib(url: str, chunked: bool) -> tuple[float, bytes]:
    """Send a 256 MiB multipart POST to /counter/login without waiting; seconds until the status line came."""
    host, port = url.removeprefix("http://").split(":")
    size = 256 * MIB
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {size}"
    head = (f"POST /counter/login HTTP/1.1\r\nHost: {host}\r\n{framing}\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\n\r\n").encode()
    answered = threading.Event()
    sock = socket.create_connection((host, int(port)), timeout=30)  # bounds a server that never answers

    def send_body() -> None:
        # A file part, as a browser sends it, so a server that reads it all spools it to a temporary file.
        part = b'--x\r\nContent-Disposition: form-data; name="picture"; filename="a.png"\r\n\r\n'
        try:
            for index in range(size // MIB):
                if answered.is_set():
                    return
                chunk = part + b"0" * (MIB - len(part)) if index == 0 else b"0" * MIB
                sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n" if chunked else chunk)
        except OSError:
            return  # the server closed the connection after refusing: what it should do

    started = time.perf_counter()
    sender = threading.Thread(target=send_body)
    try:
        sock.sendall(head)
        sender.start()
        status = sock.recv(64)
        elapsed = time.perf_counter() - started
    finally:
        answered.set()
        with suppress(OSError):  # the server may have closed the connection already: what it should do
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()
        if sender.is_alive():
            sender.join()
    return elapsed, status


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_gunicorn_refuses_256_mib_unauthenticated_in_under_a_second_writing_under_1_mib(tmp_path, chunked):
    instance = tmp_path / "instance"
    spool = tmp_path / "spool"
    spool.mkdir()
    with gunicorn(instance, TMPDIR=str(spool)) as (url, process):
        pids = [process.pid, *worker_pids(process.pid)]
        before = written_bytes(pids)
        elapsed, status = _post_256_mib(url, chunked)
        written = written_bytes(pids) - before
        line = status.split(b"\r\n")[0].decode()
        print(f"256 MiB POST ({'chunked' if chunked else 'Content-Length'}): {line}"
              f" in {elapsed * 1000:.0f} ms; the server's processes wrote {written / 1024:.1f} KiB")
        assert status.startswith(b"HTTP/1.1 413")
        assert elapsed < 1.0
        assert written < MIB
        assert list(spool.iterdir()) == []
