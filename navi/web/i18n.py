"""The language of the request: chosen by the resident (?lang= or the session), Japanese by default."""

from __future__ import annotations

from flask import g, request, session
from flask_babel import get_locale


def select_locale() -> str:
    """The resident's chosen language (?lang= or the session), else the first configured language."""
    languages = g.get("languages") or ["ja", "en"]
    chosen = request.args.get("lang")
    if chosen in languages:
        session["lang"] = chosen
    return session.get("lang") if session.get("lang") in languages else languages[0]


def current_lang() -> str:
    """The language code of the page being built ("ja", "en", …), "ja" outside a request."""
    return str(get_locale() or "ja")
