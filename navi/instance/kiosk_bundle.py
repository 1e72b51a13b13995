"""Installing a signed kiosk bundle into the instance folder: verified whole, then written so a crash leaves
the old bundle or the new one, never half of either."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path

from navi.domain.catalog.check import check_catalog
from navi.domain.catalog.loader import CatalogInvalid, catalog_from_raw
from navi.instance.layout import InstanceLayout, public_key_file
from navi.payload import bundle, keys

log = logging.getLogger("navi.kiosk")


def install(data: bytes, instance: Path, keys_dir: Path, fingerprint: str | None, *,
            allow_downgrade: bool = False) -> bundle.Bundle:
    """Verify and install a bundle; raises BundleError without changing anything when it is not usable, or
    older than the installed one (unless `allow_downgrade`: then it is installed and logged)."""
    trusted = bundle.trusted_signer(keys_dir)
    verified = bundle.verify(data, trusted)
    installed = installed_bundle(instance)
    if installed is not None and bundle.created(verified) < installed[0]:
        if not allow_downgrade:
            raise bundle.BundleError(
                f"this bundle (made {verified.created_at}, catalog {verified.catalog_version}) is older than the "
                f"installed one (made {installed[0].isoformat()}, catalog {installed[1]}): it would bring back an "
                "older catalog and key; install it only on purpose, with --allow-downgrade")
        log.warning("kiosk bundle downgrade: installing the bundle made %s (catalog %s) over the one made %s "
                    "(catalog %s)", verified.created_at, verified.catalog_version, installed[0].isoformat(),
                    installed[1])
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
    layout = InstanceLayout(instance)
    atomic_write(layout.bundle_catalog, json.dumps(verified.catalog, ensure_ascii=False))
    os.replace(staged, public_key_file(keys_dir))
    atomic_write(layout.bundle_installed, json.dumps({"created_at": verified.created_at,
                                                      "catalog_version": verified.catalog_version}))
    if trusted is None:
        bundle.trust(keys_dir, verified_signer_hex(data))
    return verified


def installed_bundle(instance: Path) -> tuple[dt.datetime, str] | None:
    """When the installed bundle was made and its catalog version; None before the first install."""
    path = InstanceLayout(instance).bundle_installed
    if not path.exists():
        return None
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        when = dt.datetime.fromisoformat(state["created_at"])
    except (OSError, ValueError, KeyError, TypeError):
        raise bundle.BundleError(f"{path} cannot be read: restore it, or remove it to accept any bundle") from None
    return (when if when.tzinfo else when.replace(tzinfo=dt.UTC)), str(state.get("catalog_version"))


def verified_signer_hex(data: bytes) -> str:
    """The signer key (hex) of bundle bytes already verified."""
    return json.loads(data.split(b"\n", 2)[2])["signer_key"]


def atomic_write(path: Path, text: str) -> None:
    """Write a file so a crash leaves the old or the new content, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


