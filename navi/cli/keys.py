"""`navi keys`: the counter's QR key pairs (design.md §5). Exit codes: 0 done, 1 failure."""

from __future__ import annotations

from pathlib import Path

import click

from navi.cli.support import fail, keys_dir_option, keys_folder
from navi.payload import keys as keyfiles


@click.group()
def keys() -> None:
    """Manage the counter's QR keys (counter role)."""


@keys.command()
@keys_dir_option
def generate(keys_dir: Path | None) -> None:
    """Create the first key pair."""
    try:
        info = keyfiles.generate(keys_folder(keys_dir))
    except keyfiles.KeysError as error:
        fail(str(error), 1)
    click.echo(f"generated key {info.key_id} ({info.fingerprint}) in {info.path}")


@keys.command()
@keys_dir_option
def rotate(keys_dir: Path | None) -> None:
    """Make a new current key; the old one is kept as previous so codes in circulation still read."""
    try:
        info = keyfiles.rotate(keys_folder(keys_dir))
    except keyfiles.KeysError as error:
        fail(str(error), 1)
    click.echo(f"key {info.key_id} ({info.fingerprint}) is now current: export it to the kiosks")


@keys.command(name="list")
@keys_dir_option
def list_command(keys_dir: Path | None) -> None:
    """Show the keys: id, role, fingerprint, creation time."""
    try:
        found = keyfiles.list_keys(keys_folder(keys_dir))
    except keyfiles.KeysError as error:
        fail(str(error), 1)
    for info in found:
        click.echo(f"{info.key_id:3d}  {info.role:8}  {info.fingerprint}  {info.created:%Y-%m-%d %H:%M}Z")
    if not found:
        click.echo(f"no keys in {keys_folder(keys_dir)}")


@keys.command(name="export-public")
@keys_dir_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
def export_public(keys_dir: Path | None, out: Path | None) -> None:
    """Print or write the current public key file for kiosks (no private material)."""
    try:
        text = keyfiles.export_public(keys_folder(keys_dir))
    except keyfiles.KeysError as error:
        fail(str(error), 1)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}", err=True)

