"""The counter's QR keys: X25519 private keys as owner-only files, and the public-key file kiosks load.

A keys folder holds current-<id>.pem and at most one previous-<id>.pem (codes made before a rotation
still read). Kiosks get only public.json: the key id and the public key, never private material.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from navi.payload.errors import UnknownKey

PUBLIC_FORMAT = "todokede-navi/qr-public-key/1"
_ROLES = ("current", "previous")
_RAW = {"encoding": serialization.Encoding.Raw, "format": serialization.PublicFormat.Raw}


class KeysError(Exception):
    """A keys folder or public-key file that cannot be used as asked (message says why)."""


@dataclass(frozen=True)
class KeyInfo:
    """What `keys list` shows about one private key."""

    key_id: int
    role: str
    fingerprint: str
    created: dt.datetime
    path: Path


@dataclass(frozen=True)
class RecipientKey:
    """What a kiosk holds: the key id to name in the header and the public key to encrypt to."""

    key_id: int
    public_key: X25519PublicKey

    def to_json(self) -> str:
        """The public-key file's contents."""
        raw = self.public_key.public_bytes(**_RAW)
        key = base64.urlsafe_b64encode(raw).decode("ascii")
        return (
            json.dumps({"format": PUBLIC_FORMAT, "key_id": self.key_id, "kem": "X25519", "public_key": key}, indent=2)
            + "\n"
        )


@dataclass(frozen=True)
class Keyring:
    """What a counter holds: private keys by key id (current and previous)."""

    private_keys: dict[int, X25519PrivateKey]

    def private_key(self, key_id: int) -> X25519PrivateKey:
        """The private key for a key id; raises UnknownKey."""
        try:
            return self.private_keys[key_id]
        except KeyError:
            raise UnknownKey(key_id) from None


def generate(keys_dir: Path) -> KeyInfo:
    """Create the first current key; refuses if a current key exists (use rotate)."""
    if _files(keys_dir, "current"):
        raise KeysError(f"{keys_dir} already has a current key: use `navi keys rotate`")
    previous = _files(keys_dir, "previous")
    key_id = (_key_id(previous[0]) + 1) % 256 if previous else 1
    return _info(_write(keys_dir, "current", key_id, X25519PrivateKey.generate()), "current")


def rotate(keys_dir: Path) -> KeyInfo:
    """Make a new current key; the old current becomes previous and the old previous is deleted."""
    current = _single(keys_dir, "current")
    key_id = (_key_id(current) + 1) % 256
    for stale in _files(keys_dir, "pending"):  # left by a rotation that crashed: never current, never used
        stale.unlink()
    # Write the new key before touching the old ones, so a crash never leaves the folder without one.
    pending = _write(keys_dir, "pending", key_id, X25519PrivateKey.generate())
    for old in _files(keys_dir, "previous"):
        old.unlink()
    current.rename(keys_dir / f"previous-{_key_id(current):03d}.pem")
    return _info(pending.rename(keys_dir / f"current-{key_id:03d}.pem"), "current")


def list_keys(keys_dir: Path) -> list[KeyInfo]:
    """Every private key in the folder, current first."""
    return [_info(path, role) for role in _ROLES for path in _files(keys_dir, role)]


def load_keyring(keys_dir: Path) -> Keyring:
    """The private keys of a keys folder; a folder with only a public key gives an empty keyring."""
    return Keyring({_key_id(path): _read_private(path) for role in _ROLES for path in _files(keys_dir, role)})


def counter_keyring(keys_dir: Path, public_file: Path) -> Keyring:
    """The keyring a counter reads codes with; KeysError naming the file when its current key is missing, so a
    deleted key is reported as the counter's fault, not as a code from another office."""
    if not _files(keys_dir, "current"):
        raise KeysError(f"{_expected_current(keys_dir, public_file)}: the counter's current private key is missing: "
                        "restore it from the backup of the keys folder")
    return load_keyring(keys_dir)


def _expected_current(keys_dir: Path, public_file: Path) -> Path:
    """The current key's file as the counter's own public-key file names it (a pattern if that is gone too)."""
    try:
        return Path(keys_dir) / f"current-{load_public(public_file).key_id:03d}.pem"
    except KeysError:
        return Path(keys_dir) / "current-NNN.pem"


def current_recipient(keys_dir: Path) -> RecipientKey:
    """The public half of the current key, for a machine that is both kiosk and counter."""
    path = _single(keys_dir, "current")
    return RecipientKey(_key_id(path), _read_private(path).public_key())


def export_public(keys_dir: Path) -> str:
    """The public-key file (JSON text) for kiosks."""
    return current_recipient(keys_dir).to_json()


def load_public(path: Path) -> RecipientKey:
    """A kiosk's public-key file; raises KeysError naming what is wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("format") != PUBLIC_FORMAT or data.get("kem") != "X25519":
            raise ValueError("not a Todokede Navi public-key file")
        key_id = data["key_id"]
        if not isinstance(key_id, int) or isinstance(key_id, bool) or not 0 <= key_id <= 255:
            raise ValueError("key_id must be 0–255")
        raw = base64.urlsafe_b64decode(data["public_key"].encode("ascii"))
        return RecipientKey(key_id, X25519PublicKey.from_public_bytes(raw))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise KeysError(f"{path}: {error}") from None


def _write(keys_dir: Path, role: str, key_id: int, key: X25519PrivateKey) -> Path:
    keys_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = keys_dir / f"{role}-{key_id:03d}.pem"
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    # Created with mode 600 rather than chmod-ed afterwards, so the key is never readable by others.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
    return path


def _read_private(path: Path) -> X25519PrivateKey:
    try:
        # Inside the try: a file deleted or made unreadable since the folder was listed is reported like a damaged one.
        if os.name == "posix" and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise KeysError(f"{path} is readable by other users: run chmod 600 on it")
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError, UnsupportedAlgorithm) as error:
        # A damaged or truncated file (a disk fault, an edit, a bad copy): say which file and what to do.
        raise KeysError(f"{path}: not a readable private key ({type(error).__name__}): restore it from the "
                        "backup of the keys folder") from None
    if not isinstance(key, X25519PrivateKey):
        raise KeysError(f"{path} is not an X25519 private key")
    return key


def _files(keys_dir: Path, role: str) -> list[Path]:
    return sorted(Path(keys_dir).glob(f"{role}-[0-9][0-9][0-9].pem"))


def _single(keys_dir: Path, role: str) -> Path:
    found = _files(keys_dir, role)
    if not found:
        raise KeysError(f"{keys_dir} has no {role} key: run `navi keys generate` first")
    if len(found) > 1:
        raise KeysError(f"{keys_dir} has {len(found)} {role} keys: keep only one")
    return found[0]


def _key_id(path: Path) -> int:
    key_id = int(path.stem.rsplit("-", 1)[1])
    if key_id > 255:
        raise KeysError(f"{path}: key ids go up to 255")
    return key_id


def _info(path: Path, role: str) -> KeyInfo:
    raw = _read_private(path).public_key().public_bytes(**_RAW)
    created = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
    return KeyInfo(_key_id(path), role, hashlib.sha256(raw).hexdigest()[:16], created, path)
