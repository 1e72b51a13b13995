"""A throwaway PostgreSQL server for the tests: initdb + pg_ctl in a temporary folder on a free port.

As root the server runs as the `postgres` user (initdb refuses root). Missing binaries fail the tests
with the package to install: the records tests must run on PostgreSQL, never be skipped.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from contextlib import closing, suppress
from pathlib import Path

import psycopg

INSTALL_HINT = "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin: " \
               "apt-get install postgresql"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_bindir() -> Path | None:
    """The newest installed PostgreSQL's bin folder."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[4]))
    return Path(found[-1]).parent if found else None


class PostgresServer:
    """One running server; `url(name)` for a database on it; `stop()`/`start()` to test outages.

    `host` is the address it listens on, and `wrapper` a command prefix its tools run under (`ip netns exec
    NS` for a database host in a network namespace); the tests themselves always reach it by its socket file.
    """

    def __init__(self, bindir: Path, *, host: str = "127.0.0.1", wrapper: tuple[str, ...] = ()):
        self.bindir = bindir
        self.host = host
        # Not under pytest's tmp folders: those are private to root, and the server runs as postgres.
        self.base = Path(tempfile.mkdtemp(prefix="navi-pg-"))
        self.data = self.base / "data"
        self.port = free_port()
        self._as = [*wrapper, *(["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else [])]
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres", "postgres")

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self._as, str(self.bindir / tool), *args], check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        """Create the cluster (trust auth on loopback, superuser `navi`)."""
        self._run("initdb", "-D", str(self.data), "-U", "navi", "--auth=trust", "-E", "UTF8", "--no-locale",
                  "--no-sync")

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        options = (f"-p {self.port} -k {self.base} -c listen_addresses={self.host} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.base / "server.log"), "-o", options, "-w", "start")

    def stop(self) -> None:
        """Stop the server (fast shutdown: open connections are cut)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        """Stop if running and delete the cluster."""
        with suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.base, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of a database on this server."""
        return f"postgresql+psycopg://navi@{self.host}:{self.port}/{database}"

    def socket_url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of a database on this server through its socket file (from any namespace)."""
        return f"postgresql+psycopg://navi@/{database}?host={self.base}&port={self.port}"

    def _admin(self, sql: str) -> None:
        with psycopg.connect(f"host={self.base} port={self.port} user=navi dbname=postgres", autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self) -> tuple[str, str]:
        """A new empty database: (name, URL)."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        self._admin(f'CREATE DATABASE "{name}"')
        return name, self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop a test database, cutting any connection left open."""
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
