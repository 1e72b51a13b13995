"""Every wizard page, in both languages: one <h1>, every control labelled, `lang` set, nothing left untranslated."""

import re
from html.parser import HTMLParser

import pytest

from navi.domain import normalize
from tests.wizard.journeys import BEREAVEMENT, FAMILY_MOVING_IN, walk

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# What residents typed and what the postal database filled in stays as it is in every language.
RESIDENT_DATA = {"熊本県", "熊本市中央区", "新町", "福岡県", "福岡市博多区", "博多駅前", "水前寺", "ハイツ夢野"}


class PageFacts(HTMLParser):
    """Collects what the invariants look at."""

    def __init__(self):
        super().__init__()
        self.h1 = 0
        self.html_lang = None
        self.controls: list[dict] = []
        self.label_for: set[str] = set()
        self.lang_stack: list[str | None] = []
        self.texts: list[tuple[str | None, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if tag == "h1":
            self.h1 += 1
        if tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit"):
            self.controls.append(attrs)
        if tag == "label" and attrs.get("for"):
            self.label_for.add(attrs["for"])
        if tag not in ("input", "meta", "link", "br", "img"):
            self.lang_stack.append(attrs.get("lang"))

    def handle_endtag(self, tag):
        if tag not in ("input", "meta", "link", "br", "img") and self.lang_stack:
            self.lang_stack.pop()

    def handle_data(self, data):
        inner = next((lang for lang in reversed(self.lang_stack) if lang), None)
        if data.strip():
            self.texts.append((inner, data.strip()))


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
    client.get(f"/?lang={lang}")
    pages: list[tuple[str, str]] = []
    walk(client, journey, on_page=lambda url, response: pages.append((url, response.get_data(as_text=True))))
    allowed = resident_words(journey)
    assert len(pages) > 10
    for url, html in pages:
        facts = PageFacts()
        facts.feed(html)
        assert facts.h1 == 1, url
        assert facts.html_lang == lang, url
        for control in facts.controls:
            assert control.get("id") in facts.label_for or control.get("aria-label"), (url, control)
        if lang == "en":
            for inner, text in facts.texts:
                if inner == "ja":
                    continue
                # A Japanese term in brackets glosses the English on purpose: it is what the signs say.
                remainder = re.sub(r"\([^()]*\)", "", text)
                for word in sorted(allowed, key=len, reverse=True):
                    remainder = remainder.replace(word, "")
                assert not JAPANESE.search(remainder), (url, text)
