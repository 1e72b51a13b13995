"""`navi kiosk export-bundle` (counter) and `navi kiosk load-bundle` (kiosk)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from navi import bundle, config
from navi.domain.catalog.check import check_catalog
from navi.domain.catalog.loader import CatalogInvalid, catalog_from_raw, read_catalog_files
from navi.payload import keys

BUNDLE_CATALOG = "catalog-bundle.json"


def _instance() -> Path:
    return config.instance_path()


@click.group()
def kiosk() -> None:
    """Carry the catalog and the counter's public key to lobby tablets."""


@kiosk.command("export-bundle")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--catalog-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
def export_bundle(out: Path, catalog_dir: Path | None) -> None:
    """Sign the published catalog and the current public key into a bundle file for kiosks."""
    keys_dir = _instance() / "keys"
    raw = read_catalog_files(catalog_dir or config.defaults(_instance())["CATALOG_DIR"])
    catalog = catalog_from_raw(raw)
    try:
        public = keys.export_public(keys_dir)
    except keys.KeysError as error:
        click.echo(f"no counter key in {keys_dir}: run `navi keys generate` first ({error})", err=True)
        sys.exit(1)
    signer = bundle.signing_key(keys_dir)
    out.write_bytes(bundle.make(raw, catalog.version, public, signer))
    click.echo(f"bundle {out}: catalog {catalog.version}, signed by {bundle.fingerprint(signer.public_key())}")


@kiosk.command("load-bundle")
@click.argument("path", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--fingerprint", default=None, help="The counter's signing key, on the first install.")
def load_bundle(path: Path, fingerprint: str | None) -> None:
    """Verify a bundle and install its catalog and public key on this kiosk; refuse a tampered one."""
    instance = _instance()
    keys_dir = instance / "keys"
    try:
        verified = install(path.read_bytes(), instance, keys_dir, fingerprint)
    except bundle.BundleError as error:
        click.echo(f"REFUSED: {error}", err=True)
        sys.exit(2)
    click.echo(f"installed catalog {verified.catalog_version} and key {verified.public_key['key_id']} "
               f"(signed by {verified.signer})")


def install(data: bytes, instance: Path, keys_dir: Path, fingerprint: str | None) -> bundle.Bundle:
    """Verify and install a bundle; raises BundleError without changing anything when it is not usable."""
    trusted = bundle.trusted_signer(keys_dir)
    verified = bundle.verify(data, trusted)
    if trusted is None and fingerprint != verified.signer:
        raise bundle.BundleError(
            f"first bundle on this kiosk: confirm the counter's key with --fingerprint {verified.signer}"
            if fingerprint is None else f"the bundle's signer {verified.signer} is not {fingerprint}")
    try:
        catalog = catalog_from_raw(verified.catalog)
    except (CatalogInvalid, ValueError) as error:
        raise bundle.BundleError(f"the bundle's catalog does not load: {error}") from None
    if catalog.version != verified.catalog_version or check_catalog(catalog):
        raise bundle.BundleError("the bundle's catalog does not pass `navi catalog check`")
    staged = keys_dir / "public.json.new"
    keys_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    staged.write_text(json.dumps(verified.public_key, ensure_ascii=False), encoding="utf-8")
    try:
        keys.load_public(staged)
    except keys.KeysError as error:
        staged.unlink()
        raise bundle.BundleError(f"the bundle's public key is not usable: {error}") from None
    _atomic_write(instance / BUNDLE_CATALOG, json.dumps(verified.catalog, ensure_ascii=False))
    os.replace(staged, keys_dir / "public.json")
    if trusted is None:
        bundle.trust(keys_dir, verified_signer_hex(data))
    return verified


def verified_signer_hex(data: bytes) -> str:
    """The signer key (hex) of bundle bytes already verified."""
    return json.loads(data.split(b"\n", 2)[2])["signer_key"]


def _atomic_write(path: Path, text: str) -> None:
    """Write a file so a crash leaves the old or the new content, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
