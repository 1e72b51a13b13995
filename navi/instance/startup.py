"""Starting the app to serve: refuse, with every problem in words and no traceback, when the catalog or the
counter's keys are unusable; `navi prepare` brings an instance up to date before gunicorn starts.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from navi.domain.catalog.loader import CatalogInvalid
from navi.payload.keys import KeysError
from navi.records.db import DatabaseCorrupt

RESTORE_ADVICE = ("the database is corrupt, not unreachable: stop every app process, then restore the newest "
                  "backup made by `navi backup` into an empty instance with `navi restore FILE` "
                  "(docs/operations.md, Backups); the app does not start on a damaged database")


class StartRefused(Exception):
    """The app must not start; `lines` say why (file and path of each problem)."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


def serving_app(*, prepare: bool = True) -> Flask:
    """The configured app, its instance prepared (or, without `prepare`, checked); raises StartRefused."""
    from navi import create_app
    from navi.instance.prepare import prepare_instance, protect_instance
    from navi.payload import keys

    try:
        app = create_app()
    except CatalogInvalid as error:
        raise StartRefused([*(f"ERROR {problem}" for problem in error.problems),
                            f"{len(error.problems)} problem(s) in the catalog: fix them (navi catalog check "
                            "lists them too); the app does not start with an invalid catalog"]) from None
    try:
        if prepare:
            prepare_instance(app)
        elif app.extensions["navi.role"].serves_staff and not keys.list_keys(app.config["KEYS_DIR"]):
            raise KeysError(f"{app.config['KEYS_DIR']} has no current key: run `navi prepare` first")
    except KeysError as error:
        raise StartRefused([f"ERROR {error}", "the counter does not start without its keys"]) from None
    except DatabaseCorrupt as error:
        raise StartRefused([f"ERROR {error}", RESTORE_ADVICE]) from None
    except OperationalError as error:
        # The driver's message names the host and port (never a resident's data: nothing has been read yet).
        reason = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
        raise StartRefused([f"ERROR the database at {_where(app.config['DATABASE_URL'])} cannot be reached: {reason}",
                            "start the database (or correct DATABASE_URL), then run `navi prepare` again"]) from None
    protect_instance(Path(app.instance_path))
    return app


def _where(url: str) -> str:
    """A database URL without its password, as the operator may read it."""
    return make_url(url).render_as_string(hide_password=True)


def app_or_exit(*, prepare: bool = True, exit_code: int = 1) -> Flask:
    """`serving_app`, or every problem on stderr and exit with `exit_code`."""
    try:
        return serving_app(prepare=prepare)
    except StartRefused as refused:
        for line in refused.lines:
            click.echo(line, err=True)
        sys.exit(exit_code)
