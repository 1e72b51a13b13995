"""Wires the Flask app: settings, translations, the catalog, the database and each role's blueprints."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Flask, g, request, session
from flask_babel import Babel, get_locale

from navi import config
from navi.domain.catalog.check import check_catalog
from navi.domain.catalog.loader import CatalogInvalid, catalog_from_raw, load_catalog
from navi.instance.layout import InstanceLayout

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
    app = Flask("navi", instance_path=str(instance), template_folder=str(config.TEMPLATES_DIR),
                static_folder=str(config.STATIC_DIR))
    app.config.from_mapping(config.defaults(instance))
    # The instance's own settings file (Flask would look for a relative name beside the package, not here).
    app.config.from_pyfile(str(InstanceLayout(instance).settings_file), silent=True)
    if test_config:
        app.config.update(test_config)
    if app.config["NAVI_ROLE"] not in ROLES:
        raise ValueError(f"NAVI_ROLE must be one of {', '.join(ROLES)}")
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(InstanceLayout(instance).secret_key_file)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(config.TRANSLATIONS_DIR)
    Babel(app, locale_selector=select_locale)
    app.jinja_env.globals["current_lang"] = lambda: str(get_locale() or "ja")
    app.extensions["navi.catalog"] = _catalog(app)

    @app.before_request
    def _languages() -> None:
        g.languages = app.config["LANGUAGES"]

    from navi import wizard
    from navi.web import assets, errors, extensions, ratelimit, security, templating

    extensions.init_app(app)
    assets.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    templating.register(app)

    if app.config["NAVI_ROLE"] in ("kiosk", "all"):
        app.register_blueprint(wizard.bp)
    if app.config["NAVI_ROLE"] in ("counter", "all"):
        from navi import catalog_admin, counter

        app.register_blueprint(counter.bp)
        app.register_blueprint(catalog_admin.bp)
    from navi.web.applog import configure_logging

    configure_logging(app)
    ratelimit.init_app(app)
    return app


def _catalog(app: Flask):
    """A kiosk runs the catalog of its installed bundle; otherwise the folder's, until the latest published
    version takes over (navi.instance.prepare.prepare_database, and navi.web.extensions.catalog on each request)."""
    bundled = InstanceLayout(Path(app.instance_path)).bundle_catalog
    if app.config["NAVI_ROLE"] == "kiosk" and bundled.exists():
        loaded = catalog_from_raw(json.loads(bundled.read_text(encoding="utf-8")))
    else:
        loaded = load_catalog(app.config["CATALOG_DIR"])
    # A catalog with any problem `navi catalog check` reports is refused: the app does not start with it.
    problems = check_catalog(loaded)
    if problems:
        raise CatalogInvalid(problems)
    return loaded


def _secret_key(path: Path) -> str:
    """The instance's session signing key, created on first start (kept out of the repository)."""
    import secrets

    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32), encoding="ascii")
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip()
