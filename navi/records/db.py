"""The database: one engine per URL, sessions, and bringing the schema up to date with Alembic."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import DeclarativeBase, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class Base(DeclarativeBase):
    """Base class of every table."""


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """The shared engine for a database URL (SQLite in WAL mode with foreign keys on)."""
    # hide_parameters: statement parameters hold household data, and error messages end up in logs.
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def session_factory(url: str) -> sessionmaker:
    """A session maker bound to the engine for `url`."""
    return sessionmaker(engine_for(url), expire_on_commit=False)


def upgrade(url: str) -> None:
    """Bring the database at `url` to the newest schema."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine_for(url)
    command.upgrade(cfg, "head")
