"""First start of an instance: database schema, the published default catalog and the keys."""

from __future__ import annotations

from flask import Flask

from navi.domain.catalog.loader import read_catalog_files
from navi.payload import keys
from navi.records import catalogs
from navi.records.db import session_factory, upgrade


def prepare_instance(app: Flask) -> None:
    """Create or update everything the instance folder must hold before the app serves."""
    url = app.config["DATABASE_URL"]
    upgrade(url)
    catalog = app.extensions["navi.catalog"]
    raw = read_catalog_files(app.config["CATALOG_DIR"])
    with session_factory(url)() as session, session.begin():
        catalogs.publish(session, catalog, raw)
    prepare_keys(app)


def prepare_keys(app: Flask) -> None:
    """A counter's first start makes its key pair; every start refreshes public.json for its own kiosk."""
    if app.config["NAVI_ROLE"] == "kiosk":
        return
    keys_dir = app.config["KEYS_DIR"]
    if not keys.list_keys(keys_dir):
        keys.generate(keys_dir)
    public = keys_dir / "public.json"  # navi.wizard.qr.public_key_file
    public.write_text(keys.export_public(keys_dir), encoding="utf-8")
