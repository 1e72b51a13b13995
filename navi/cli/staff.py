"""`navi staff add|list|passwd|deactivate|activate`: staff accounts from the command line."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import NoReturn

import click

from navi.cli.support import app_session


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

    password = _read_password(password_stdin)
    _, session = app_session()
    with session:
        try:
            create_staff(session, username, password, role, by="cli")
        except StaffError as error:
            _fail(str(error))
    click.echo(f"created {role} {username}")


@staff.command("passwd")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
def staff_passwd(username: str, password_stdin: bool) -> None:
    """Set a new password for someone who forgot theirs (asked twice unless --password-stdin); lifts any lockout
    and ends the account's sessions."""
    from navi.records.staff import StaffError, set_password

    _, session = app_session()
    with session:
        user = _account(session, username)
        password = _read_password(password_stdin, "New password")
        try:
            set_password(session, user, password, by="cli")
        except StaffError as error:
            _fail(str(error))
    click.echo(f"new password set for {user.username}")


@staff.command("deactivate")
@click.argument("username")
def staff_deactivate(username: str) -> None:
    """Stop an account signing in (someone who left); its open sessions end at their next request."""
    from navi.records.staff import deactivate

    _change_account(username, deactivate, "deactivated")


@staff.command("activate")
@click.argument("username")
def staff_activate(username: str) -> None:
    """Let a deactivated account sign in again."""
    from navi.records.staff import activate

    _change_account(username, activate, "activated")


def _change_account(username: str, change: Callable, done: str) -> None:
    from navi.records.staff import StaffError

    _, session = app_session()
    with session:
        user = _account(session, username)
        try:
            change(session, user, by="cli")
        except StaffError as error:
            _fail(str(error))
    click.echo(f"{done} {user.username}")


def _account(session, username: str):
    """The account with this username, or the command ends with exit status 1."""
    from navi.records.staff import find

    user = find(session, username)
    if user is None:
        _fail(f"no user {username}")
    return user


def _read_password(from_stdin: bool, prompt: str = "Password") -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt(prompt, hide_input=True, confirmation_prompt=True)


def _fail(message: str) -> NoReturn:
    click.echo(f"ERROR {message}", err=True)
    sys.exit(1)


@staff.command("list")
def staff_list() -> None:
    """Every account with its role and state."""
    from navi.records.models import utcnow
    from navi.records.staff import all_staff, is_locked

    _, session = app_session()
    with session:
        for user in all_staff(session):
            state = "locked" if is_locked(user, utcnow()) else ("active" if user.active else "inactive")
            click.echo(f"{user.username}\t{user.role}\t{state}")
