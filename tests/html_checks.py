"""What the Content-Security-Policy forbids, found in HTML: inline <script>, <style>, style="" and on…="".

`inline_code` is the precise check (an HTML parser); `quick_inline_code` a regular-expression version cheap
enough to run on every page every test renders (tests/conftest.py).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_QUICK = re.compile(
    r"<script\b(?![^>]*\bsrc=)[^>]*>|<style\b|<[a-z][^>]*\sstyle\s*=|<[a-z][^>]*\son[a-z]+\s*=|javascript:",
    re.IGNORECASE,
)


class _InlineFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name.lower(): value or "" for name, value in attrs}
        if tag == "script" and "src" not in names:
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style> block")
        if "style" in names:
            self.found.append(f'<{tag} style="{names["style"]}">')
        self.found += [f"<{tag} {name}=…>" for name in names if name.startswith("on")]
        self.found += [f"<{tag} {name}=javascript:…>" for name, value in names.items()
                       if value.strip().lower().startswith("javascript:")]


def inline_code(html: str) -> list[str]:
    """Every inline script, style block, style attribute, event-handler attribute and javascript: URL."""
    finder = _InlineFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def quick_inline_code(html: str) -> list[str]:
    """The same, by regular expression (may not be fooled by text, since our pages never contain such text)."""
    return [match.group(0)[:80] for match in _QUICK.finditer(html)]
