"""First start of an instance: database schema, the published default catalog and the keys."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from navi.domain.catalog.loader import catalog_from_raw, read_catalog_files
from navi.instance.layout import public_key_file
from navi.payload import keys
from navi.records import catalogs
from navi.records.db import check_integrity, session_factory, upgrade
from navi.web.extensions import catalog_source


def prepare_instance(app: Flask) -> None:
    """Create or update everything the instance folder must hold before the app serves."""
    protect_instance(Path(app.instance_path))  # before the database file exists, so it is never readable by others
    prepare_database(app)
    prepare_keys(app)
    protect_instance(Path(app.instance_path))


def protect_instance(root: Path) -> None:
    """Make the instance folder the owner's alone: the folder and its folders 0700, every file 0600, and files
    this process creates from now on (logs, SQLite's WAL) the same, whatever umask it was started with."""
    # Why the process's umask too: the log handler and SQLite create files later, with the umask's mode.
    os.umask(0o077)
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o700)
    for folder, folders, files in os.walk(root):
        for name in folders:
            (Path(folder) / name).chmod(0o700)
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink():
                path.chmod(0o600)


def prepare_database(app: Flask) -> None:
    """The newest schema, the first start's published catalog, and the app running the current version."""
    url = app.config["DATABASE_URL"]
    check_integrity(url)
    upgrade(url)
    with session_factory(url)() as session, session.begin():
        if catalogs.latest_publication(session) is None:
            # The catalog folder seeds the first start only; after that the supervisor publishes versions.
            raw = read_catalog_files(app.config["CATALOG_DIR"])
            catalogs.seed(session, catalog_from_raw(raw), raw)
    with session_factory(url)() as session:
        catalog_source(app).adopt_latest(session)


def prepare_keys(app: Flask) -> None:
    """A counter's first start makes its key pair; every start refreshes public.json for its own kiosk."""
    if not app.extensions["navi.role"].serves_staff:
        return
    keys_dir = app.config["KEYS_DIR"]
    if not keys.list_keys(keys_dir):
        keys.generate(keys_dir)
    public = public_key_file(keys_dir)
    public.write_text(keys.export_public(keys_dir), encoding="utf-8")
