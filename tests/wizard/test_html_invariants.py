"""Every wizard page, in both languages: the page invariants (tests/pages.py), and nothing left untranslated."""

import re

import pytest

from navi.domain import normalize
from navi.domain.catalog.model import Text
from navi.text.languages import forget_untranslated, untranslated
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


# Where a page may show text without ruby: what HTML cannot mark up, code, and the resident's own words.
PLAIN = ("title", "option", "textarea", "script", "style", "template", "rt", "rp", "code", "kbd", "samp")


def kanji_without_ruby(html: str, allowed: set[str]) -> list[str]:
    """The texts of the page's body that hold kanji outside <ruby> (and outside what stays plain: the
    resident's own words in `allowed`)."""
    soup = parse(html)
    found = []
    for text in soup.body.find_all(string=True) if soup.body else []:
        parents = list(text.parents)
        if any(p.name in PLAIN or p.name == "ruby" or p.get("translate") == "no" for p in parents):
            continue
        remainder = str(text)
        for word in sorted(allowed, key=len, reverse=True):
            remainder = remainder.replace(word, "")
        if KANJI.search(remainder):
            found.append(text.strip())
    return found


KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff々]")


@pytest.mark.parametrize("journey", [FAMILY_MOVING_IN, BEREAVEMENT], ids=["moving_in", "death"])
def test_every_page_in_easy_japanese(client, journey, monkeypatch):
    """やさしい日本語: the invariants with lang="ja", every msgid and every catalog text translated (nothing falls
    back to the standard Japanese), and ruby on every kanji outside the resident's own words."""
    asked: list[str] = []
    fell_back: list[str] = []
    read = Text.get

    def get(text, lang):
        if lang == "easy_ja":
            asked.append(text.ja)
            if not text.easy_ja:
                fell_back.append(text.ja)
        return read(text, lang)

    monkeypatch.setattr(Text, "get", get)
    client.get("/?lang=easy_ja")
    checked = ClientRequest(client, "ja")
    pages: list[tuple[str, str]] = []
    forget_untranslated()

    def on_page(url, response):
        checked.check(url, response, 200)
        pages.append((url, response.get_data(as_text=True)))

    walk(client, journey, on_page=on_page)
    # The pages off the journey's path: 「最初からやり直す」's question, a page that isn't there, the start page
    # after the answers are erased, and a page with the resident's mistakes on it.
    on_page("/finish (ask)", client.post("/finish", data={"reason": "ask_restart", "back": "/result"}))
    missing = client.get("/no-such-page")
    checked.check("/no-such-page", missing, 404)
    pages.append(("/no-such-page", missing.get_data(as_text=True)))
    wiped = client.post("/finish", data={"reason": "finished"})
    on_page("/ (wiped)", client.get(wiped.headers["Location"]))
    client.post("/begin")
    client.post("/step/event", data={"value": journey.answers["event"]["value"]})
    on_page("/step/date (mistakes)", client.post("/step/date", data={"date_era": "seireki", "date_year": "20x6"}))
    assert len(pages) > 14 and "error-message" in pages[-1][1]
    assert {msgid for lang, msgid in untranslated() if lang == "easy_ja"} == set()
    assert len(asked) > 50 and fell_back == []
    allowed = resident_words(journey)
    assert [(url, kanji_without_ruby(html, allowed)) for url, html in pages if kanji_without_ruby(html, allowed)] == []
