"""`navi records purge`: case retention from the command line."""

from __future__ import annotations

import click

from navi.cli.support import app_session
from navi.web.extensions import catalog_source


@click.group()
def records() -> None:
    """Case records of the counter."""


@records.command("purge")
def records_purge() -> None:
    """Delete cases older than the catalog's retention period (info.retention_days), ended rate-limit counts and
    staff sessions started over a week ago."""
    import datetime as dt

    from navi.records import staff_sessions
    from navi.records.retention import purge
    from navi.web.ratelimit import purge_expired

    app, session = app_session()
    days = catalog_source(app).running.info.retention_days
    with session:
        deleted = purge(session, days, actor="cli")
        # A week: far longer than a working day, so no clerk at work is signed out by it.
        sessions = staff_sessions.purge(session, dt.timedelta(days=7))
        session.commit()
    counters = purge_expired(app.config["DATABASE_URL"])
    click.echo(f"deleted {deleted} case(s) older than {days} days; {counters} ended rate-limit count(s); "
               f"{sessions} old staff session(s)")
