"""`navi serve` and `navi prepare`: run the web app, or bring an instance up to date before gunicorn starts."""

from __future__ import annotations

import os

import click

from navi.instance.startup import app_or_exit


@click.command()
@click.option("--role", type=click.Choice(["kiosk", "counter", "all"]), default="all", show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def serve(role: str, host: str, port: int) -> None:
    """Run the web app; the first start creates the instance folder, database and keys."""
    os.environ["NAVI_ROLE"] = role
    app = app_or_exit()
    click.echo(f"届出ナビ ({role}) → http://{host}:{port}/  instance: {app.instance_path}")
    if app.config["SESSION_COOKIE_SECURE"] and host not in ("127.0.0.1", "localhost", "::1"):
        click.echo("note: session cookies are Secure (HTTPS only): serve through a TLS proxy, or set "
                   "NAVI_COOKIE_SECURE=0 on a closed demo network", err=True)
    app.run(host=host, port=port, threaded=True)


@click.command()
def prepare() -> None:
    """Create or update the instance: database schema, the published catalog and the counter's keys."""
    app = app_or_exit()
    click.echo(f"instance ready: {app.instance_path} ({app.config['NAVI_ROLE']})")
