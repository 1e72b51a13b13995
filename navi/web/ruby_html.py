"""Ruby on the kanji of an HTML page in やさしい日本語: every text node gets <ruby>漢字<rt>かんじ</rt></ruby>.

Text a browser cannot mark up (title, option, textarea), code, whatever is marked translate="no", and the
words of the resident's own draft (`g.resident_words`: names and addresses) are left alone.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

from flask import Flask, Response, g

from navi.text.languages import RUBY_LANGUAGES
from navi.text.ruby import pieces
from navi.web.i18n import current_lang

PLAIN_ELEMENTS = frozenset({"title", "option", "textarea", "script", "style", "ruby", "rt", "rp", "code", "kbd",
                            "samp", "svg"})
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                           "track", "wbr"})


def ruby_markup(text: str, plain: frozenset[str] = frozenset()) -> str:
    """Escaped `text` (already HTML, entities kept) with ruby around each run of kanji not in `plain`, in one
    <span> when it has any (in a flex box, such as a button, each ruby would otherwise be an item of its own
    and the words would wrap apart)."""
    parts = pieces(text, plain)
    if all(reading is None for _, reading in parts):
        return text
    return "<span>" + "".join(f"<ruby>{part}<rt>{escape(reading)}</rt></ruby>" if reading else part
                              for part, reading in parts) + "</span>"


class _Rubifier(HTMLParser):
    """Copies a page through, adding ruby to the text outside plain elements."""

    def __init__(self, plain_words: frozenset[str]) -> None:
        super().__init__(convert_charrefs=False)
        self.plain_words = frozenset(escape(w, quote=False) for w in plain_words)
        self.out: list[str] = []
        self.plain: list[str] = []  # the open elements whose text stays as it is

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in VOID_ELEMENTS:
            return
        if self.plain or tag in PLAIN_ELEMENTS or ("translate", "no") in attrs:
            self.plain.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if self.plain and self.plain[-1] == tag:
            self.plain.pop()

    def handle_data(self, data):
        self.out.append(data if self.plain else ruby_markup(data, self.plain_words))

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")


def add_ruby(html: str, plain_words: frozenset[str] = frozenset()) -> str:
    """The page with ruby on the kanji of its text, but not on `plain_words` (what the resident typed)."""
    parser = _Rubifier(plain_words)
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


def init_app(app: Flask) -> None:
    """Add ruby to every HTML page served in a language that reads with it."""

    @app.after_request
    def _ruby(response: Response) -> Response:
        if (response.mimetype == "text/html" and not response.direct_passthrough
                and current_lang() in RUBY_LANGUAGES):
            response.set_data(add_ruby(response.get_data(as_text=True), g.get("resident_words", frozenset())))
        return response
