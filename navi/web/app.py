"""Wires the Flask app: settings, translations, the catalog, the database and each role's blueprints."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from flask import Blueprint, Flask, g
from flask_babel import Babel

from navi import config
from navi.domain.catalog.check import check_catalog
from navi.domain.catalog.loader import CatalogInvalid, catalog_from_raw, load_catalog
from navi.instance.layout import InstanceLayout
from navi.web import cpu_meter, ratelimit, widgets
from navi.web.applog import configure_logging
from navi.web.catalog_source import BundleSource, CatalogSource, PublishedSource
from navi.web.i18n import LanguageDomain, current_lang, gettext, ngettext, select_locale
from navi.web.roles import Role


def build_app(test_config: dict | None, blueprints: Callable[[Role], list[Blueprint]]) -> Flask:
    """The configured Flask app with the blueprints its role serves; see `navi.create_app`."""
    instance = config.instance_path()
    app = Flask("navi", instance_path=str(instance), template_folder=str(config.TEMPLATES_DIR),
                static_folder=str(config.STATIC_DIR))
    app.config.from_mapping(config.defaults(instance))
    # The instance's own settings file (Flask would look for a relative name beside the package, not here).
    app.config.from_pyfile(str(InstanceLayout(instance).settings_file), silent=True)
    if test_config:
        app.config.update(test_config)
    role = app.extensions["navi.role"] = Role(app.config["NAVI_ROLE"])
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(InstanceLayout(instance).secret_key_file)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(config.TRANSLATIONS_DIR)
    Babel(app, locale_selector=select_locale).domain_instance = LanguageDomain()
    widgets.install()
    # Jinja's _() and ngettext() read the language's catalog directly (Flask-Babel's found its domain each time).
    app.jinja_env.install_gettext_callables(gettext=gettext, ngettext=ngettext, newstyle=True)
    app.jinja_env.globals["current_lang"] = current_lang
    app.extensions["navi.catalog_source"] = _catalog_source(app, role)

    @app.before_request
    def _languages() -> None:
        g.languages = app.config["LANGUAGES"]

    _wire(app)
    for blueprint in blueprints(role):
        app.register_blueprint(blueprint)
    configure_logging(app)
    ratelimit.init_app(app)  # wraps the registered sign-in and scan views
    if app.config["CPU_METER"]:  # outermost, so that it counts everything the app does for a request
        cpu_meter.init_app(app, InstanceLayout(instance).cpu_meter_dir)
    return app


def _wire(app: Flask) -> None:
    """The request's database session, static assets, security headers, error pages and template helpers."""
    from navi.web import assets, errors, extensions, ruby_html, security, templating

    extensions.init_app(app)
    assets.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    templating.register(app)
    ruby_html.init_app(app)


def _catalog_source(app: Flask, role: Role) -> CatalogSource:
    """A kiosk runs the catalog of its installed bundle; a counter the folder's, until the latest published
    version takes over (navi.instance.prepare.prepare_database, then every CATALOG_CHECK_SECONDS)."""
    bundled = InstanceLayout(Path(app.instance_path)).bundle_catalog
    if not role.serves_staff and bundled.exists():
        loaded = catalog_from_raw(json.loads(bundled.read_text(encoding="utf-8")))
    else:
        loaded = load_catalog(app.config["CATALOG_DIR"])
    # A catalog with any problem `navi catalog check` reports is refused: the app does not start with it.
    problems = check_catalog(loaded)
    if problems:
        raise CatalogInvalid(problems)
    if not role.serves_staff:
        return BundleSource(loaded)
    return PublishedSource(loaded, lambda: app.config["CATALOG_CHECK_SECONDS"])


def _secret_key(path: Path) -> str:
    """The instance's session signing key, created on first start (kept out of the repository)."""
    import secrets

    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32), encoding="ascii")
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip()
