"""Kiosk bundles: a published catalog and the counter's public key, signed by the counter (Ed25519).

What travels from the counter's isolated network to lobby tablets travels as this one file (design.md §1).
The file is three parts: a fixed first line, the signature in lowercase hex, and the payload (canonical
JSON). Every byte is covered: the payload by the signature, the first two lines by exact comparison.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

MAGIC = b"TODOKEDE-NAVI-KIOSK-BUNDLE 1"
SIGNER_FILE = "bundle-signer.pem"
TRUSTED_FILE = "bundle-signer.pub"


class BundleError(Exception):
    """A bundle that must not be used; the message says why, in words for the person installing it."""


@dataclass(frozen=True)
class Bundle:
    """A verified bundle's content."""

    catalog: dict[str, Any]
    catalog_version: str
    public_key: dict[str, Any]
    created_at: str
    signer: str


def fingerprint(key: Ed25519PublicKey) -> str:
    """A short, readable identity of a signing key (to compare on the phone when installing a kiosk)."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    digest = hashlib.sha256(raw).hexdigest()[:20]
    return "-".join(digest[i:i + 4] for i in range(0, 20, 4))


def signing_key(keys_dir: Path) -> Ed25519PrivateKey:
    """The counter's bundle-signing key, created on first use (readable only by its owner)."""
    path = keys_dir / SIGNER_FILE
    if not path.exists():
        keys_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        path.touch(mode=0o600)
        path.write_bytes(pem)
        return key
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise BundleError(f"{path} is not an Ed25519 private key")
    return loaded


def make(catalog_raw: dict[str, Any], catalog_version: str, public_key_json: str, key: Ed25519PrivateKey,
         created_at: dt.datetime | None = None) -> bytes:
    """A signed bundle file's bytes, stamped with its creation time (now unless given)."""
    payload = {
        "catalog": catalog_raw,
        "catalog_version": catalog_version,
        "public_key": json.loads(public_key_json),
        "created_at": (created_at or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        "signer_key": key.public_key().public_bytes(serialization.Encoding.Raw,
                                                     serialization.PublicFormat.Raw).hex(),
    }
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return MAGIC + b"\n" + key.sign(body).hex().encode("ascii") + b"\n" + body


def verify(data: bytes, trusted: Ed25519PublicKey | None) -> Bundle:
    """The bundle's content if the file is intact and signed by `trusted` (or, on first install, by anyone
    — the caller then compares the fingerprint); raises BundleError otherwise."""
    parts = data.split(b"\n", 2)
    if len(parts) != 3 or parts[0] != MAGIC:
        raise BundleError("this is not a Todokede Navi kiosk bundle (or it is damaged at the start)")
    signature_hex, body = parts[1], parts[2]
    try:
        signature = bytes.fromhex(signature_hex.decode("ascii"))
        payload = json.loads(body.decode("utf-8"))
        signer = Ed25519PublicKey.from_public_bytes(bytes.fromhex(payload["signer_key"]))
    except RecursionError:
        raise BundleError("the bundle cannot be read: its data is nested far deeper than any catalog") from None
    except (ValueError, UnicodeDecodeError, KeyError, TypeError):
        raise BundleError("the bundle is damaged: it cannot be read") from None
    if signature.hex().encode("ascii") != signature_hex:
        raise BundleError("the bundle is damaged: its signature line was changed")
    if trusted is not None and fingerprint(signer) != fingerprint(trusted):
        raise BundleError(f"the bundle was signed by another counter (key {fingerprint(signer)})")
    try:
        signer.verify(signature, body)
    except InvalidSignature:
        raise BundleError("the bundle was changed after it was signed: do not use it") from None
    return Bundle(payload["catalog"], payload["catalog_version"], payload["public_key"], payload["created_at"],
                  fingerprint(signer))


def created(verified: Bundle) -> dt.datetime:
    """When a verified bundle was made (signed, so a kiosk can tell an older bundle from a newer one)."""
    try:
        when = dt.datetime.fromisoformat(verified.created_at)
    except (TypeError, ValueError):
        raise BundleError("the bundle's creation time cannot be read") from None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def trusted_signer(keys_dir: Path) -> Ed25519PublicKey | None:
    """The signing key this kiosk trusts, if a bundle was installed before."""
    path = keys_dir / TRUSTED_FILE
    if not path.exists():
        return None
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(path.read_text(encoding="ascii").strip()))


def trust(keys_dir: Path, signer_hex: str) -> None:
    """Remember the signing key of the first bundle installed on this kiosk."""
    keys_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    (keys_dir / TRUSTED_FILE).write_text(signer_hex + "\n", encoding="ascii")
