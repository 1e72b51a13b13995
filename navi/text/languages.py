"""The app's languages: their codes, the Babel locale each formats dates with, and their message catalogs.

A language code is what a resident picks ("ja", "en", "easy_ja"); the catalog texts (`Text.get`) and the
translations directory use the same code. やさしい日本語 is Japanese to Babel (dates, era, country names): only its
words differ, so a translator adds 中文 or Tiếng Việt as one more message catalog the same way.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from babel.support import NullTranslations, Translations

from navi.config import TRANSLATIONS_DIR

SOURCE = "ja"  # the msgids are standard Japanese
BABEL_LOCALES = {"easy_ja": "ja"}
RUBY_LANGUAGES = frozenset({"easy_ja"})  # read with furigana on every kanji (navi.text.ruby)

log = logging.getLogger(__name__)
_untranslated: set[tuple[str, str]] = set()


def babel_locale(lang: str) -> str:
    """The Babel locale identifier that formats dates and names countries for `lang`."""
    return BABEL_LOCALES.get(lang, lang)


def uses_era(lang: str) -> bool:
    """Whether dates are read in 和暦 (令和8年): standard Japanese only; やさしい日本語, written for residents from
    abroad, counts years in 西暦 as English does (2026年12月2日)."""
    return lang == SOURCE


class _Untranslated(NullTranslations):
    """The last fallback of a language's catalog: notes each msgid it was asked for, then gives the msgid."""

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang

    def _missing(self, message: str) -> str:
        if (self.lang, message) not in _untranslated:
            _untranslated.add((self.lang, message))
            # msgids are the program's own words, never a resident's: safe to name in the log.
            log.warning("no %s translation for %r", self.lang, message[:80])
        return message

    def gettext(self, message):
        return self._missing(message)

    def ngettext(self, msgid1, msgid2, n):
        return self._missing(msgid1 if n == 1 else msgid2)

    def pgettext(self, context, message):
        return self._missing(message)

    def npgettext(self, context, msgid1, msgid2, n):
        return self._missing(msgid1 if n == 1 else msgid2)


@lru_cache(maxsize=16)
def translations(lang: str) -> NullTranslations:
    """The message catalog of `lang` (nothing to translate for the source language), read once per process."""
    if lang == SOURCE:
        return NullTranslations()
    catalog = Translations.load(str(TRANSLATIONS_DIR), [lang])
    catalog.add_fallback(_Untranslated(lang))
    return catalog


def untranslated() -> set[tuple[str, str]]:
    """The (language, msgid) pairs asked for and missing from their catalog since the process started."""
    return set(_untranslated)


def forget_untranslated() -> None:
    """Start noting missing translations afresh (tests look at one page at a time)."""
    _untranslated.clear()


# Each language named in itself (an autonym is not translated: a reader finds their own language by it).
AUTONYMS = {"ja": "日本語", "en": "English", "easy_ja": "やさしい日本語"}


def html_lang(lang: str) -> str:
    """The BCP 47 tag for HTML's lang attribute (やさしい日本語 is Japanese to browsers and screen readers)."""
    return babel_locale(lang).replace("_", "-")
