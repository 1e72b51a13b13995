"""What the Content-Security-Policy forbids, found in HTML: inline <script>, <style>, style="" and on…="".

`inline_code` is the precise check (the HTML parser of tests/pages.py); `quick_inline_code` a regular-expression
version cheap enough to run on every page every test renders (tests/conftest.py).
"""

from __future__ import annotations

import re

from tests.pages import parse

_QUICK = re.compile(
    r"<script\b(?![^>]*\bsrc=)[^>]*>|<style\b|<[a-z][^>]*\sstyle\s*=|<[a-z][^>]*\son[a-z]+\s*=|javascript:",
    re.IGNORECASE,
)


def inline_code(html: str) -> list[str]:
    """Every inline script, style block, style attribute, event-handler attribute and javascript: URL."""
    found = []
    for tag in parse(html).find_all(True):
        names = {name.lower(): " ".join(v) if isinstance(v, list) else (v or "") for name, v in tag.attrs.items()}
        if tag.name == "script" and "src" not in names:
            found.append("<script> without src")
        if tag.name == "style":
            found.append("<style> block")
        if "style" in names:
            found.append(f'<{tag.name} style="{names["style"]}">')
        found += [f"<{tag.name} {name}=…>" for name in names if name.startswith("on")]
        found += [f"<{tag.name} {name}=javascript:…>" for name, value in names.items()
                  if value.strip().lower().startswith("javascript:")]
    return found


def quick_inline_code(html: str) -> list[str]:
    """The same, by regular expression (may not be fooled by text, since our pages never contain such text)."""
    return [match.group(0)[:80] for match in _QUICK.finditer(html)]
