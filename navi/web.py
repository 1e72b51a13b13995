"""Wires the Flask app: settings, translations, the catalog, the database and each role's blueprints."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Flask, g, request, session
from flask_babel import Babel, get_locale

from navi import config
from navi.domain.catalog.check import check_catalog
from navi.domain.catalog.loader import CatalogInvalid, catalog_from_raw, load_catalog

ROOT = Path(__file__).resolve().parent.parent
ROLES = ("kiosk", "counter", "all")


def select_locale() -> str:
    """The resident's chosen language (?lang= or the session), else Japanese."""
    languages = g.get("languages") or ["ja", "en"]
    chosen = request.args.get("lang")
    if chosen in languages:
        session["lang"] = chosen
    return session.get("lang") if session.get("lang") in languages else languages[0]


def build_app(test_config: dict | None = None) -> Flask:
    """The configured Flask app; see `navi.create_app`."""
    instance = config.instance_path()
    app = Flask("navi", instance_path=str(instance), template_folder=str(ROOT / "templates"),
                static_folder=str(ROOT / "navi" / "static"))
    app.config.from_mapping(config.defaults(instance))
    app.config.from_pyfile("settings.py", silent=True)
    if test_config:
        app.config.update(test_config)
    if app.config["NAVI_ROLE"] not in ROLES:
        raise ValueError(f"NAVI_ROLE must be one of {', '.join(ROLES)}")
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(Path(app.instance_path))
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(ROOT / "navi" / "translations")
    Babel(app, locale_selector=select_locale)
    app.jinja_env.globals["current_lang"] = lambda: str(get_locale() or "ja")
    app.extensions["navi.catalog"] = _catalog(app)

    @app.before_request
    def _languages() -> None:
        g.languages = app.config["LANGUAGES"]

    from navi import assets, errors, extensions, ratelimit, security, ui, wizard

    extensions.init_app(app)
    assets.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    ui.register(app)

    if app.config["NAVI_ROLE"] in ("kiosk", "all"):
        app.register_blueprint(wizard.bp)
    if app.config["NAVI_ROLE"] in ("counter", "all"):
        from navi import catalog_admin, counter

        app.register_blueprint(counter.bp)
        app.register_blueprint(catalog_admin.bp)
    from navi.applog import configure_logging

    configure_logging(app)
    ratelimit.init_app(app)
    return app


def _catalog(app: Flask):
    """A kiosk runs the catalog of its installed bundle; otherwise the folder's, until the latest published
    version takes over (navi.instance.prepare_database, and navi.extensions.catalog on each request)."""
    bundled = Path(app.instance_path) / "catalog-bundle.json"
    if app.config["NAVI_ROLE"] == "kiosk" and bundled.exists():
        loaded = catalog_from_raw(json.loads(bundled.read_text(encoding="utf-8")))
    else:
        loaded = load_catalog(app.config["CATALOG_DIR"])
    # A catalog with any problem `navi catalog check` reports is refused: the app does not start with it.
    problems = check_catalog(loaded)
    if problems:
        raise CatalogInvalid(problems)
    return loaded


def _secret_key(instance: Path) -> str:
    """The instance's session signing key, created on first start (kept out of the repository)."""
    import secrets

    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32), encoding="ascii")
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip()
