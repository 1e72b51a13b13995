"""`navi catalog check|test|schema|export|import`: validate a catalog, run its examples, move it in and out of
the counter's draft."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from navi.cli.support import counter_session, load_or_exit
from navi.domain.catalog.check import catalog_warnings, check_catalog, run_examples
from navi.domain.catalog.loader import CatalogInvalid, catalog_from_raw, read_catalog_files


@click.group()
def catalog() -> None:
    """Validate and test a procedure catalog."""



@catalog.command("check")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
def catalog_check(directory: str | None) -> None:
    """Validate a catalog; every error with file and path; non-zero exit on any (warnings are listed only)."""
    loaded = load_or_exit(directory)
    problems = check_catalog(loaded)
    for problem in problems:
        click.echo(f"ERROR {problem}", err=True)
    warnings = catalog_warnings(loaded)
    for warning in warnings:
        click.echo(f"WARNING {warning}", err=True)
    if warnings:
        click.echo(f"{len(warnings)} warning(s): the catalog can still be published", err=True)
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


@catalog.command("export")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--version", "version", default=None, help="A published version (default: the current one).")
@click.option("--draft", is_flag=True, help="Export the working draft instead of a published version.")
def catalog_export(out: Path, version: str | None, draft: bool) -> None:
    """Write a catalog version (or the draft) as files in the forms_catalog/ layout into an empty folder."""
    from navi.domain.catalog.export import write_catalog
    from navi.records import catalog_drafts, catalogs

    app, session = counter_session()
    with session:
        if draft:
            found = catalog_drafts.current_draft(session)
            document = found.document if found else None
        else:
            document = catalogs.version_document(session, version or catalog_drafts.published_document(session)[0])
    if document is None:
        click.echo("no draft to export" if draft else f"no published catalog version {version}", err=True)
        sys.exit(1)
    try:
        written = write_catalog(document, out, Path(app.config["CATALOG_DIR"]) / "forms" / "backgrounds")
    except FileExistsError as error:
        click.echo(f"{error}: export into an empty or new folder", err=True)
        sys.exit(1)
    click.echo(f"catalog {catalog_from_raw(document).version}: {len(written)} files written to {out}")


@catalog.command("import")
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
def catalog_import(directory: Path) -> None:
    """Read a catalog folder into the working draft (publish it from the supervisor's review page)."""
    from navi.domain.catalog.review import structure_problems
    from navi.records import catalog_drafts

    try:
        raw = read_catalog_files(directory)
        problems = structure_problems(raw)
    except CatalogInvalid as error:
        problems = error.problems
    for problem in problems:
        click.echo(f"ERROR {problem}", err=True)
    if problems:
        sys.exit(1)
    _, session = counter_session()
    with session:
        catalog_drafts.change(session, "cli", lambda _document: raw, "catalog_import", str(directory.name)[:80],
                              {"source": "cli"})
    click.echo(f"imported {directory} into the draft (catalog {catalog_from_raw(raw).version}); "
               "review and publish it at /counter/catalog/review")
