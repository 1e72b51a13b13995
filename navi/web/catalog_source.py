"""Where the running catalog comes from, chosen once in `create_app`: a kiosk runs its installed bundle; a
counter runs the latest published version, and reads any older version a code in circulation names."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from sqlalchemy.orm import Session

from navi.domain.catalog.model import Catalog
from navi.records import catalogs


class CatalogSource(Protocol):
    """The catalog an app runs and the versions it can read."""

    running: Catalog

    def current(self, session: Session) -> Catalog:
        """The catalog for this request."""

    def version(self, session: Session, version: str) -> Catalog | None:
        """A catalog version by its content hash, or None when this app cannot read it."""

    def published(self) -> None:
        """This process published a version: use it from the next request."""

    def adopt_latest(self, session: Session) -> None:
        """At start-up: run the latest published version (the first start has just seeded it)."""


class BundleSource:
    """A kiosk: the catalog of its installed bundle (or the folder's before the first bundle); nothing else."""

    def __init__(self, catalog: Catalog):
        self.running = catalog

    def current(self, session: Session) -> Catalog:
        """The installed catalog, whatever the database holds."""
        return self.running

    def version(self, session: Session, version: str) -> Catalog | None:
        """The installed catalog when it is that version."""
        return self.running if version == self.running.version else None

    def published(self) -> None:
        """Kiosks never publish."""

    def adopt_latest(self, session: Session) -> None:
        """A kiosk changes catalog only by loading a new bundle."""


class PublishedSource:
    """A counter: the latest published version, asked for at most every `check_seconds` per process (the
    publishing process switches at once); published versions never change, so each is cached once read."""

    def __init__(self, catalog: Catalog, check_seconds: Callable[[], float]):
        self.running = catalog
        self.check_seconds = check_seconds  # read at each check: the setting can change while running
        self._checked_at: float | None = None
        self._versions: dict[str, Catalog] = {}

    def current(self, session: Session) -> Catalog:
        """The running catalog, switched to a newer published version when one is found."""
        if self._check_due():
            latest = catalogs.current_version(session)
            if latest is not None and latest != self.running.version:
                self.running = self.version(session, latest) or self.running
        return self.running

    def version(self, session: Session, version: str) -> Catalog | None:
        """A published version: the running one, else from this process's cache, else from the database."""
        if version == self.running.version:
            return self.running
        if version not in self._versions:
            found = catalogs.load_version(session, version)
            if found is None:
                return None
            self._versions[version] = found
        return self._versions[version]

    def published(self) -> None:
        """Check at the next request instead of waiting for the interval."""
        self._checked_at = None

    def adopt_latest(self, session: Session) -> None:
        """Run the latest published version from now on."""
        self._checked_at = None
        self.current(session)

    def _check_due(self) -> bool:
        now = time.monotonic()
        if self._checked_at is not None and now - self._checked_at < self.check_seconds():
            return False
        self._checked_at = now
        return True
