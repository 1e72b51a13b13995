"""`navi kiosk export-bundle` (counter) and `navi kiosk load-bundle` (kiosk): the signed catalog and public key
that travel to lobby tablets."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from navi.cli.support import counter_session
from navi.instance.kiosk_bundle import install
from navi.instance.layout import InstanceLayout
from navi.payload import bundle, keys


@click.group()
def kiosk() -> None:
    """Carry the catalog and the counter's public key to lobby tablets."""


@kiosk.command("export-bundle")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def export_bundle(out: Path) -> None:
    """Sign the current published catalog and the current public key into a bundle file for kiosks."""
    from navi.records.kiosk_bundles import current_bundle

    app, session = counter_session()
    keys_dir = app.config["KEYS_DIR"]
    with session:
        try:
            signed = current_bundle(session, keys_dir, "cli")
        except keys.KeysError as error:
            click.echo(f"no counter key in {keys_dir}: run `navi keys generate` first ({error})", err=True)
            sys.exit(1)
    out.write_bytes(signed.data)
    click.echo(f"bundle {out}: catalog {signed.version}, signed by {signed.signer}")


@kiosk.command("load-bundle")
@click.argument("path", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--fingerprint", default=None, help="The counter's signing key, on the first install.")
@click.option("--allow-downgrade", is_flag=True, help="Install a bundle older than the installed one (logged).")
def load_bundle(path: Path, fingerprint: str | None, allow_downgrade: bool) -> None:
    """Verify a bundle and install its catalog and public key on this kiosk; refuse a tampered or older one."""
    layout = InstanceLayout.from_environment()
    instance, keys_dir = layout.root, layout.keys_dir
    try:
        with instance_log(layout):
            verified = install(path.read_bytes(), instance, keys_dir, fingerprint, allow_downgrade=allow_downgrade)
    except bundle.BundleError as error:
        click.echo(f"REFUSED: {error}", err=True)
        sys.exit(2)
    click.echo(f"installed catalog {verified.catalog_version} and key {verified.public_key['key_id']} "
               f"(signed by {verified.signer})")


@contextmanager
def instance_log(layout: InstanceLayout) -> Iterator[None]:
    """The kiosk's own log file receives navi.kiosk's records (a downgrade) while the block runs, and stderr."""
    layout.log_dir.mkdir(parents=True, exist_ok=True)
    handlers = [logging.FileHandler(layout.log_dir / "navi.log", encoding="utf-8"), logging.StreamHandler()]
    logger = logging.getLogger("navi.kiosk")
    for handler in handlers:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    try:
        yield
    finally:
        for handler in handlers:
            logger.removeHandler(handler)
            handler.close()
