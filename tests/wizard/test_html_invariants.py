"""Every wizard page, in both languages: the page invariants (tests/pages.py), and nothing left untranslated."""

import re

import pytest

from navi.domain import normalize
from tests.pages import ClientRequest, parse
from tests.wizard.journeys import BEREAVEMENT, FAMILY_MOVING_IN, walk

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# What residents typed and what the postal database filled in stays as it is in every language.
RESIDENT_DATA = {"熊本県", "熊本市中央区", "新町", "福岡県", "福岡市博多区", "博多駅前", "水前寺", "ハイツ夢野"}


def resident_words(journey) -> set[str]:
    words = set(RESIDENT_DATA)
    for person in journey.people:
        words.update(person[:4])
        words.update(normalize.kana(part) for part in person[2:4])
    for answer in journey.answers.values():
        words.update(v for v in answer.values() if isinstance(v, str))
    return words


@pytest.mark.parametrize("journey", [FAMILY_MOVING_IN, BEREAVEMENT], ids=["moving_in", "death"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_page_keeps_the_invariants(client, journey, lang):
    """One <h1>, labels, `lang` and no raw ids (checked by client_request on each page), and in English no
    Japanese left untranslated."""
    client.get(f"/?lang={lang}")
    checked = ClientRequest(client, lang)
    pages: list[tuple[str, str]] = []

    def on_page(url, response):
        checked.check(url, response, 200)
        pages.append((url, response.get_data(as_text=True)))

    walk(client, journey, on_page=on_page)
    allowed = resident_words(journey)
    assert len(pages) == len(checked.pages) > 10
    if lang != "en":
        return
    for url, html in pages:
        for inner, text in texts_by_language(html):
            if inner == "ja":
                continue
            # A Japanese term in brackets glosses the English on purpose: it is what the signs say.
            remainder = re.sub(r"\([^()]*\)", "", text)
            for word in sorted(allowed, key=len, reverse=True):
                remainder = remainder.replace(word, "")
            assert not JAPANESE.search(remainder), (url, text)


def texts_by_language(html: str) -> list[tuple[str | None, str]]:
    """(the nearest `lang` of an element inside <body>, text) for each visible text of the page."""
    soup = parse(html)
    found = []
    for text in soup.body.find_all(string=True) if soup.body else []:
        if not text.strip() or any(parent.name in ("script", "style", "template") for parent in text.parents):
            continue
        inner = next((parent.get("lang") for parent in text.parents
                      if parent.name not in ("html", "[document]") and parent.get("lang")), None)
        found.append((inner, text.strip()))
    return found
