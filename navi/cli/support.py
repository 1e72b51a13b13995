"""What the `navi` subcommands share: output language, loading the catalog, reading facts files."""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click
from flask import Flask
from flask_babel import Babel

from navi.domain.catalog.loader import DEFAULT_CATALOG_DIR, CatalogInvalid, load_catalog
from navi.domain.catalog.model import Catalog
from navi.domain.facts import Facts
from navi.domain.validation import FactsInvalid, Problem, parse_facts
from navi.web.i18n import LanguageDomain, force_language

EXIT_BAD_INPUT = 2


@contextmanager
def cli_locale(lang: str):
    """Translations for command output outside a web request."""
    app = Flask("navi-cli")
    Babel(app).domain_instance = LanguageDomain()
    with app.app_context(), force_language(lang):
        yield


def default_lang() -> str:
    """Japanese unless the environment asks for English (NAVI_LANG or LANG)."""
    wanted = os.environ.get("NAVI_LANG") or os.environ.get("LANG", "ja")
    return "en" if wanted.lower().startswith("en") else "ja"


def load_or_exit(directory: str | None) -> Catalog:
    """The catalog of a folder (default: forms_catalog/), or every problem on stderr and exit 1."""
    try:
        return load_catalog(directory or DEFAULT_CATALOG_DIR)
    except CatalogInvalid as error:
        for problem in error.problems:
            click.echo(f"ERROR {problem}", err=True)
        click.echo(f"{len(error.problems)} problem(s) found", err=True)
        sys.exit(1)



def read_facts_json(source: str) -> object:
    """Parsed JSON from a path or '-' (stdin); raises FactsInvalid for unreadable input."""
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        return json.loads(text)
    except FileNotFoundError:
        raise FactsInvalid([Problem("$", "file_not_found", {"value": source})]) from None
    except (UnicodeDecodeError, IsADirectoryError):
        raise FactsInvalid([Problem("$", "not_json", {"detail": "not UTF-8 text"})]) from None
    except json.JSONDecodeError as error:
        detail = f"line {error.lineno}, column {error.colno}: {error.msg}"
        raise FactsInvalid([Problem("$", "not_json", {"detail": detail})]) from None



def facts_or_exit(source: str, catalog: Catalog, lang: str) -> Facts:
    """Validated facts from a file or stdin, or every problem with its JSON path on stderr and exit 2."""
    from navi.web.messages import problem_text

    try:
        return parse_facts(read_facts_json(source), catalog)
    except FactsInvalid as error:
        with cli_locale(lang):
            for problem in error.problems:
                click.echo(f"{problem.path}: {problem_text(problem)}", err=True)
        sys.exit(EXIT_BAD_INPUT)


keys_dir_option = click.option(
    "--keys-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the counter's keys [default: <instance>/keys].",
)


def keys_folder(value: Path | None) -> Path:
    """The --keys-dir given, else the instance's keys folder."""
    from navi.instance.layout import InstanceLayout

    return value if value is not None else InstanceLayout.from_environment().keys_dir


def fail(message: str, code: int) -> NoReturn:
    """Print `error: message` on stderr and exit with `code`."""
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def counter_session():
    """The configured app (database up to date, first start's catalog published) and a session on it."""
    from navi import create_app
    from navi.instance.prepare import prepare_database
    from navi.records.db import session_factory

    app = create_app()
    prepare_database(app)
    return app, session_factory(app.config["DATABASE_URL"])()


def app_session():
    """The configured app (instance prepared) and a database session for it."""
    from navi import create_app
    from navi.instance.prepare import prepare_instance
    from navi.records.db import session_factory

    app = create_app()
    prepare_instance(app)
    return app, session_factory(app.config["DATABASE_URL"])()
