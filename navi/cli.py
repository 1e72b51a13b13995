"""The `navi` command (design.md §5): serve, catalog check/test, plan, and the role-specific groups."""

from __future__ import annotations

import json
import os
import sys

import click

from navi.catalog_admin.commands import catalog_export, catalog_import, kiosk
from navi.cli_support import cli_locale, default_lang, facts_or_exit, load_or_exit
from navi.domain.catalog.check import check_catalog, run_examples
from navi.domain.planner import plan_for
from navi.payload.commands import keys, qr
from navi.pdf.commands import forms
from navi.plan_text import plan_as_text
from navi.startup import prepare


@click.group()
def main() -> None:
    """届出ナビ (Todokede Navi): life-event navigator for ward offices."""


@main.command()
@click.option("--role", type=click.Choice(["kiosk", "counter", "all"]), default="all", show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def serve(role: str, host: str, port: int) -> None:
    """Run the web app; the first start creates the instance folder, database and keys."""
    from navi.startup import app_or_exit

    os.environ["NAVI_ROLE"] = role
    app = app_or_exit()
    click.echo(f"届出ナビ ({role}) → http://{host}:{port}/  instance: {app.instance_path}")
    if app.config["SESSION_COOKIE_SECURE"] and host not in ("127.0.0.1", "localhost", "::1"):
        click.echo("note: session cookies are Secure (HTTPS only): serve through a TLS proxy, or set "
                   "NAVI_COOKIE_SECURE=0 on a closed demo network", err=True)
    app.run(host=host, port=port, threaded=True)


@main.group()
def catalog() -> None:
    """Validate and test a procedure catalog."""



@catalog.command("check")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
def catalog_check(directory: str | None) -> None:
    """Validate a catalog; every error with file and path; non-zero exit on any."""
    loaded = load_or_exit(directory)
    problems = check_catalog(loaded)
    for problem in problems:
        click.echo(f"ERROR {problem}", err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s) found", err=True)
        sys.exit(1)
    click.echo(
        f"catalog {loaded.info.id} version {loaded.version}: OK "
        f"({len(loaded.events)} events, {len(loaded.procedures)} procedures, {len(loaded.forms)} forms)"
    )


@catalog.command("schema")
def catalog_schema() -> None:
    """Print the JSON Schema of the catalog document (forms_catalog/schema.json is this output)."""
    from navi.domain.catalog.model import catalog_schema as schema

    click.echo(json.dumps(schema(), ensure_ascii=False, indent=2))


@catalog.command("test")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
def catalog_test(directory: str | None) -> None:
    """Run every procedure's example households."""
    loaded = load_or_exit(directory)
    problems = check_catalog(loaded)
    if problems:
        for problem in problems:
            click.echo(f"ERROR {problem}", err=True)
        sys.exit(1)
    results = run_examples(loaded)
    failed = [r for r in results if not r.ok]
    for result in failed:
        kind = "must" if result.expected else "must not"
        click.echo(f"FAIL {result.procedure}: {kind} trigger for {result.household}: {result.detail}", err=True)
    click.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    if failed:
        sys.exit(1)



@main.command()
@click.argument("source", metavar="FILE|-")
@click.option("--format", "output", type=click.Choice(["json", "text"]), default="json", show_default=True)
@click.option("--lang", type=click.Choice(["ja", "en"]), default=None, help="Language of titles and reasons.")
@click.option("--catalog-dir", type=click.Path(file_okay=False), default=None)
def plan(source: str, output: str, lang: str | None, catalog_dir: str | None) -> None:
    """Household facts → the plan (exit 0), or every problem with its JSON path (exit 2)."""
    lang = lang or default_lang()
    loaded = load_or_exit(catalog_dir)
    facts = facts_or_exit(source, loaded, lang)
    result = plan_for(facts, loaded, lang)
    if output == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        with cli_locale(lang):
            click.echo(plan_as_text(result, facts, loaded, lang))


def _register_role_commands() -> None:
    """Attach the command groups of the counter role."""
    from navi.counter.commands import records, staff

    main.add_command(staff)
    main.add_command(records)


_register_role_commands()
main.add_command(keys)
main.add_command(qr)
main.add_command(kiosk)
main.add_command(forms)
main.add_command(prepare)
catalog.add_command(catalog_export)
catalog.add_command(catalog_import)
