"""`navi staff …` and `navi records …`: staff accounts and case retention from the command line."""

from __future__ import annotations

import sys

import click


def _app_session():
    """The configured app (instance prepared) and a database session for it."""
    from navi import create_app
    from navi.instance import prepare_instance
    from navi.records.db import session_factory

    app = create_app()
    prepare_instance(app)
    return app, session_factory(app.config["DATABASE_URL"])()


@click.group()
def staff() -> None:
    """Staff accounts of the counter (clerk, supervisor, admin)."""


@staff.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(["clerk", "supervisor", "admin"]), default="clerk", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
def staff_add(username: str, role: str, password_stdin: bool) -> None:
    """Create a staff account; the password is asked for (twice) unless --password-stdin."""
    from navi.records.staff import StaffError, create_staff

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    _, session = _app_session()
    with session:
        try:
            create_staff(session, username, password, role, by="cli")
        except StaffError as error:
            click.echo(f"ERROR {error}", err=True)
            sys.exit(1)
    click.echo(f"created {role} {username}")


@staff.command("list")
def staff_list() -> None:
    """Every account with its role and state."""
    from navi.records.models import utcnow
    from navi.records.staff import all_staff, is_locked

    _, session = _app_session()
    with session:
        for user in all_staff(session):
            state = "locked" if is_locked(user, utcnow()) else ("active" if user.active else "inactive")
            click.echo(f"{user.username}\t{user.role}\t{state}")


@click.group()
def records() -> None:
    """Case records of the counter."""


@records.command("purge")
def records_purge() -> None:
    """Delete cases older than the catalog's retention period (info.retention_days), and ended rate-limit counts."""
    from navi.ratelimit import purge_expired
    from navi.records.retention import purge

    app, session = _app_session()
    days = app.extensions["navi.catalog"].info.retention_days
    with session:
        deleted = purge(session, days, actor="cli")
    counters = purge_expired(app.config["DATABASE_URL"])
    click.echo(f"deleted {deleted} case(s) older than {days} days; {counters} ended rate-limit count(s)")
