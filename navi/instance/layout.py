"""Every file name in an instance folder, in one place: the database, keys, the kiosk's bundle and public key,
the session signing key, logs and the settings file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class InstanceLayout:
    """The files of one instance folder (created on first start; see navi.instance.prepare)."""

    root: Path

    @classmethod
    def from_environment(cls) -> InstanceLayout:
        """The instance folder named by $NAVI_INSTANCE, else ./instance."""
        return cls(Path(os.environ.get("NAVI_INSTANCE", "instance")).resolve())

    @property
    def settings_file(self) -> Path:
        """Python settings that override the defaults (SECRET_KEY shared by several hosts, time limits…)."""
        return self.root / "settings.py"

    @property
    def database_file(self) -> Path:
        """The embedded SQLite database, used unless DATABASE_URL names another."""
        return self.root / "navi.sqlite3"

    @property
    def keys_dir(self) -> Path:
        """The counter's key pairs (counter role) or the counter's public key (kiosk role)."""
        return self.root / "keys"

    @property
    def public_key_file(self) -> Path:
        """The counter's public key as a kiosk holds it (`navi keys export-public` or a kiosk bundle)."""
        return public_key_file(self.keys_dir)

    @property
    def bundle_catalog(self) -> Path:
        """The catalog of the kiosk bundle installed by `navi kiosk load-bundle`."""
        return self.root / "catalog-bundle.json"

    @property
    def bundle_installed(self) -> Path:
        """When the installed kiosk bundle was made and its catalog version (older bundles are refused)."""
        return self.root / "bundle-installed.json"

    @property
    def secret_key_file(self) -> Path:
        """The session signing key made on first start (kept out of the repository)."""
        return self.root / "secret_key"

    @property
    def picture_lock(self) -> Path:
        """Held while a child process reads an uploaded picture: one at a time on this host (navi.payload)."""
        return self.root / "picture.lock"

    @property
    def log_dir(self) -> Path:
        """Application logs (never personal data: navi.web.applog)."""
        return self.root / "logs"

    @property
    def cpu_meter_dir(self) -> Path:
        """Per-process CPU time per route, written only when CPU_METER is on (bench/load.py reads it)."""
        return self.root / "cpu-meter"


def public_key_file(keys_dir: Path) -> Path:
    """Where the counter's public key lives inside a keys folder."""
    return keys_dir / "public.json"
