"""Every editor page, in both languages: one <h1>, every control labelled, ids unique, no untranslated words."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from navi.domain.catalog.editing import KINDS
from tests.factories import default_catalog
from tests.pages import ClientRequest, parse

from .helpers import submit

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# Interface words that are Japanese in every language: the service name, the language's own name, and the
# example of a choice line, whose second and fourth parts are the Japanese and easy Japanese labels.
ALWAYS_JAPANESE = ("届出ナビ", "日本語", "For example: nursery | 保育園 | Nursery school | "
                   "保育園（子どもをあずける所）. The fourth part, in Easy Japanese, may be left out.")


# Catalog content (names, codes, household ids, what was typed) is data, not interface text.
DATA_TAGS = ("code", "option", "td", "textarea", "dd")


def interface_texts(html: str) -> list[str]:
    """The page's own words: visible text outside catalog data and outside elements marked with a `lang`."""
    soup = parse(html)
    return [text.strip() for text in soup.find_all(string=True)
            if text.strip() and not any(parent.name in (*DATA_TAGS, "script", "style", "template", "title")
                                        or (parent.name not in ("html", "[document]") and parent.get("lang"))
                                        for parent in text.parents)]


def catalog_english() -> set[str]:
    """The catalog's own English names, some of which keep the Japanese sign on purpose (区民課)."""
    found, stack = set(), [default_catalog().model_dump()]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if JAPANESE.search(str(item.get("en", ""))):
                found.add(item["en"])
            stack += list(item.values())
        elif isinstance(item, list):
            stack += item
    return found


def pages(client) -> list[str]:
    catalog = default_catalog().model_dump(by_alias=True)
    found = ["/counter/catalog/", "/counter/catalog/review", "/counter/catalog/procedures/new"]
    for kind in sorted(KINDS):
        found += [f"/counter/catalog/{kind}/", f"/counter/catalog/{kind}/{catalog[kind][0]['id']}"]
    return found


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_editor_page_keeps_the_invariants(supervisor, lang):
    # A draft with a changed question and procedure, so the review shows its diff, examples and a preview.
    submit(supervisor, "/counter/catalog/questions/moved_with_card", {"allow_unknown": []})
    submit(supervisor, "/counter/catalog/procedures/kouki_join", {"deadline_days": "30"})
    supervisor.get(f"/counter/catalog/?lang={lang}")
    checked = ClientRequest(supervisor, lang)
    for path in pages(supervisor):
        soup = checked.get(path)  # one <h1>, every control labelled, lang
        duplicated = [i for i, n in Counter(tag["id"] for tag in soup.find_all(id=True)).items() if n > 1]
        assert duplicated == [], (path, duplicated)
        if lang == "en":
            texts = interface_texts(supervisor.get(path).get_data(as_text=True))
            leftovers = [t for t in texts if JAPANESE.search(t) and t not in ALWAYS_JAPANESE
                         and not any(name in t for name in catalog_english())]
            assert leftovers == [], (path, leftovers[:5])
