"""`navi serve` as a real process: first start creates the instance, then the start page answers."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import closing

import pytest


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, limit: float = 30.0) -> str:
    """Poll until the server answers (readiness, not timing: the limit only bounds a hung start)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(process.stdout.read())
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.1)
    raise AssertionError("server did not answer")


@pytest.fixture
def served(tmp_path):
    port = free_port()
    env = {"NAVI_INSTANCE": str(tmp_path / "instance"), "PATH": "/usr/bin:/bin"}
    process = subprocess.Popen(
        [sys.executable, "-m", "navi", "serve", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        preexec_fn=lambda: os.umask(0),  # the most careless umask: the instance must still be the owner's alone
    )
    try:
        yield f"http://127.0.0.1:{port}", tmp_path / "instance", process
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


def test_first_start_creates_the_instance_and_serves_the_start_page(served):
    base, instance, process = served
    page = wait_for(base + "/", process)
    assert '<html lang="ja">' in page
    assert "はじめる" in page
    assert (instance / "navi.sqlite3").stat().st_size > 0
    assert oct((instance / "secret_key").stat().st_mode & 0o777) == "0o600"
    english = wait_for(base + "/?lang=en", process)
    assert '<html lang="en">' in english
    assert ">Start<" in english


def test_the_instance_is_the_owners_alone_whatever_the_umask(served):
    base, instance, process = served
    wait_for(base + "/", process)
    wait_for(base + "/counter/login", process)  # the database has written its WAL, the log its lines
    modes = {str(path.relative_to(instance)): oct(path.stat().st_mode & 0o777) for path in instance.rglob("*")}
    print(sorted(modes.items()))
    assert oct(instance.stat().st_mode & 0o777) == "0o700"
    assert {"navi.sqlite3", "navi.sqlite3-wal", "logs/navi.log", "keys"} <= modes.keys()
    assert {mode for name, mode in modes.items() if (instance / name).is_dir()} == {"0o700"}
    assert {mode for name, mode in modes.items() if (instance / name).is_file()} == {"0o600"}


def test_prepare_names_an_unreachable_database_without_a_traceback(tmp_path):
    """`navi prepare` against a PostgreSQL that is not there: the address in words, exit 1, no traceback."""
    with socket.socket() as probe:  # a free port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NAVI_INSTANCE": str(tmp_path / "instance"),
           "DATABASE_URL": f"postgresql+psycopg://navi:secret@127.0.0.1:{port}/navi"}
    done = subprocess.run([sys.executable, "-m", "navi", "prepare"], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 1
    assert f"127.0.0.1:{port}/navi cannot be reached" in done.stderr and "secret" not in done.stderr
    assert "Traceback" not in done.stderr
