"""The language of the request: chosen by the resident (?lang= or the session), Japanese by default."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import g, has_app_context, has_request_context, request, session
from flask_babel import Domain, force_locale
from flask_babel.speaklater import LazyString

from navi.text.languages import babel_locale, translations


def chosen_lang() -> str:
    """The resident's chosen language (?lang= or the session), else the first configured language."""
    languages = g.get("languages") or ["ja", "en"]
    chosen = request.args.get("lang")
    if chosen in languages:
        session["lang"] = chosen
    return session.get("lang") if session.get("lang") in languages else languages[0]


def select_locale() -> str:
    """Flask-Babel's locale selector: the Babel locale of the chosen language (Japanese for やさしい日本語)."""
    return babel_locale(chosen_lang())


def current_lang() -> str:
    """The language code of the page being built ("ja", "en", "easy_ja", …), "ja" outside a request."""
    # One lookup of `g` when known: templates and lazy texts ask for it hundreds of times a page.
    known = g.get("lang") if has_app_context() else None
    if known:
        return known
    if has_request_context():
        g.lang = chosen_lang()
        return g.lang
    return "ja"


@contextmanager
def force_language(lang: str) -> Iterator[None]:
    """Words, dates and catalog texts in `lang` inside the block (the other language of an error page, a CLI)."""
    previous = g.get("lang")
    g.lang = lang
    try:
        with force_locale(babel_locale(lang)):
            yield
    finally:
        if previous is None:
            g.pop("lang", None)
        else:
            g.lang = previous


def gettext(message: str, **variables) -> str:
    """`message` in the page's language, `%(name)s` filled from `variables` (Flask-Babel's, without its domain
    lookup on every call: a page asks for dozens of texts)."""
    text = translations(current_lang()).gettext(message)
    return text % variables if variables else text


def lazy_gettext(message: str, **variables) -> LazyString:
    """`gettext` when the text is used, not when it is defined (labels made at import time)."""
    return LazyString(gettext, message, **variables)


def ngettext(singular: str, plural: str, n: int, **variables) -> str:
    """The singular or plural text in the page's language, `%(name)s` filled from `variables`."""
    text = translations(current_lang()).ngettext(singular, plural, n)
    return text % variables if variables else text


class LanguageDomain(Domain):
    """Flask-Babel's message domain, keyed by the app's language code rather than the Babel locale (so that
    やさしい日本語 has its own catalog while dates stay Japanese)."""

    def get_translations(self):
        """The message catalog of the current language."""
        return translations(current_lang())
