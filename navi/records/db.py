"""The database: one engine per URL, sessions, and bringing the schema up to date with Alembic."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import DeclarativeBase, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Database connections each app process keeps open (NAVI_DB_POOL_SIZE; at least gunicorn's --threads).
DB_POOL_SIZE = int(os.environ.get("NAVI_DB_POOL_SIZE", "10"))


# SQLite's result codes for a damaged file: SQLITE_CORRUPT and SQLITE_NOTADB.
CORRUPT_CODES = frozenset({11, 26})


class DatabaseCorrupt(Exception):
    """The database file is damaged; the message names it and what SQLite found."""


def is_corruption(error: BaseException) -> bool:
    """Whether a database error means the file itself is damaged (restoring a backup is the only cure)."""
    return getattr(getattr(error, "orig", None), "sqlite_errorcode", None) in CORRUPT_CODES


class Base(DeclarativeBase):
    """Base class of every table."""


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """The shared engine for a database URL (SQLite in WAL mode with foreign keys on)."""
    # hide_parameters: statement parameters hold household data, and error messages end up in logs.
    # Enough pooled connections for every thread of a gunicorn worker: a thread finding the pool empty opens a
    # connection and closes it after its request (SQLite re-reads the schema, PostgreSQL forks a backend).
    pool = {"pool_size": DB_POOL_SIZE, "max_overflow": DB_POOL_SIZE}
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True, **pool)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True, **pool)


@lru_cache(maxsize=8)
def session_factory(url: str) -> sessionmaker:
    """The session maker bound to the engine for `url` (one per URL: making one is costly, every request
    opens a session)."""
    return sessionmaker(engine_for(url), expire_on_commit=False)


def migrations(url: str) -> Config:
    """Alembic's configuration for the database at `url` (for `command.upgrade`, `command.downgrade`)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine_for(url)
    return cfg


def upgrade(url: str) -> None:
    """Bring the database at `url` to the newest schema."""
    command.upgrade(migrations(url), "head")


def check_integrity(url: str) -> None:
    """SQLite's quick_check of the whole file (PostgreSQL checks its own pages); raises DatabaseCorrupt."""
    if not url.startswith("sqlite:///"):
        return
    where = url.removeprefix("sqlite:///")
    try:
        with engine_for(url).connect() as connection:
            found = [row[0] for row in connection.execute(text("PRAGMA quick_check(5)"))]
    except DatabaseError as error:
        if not is_corruption(error):
            raise
        found = [str(error.orig)]
    if found != ["ok"]:
        raise DatabaseCorrupt(f"{where} is damaged ({'; '.join(found)[:300]})")
