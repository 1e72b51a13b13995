"""Installing a signed kiosk bundle into the instance folder: verified whole, then written so a crash leaves
the old bundle or the new one, never half of either."""

from __future__ import annotations

import json
import os
from pathlib import Path

from navi.domain.catalog.check import check_catalog
from navi.domain.catalog.loader import CatalogInvalid, catalog_from_raw
from navi.instance.layout import InstanceLayout, public_key_file
from navi.payload import bundle, keys


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
    atomic_write(InstanceLayout(instance).bundle_catalog, json.dumps(verified.catalog, ensure_ascii=False))
    os.replace(staged, public_key_file(keys_dir))
    if trusted is None:
        bundle.trust(keys_dir, verified_signer_hex(data))
    return verified


def verified_signer_hex(data: bytes) -> str:
    """The signer key (hex) of bundle bytes already verified."""
    return json.loads(data.split(b"\n", 2)[2])["signer_key"]


def atomic_write(path: Path, text: str) -> None:
    """Write a file so a crash leaves the old or the new content, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


