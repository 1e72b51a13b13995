"""`navi kiosk export-bundle` (counter), `navi kiosk load-bundle` (kiosk), `navi catalog export|import`."""

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


def _counter_session():
    """The configured app (database up to date, first start's catalog published) and a session on it."""
    from navi import create_app
    from navi.instance import prepare_database
    from navi.records.db import session_factory

    app = create_app()
    prepare_database(app)
    return app, session_factory(app.config["DATABASE_URL"])()


@click.group()
def kiosk() -> None:
    """Carry the catalog and the counter's public key to lobby tablets."""


@kiosk.command("export-bundle")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def export_bundle(out: Path) -> None:
    """Sign the current published catalog and the current public key into a bundle file for kiosks."""
    from navi.catalog_admin.bundles import current_bundle

    app, session = _counter_session()
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


@click.command("export")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--version", "version", default=None, help="A published version (default: the current one).")
@click.option("--draft", is_flag=True, help="Export the working draft instead of a published version.")
def catalog_export(out: Path, version: str | None, draft: bool) -> None:
    """Write a catalog version (or the draft) as files in the forms_catalog/ layout into an empty folder."""
    from navi.domain.catalog.export import write_catalog
    from navi.records import catalog_drafts, catalogs

    app, session = _counter_session()
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


@click.command("import")
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
    _, session = _counter_session()
    with session:
        catalog_drafts.change(session, "cli", lambda _document: raw, "catalog_import", str(directory.name)[:80],
                              {"source": "cli"})
    click.echo(f"imported {directory} into the draft (catalog {catalog_from_raw(raw).version}); "
               "review and publish it at /counter/catalog/review")
