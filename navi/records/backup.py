"""Backups of the records database (cases, procedures, audit log, staff, catalog versions): SQLite's online
backup API into a file, or pg_dump's custom format for PostgreSQL; and restoring one into an empty database.

The keys are not in a backup: they travel separately (docs/operations.md, Backups), so a stolen backup file
alone opens no code.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from navi.records.db import engine_for, upgrade

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


def backup(url: str, out: Path) -> str:
    """Write a consistent copy of the database at `url` to `out` (owner-only); its kind: sqlite or postgresql."""
    partial = out.with_name(out.name + ".partial")
    try:
        partial.unlink(missing_ok=True)
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # never readable by others
    except OSError as error:
        raise BackupError(f"cannot write {out}: {error.strerror}") from None
    os.close(descriptor)
    try:
        kind = _backup_sqlite(url, partial) if _is_sqlite(url) else _backup_postgresql(url, partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, out)
    return kind


def restore(url: str, source: Path) -> str:
    """Restore a backup file into the database at `url`, which must be empty; then bring its schema up to date."""
    head = source.read_bytes()[:16] if source.is_file() else b""
    kind = "sqlite" if head.startswith(SQLITE_MAGIC) else "postgresql" if head.startswith(PG_DUMP_MAGIC) else None
    if kind is None:
        raise BackupError(f"{source} is not a backup made by `navi backup`")
    if kind != ("sqlite" if _is_sqlite(url) else "postgresql"):
        raise BackupError(f"{source} is a {kind} backup: restore it into a {kind} database (DATABASE_URL)")
    tables = inspect(engine_for(url)).get_table_names()
    if tables:
        raise BackupError(f"the database already has {len(tables)} tables: restore only into a new, empty instance")
    engine_for(url).dispose()
    if kind == "sqlite":
        with sqlite3.connect(source) as backup_file, sqlite3.connect(_sqlite_path(url)) as target:
            backup_file.backup(target)
        backup_file.close()
        target.close()
    else:
        _pg_tool("pg_restore", url, "--no-owner", "--exit-on-error", "--single-transaction", str(source))
    upgrade(url)
    return kind


def _is_sqlite(url: str) -> bool:
    return url.startswith("sqlite:///")


def _sqlite_path(url: str) -> str:
    return url.removeprefix("sqlite:///")


def _backup_sqlite(url: str, out: Path) -> str:
    """SQLite's online backup: a consistent copy while the app keeps writing (WAL included)."""
    if not Path(_sqlite_path(url)).is_file():
        raise BackupError(f"{_sqlite_path(url)} does not exist: nothing to back up")
    with sqlite3.connect(_sqlite_path(url)) as database, sqlite3.connect(out) as copy:
        database.backup(copy)
    database.close()
    copy.close()
    return "sqlite"


def _backup_postgresql(url: str, out: Path) -> str:
    _pg_tool("pg_dump", url, "--format=custom", "--no-owner", f"--file={out}")
    return "postgresql"


def pg_bindir() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian's layout), else None (then PATH is searched)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"), key=lambda p: int(Path(p).parts[4]))
    return Path(found[-1]).parent if found else None


def _pg_tool(tool: str, url: str, *args: str) -> None:
    """Run pg_dump or pg_restore against `url`; the connection travels in PG* variables (no password in ps)."""
    bindir = pg_bindir()
    program = str(bindir / tool) if bindir else shutil.which(tool)
    if program is None:
        raise BackupError(f"{tool} not found: install the PostgreSQL client (apt-get install postgresql-client)")
    parsed = make_url(url)
    env = {**os.environ, "PGHOST": parsed.host or "", "PGPORT": str(parsed.port or 5432),
           "PGUSER": parsed.username or "", "PGDATABASE": parsed.database or "", "PGPASSWORD": parsed.password or ""}
    database = ["--dbname", parsed.database or ""] if tool == "pg_restore" else []
    done = subprocess.run([program, *database, *args], env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{tool} failed: {done.stderr.strip()[-400:]}")
