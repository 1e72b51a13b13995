"""`navi backup --out FILE` and `navi restore FILE`: the records database to a file and back into a new
instance (the keys travel separately: docs/operations.md, Backups)."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def backup(out: Path) -> None:
    """Write a consistent copy of the records database (SQLite online backup, or pg_dump) to FILE."""
    from navi.records.backup import backup as make_backup

    app, kind = _on_the_database(make_backup, out)
    click.echo(f"backup {out}: {kind} database, {out.stat().st_size} bytes; the keys are not in it: back up "
               f"{app.config['KEYS_DIR']} separately")


@click.command()
@click.argument("source", type=click.Path(dir_okay=False, exists=True, path_type=Path))
def restore(source: Path) -> None:
    """Restore a backup made by `navi backup` into this instance's database, which must be empty."""
    from navi.records.backup import restore as restore_backup

    app, kind = _on_the_database(restore_backup, source)
    click.echo(f"restored {source} ({kind}) into {app.instance_path}; now copy the keys folder into "
               f"{app.config['KEYS_DIR']} and run `navi prepare`")


def _on_the_database(operation, path: Path):
    """The configured app and what `operation(database URL, path)` returns, or the problem on stderr and exit 1."""
    from navi import create_app
    from navi.records.backup import BackupError

    app = create_app()
    try:
        return app, operation(app.config["DATABASE_URL"], path)
    except BackupError as error:
        click.echo(f"ERROR {error}", err=True)
        sys.exit(1)
