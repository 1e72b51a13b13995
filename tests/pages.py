"""Pages as a person meets them: parsed with one HTML library (Beautiful Soup), checked against the invariants
every page keeps — one <h1>, every control labelled, `lang` on <html>, no raw identifiers in visible text —
and fetched through `ClientRequest`, which checks them on every HTML page a test asks for (as Notify's
`client_request` does)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

# Where an identifier is the content itself (the editor's ID column, code samples) or is not shown at all.
NOT_PROSE = ("script", "style", "template", "code", "kbd", "samp", "pre", "textarea", "option", "title")
RAW_ID = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
URL = re.compile(r"https?://\S+")  # a reference's address is read as an address, not as an id
CONTROLS = ("input", "select", "textarea")
UNLABELLED_TYPES = ("hidden", "submit", "button", "image", "reset")


def parse(html: str) -> BeautifulSoup:
    """The page's document tree."""
    return BeautifulSoup(html, "html.parser")


def visible_text(soup: BeautifulSoup) -> list[str]:
    """Every piece of text a person reads on the page (not scripts, templates, code or form values)."""
    return [text.strip() for text in soup.find_all(string=True)
            if text.strip() and not any(parent.name in NOT_PROSE for parent in text.parents)]


def unlabelled_controls(soup: BeautifulSoup) -> list[str]:
    """The controls no label names (by `for`, by wrapping, or by aria-label/-labelledby)."""
    labelled = {label.get("for") for label in soup.find_all("label") if label.get("for")}
    found = []
    for control in soup.find_all(CONTROLS):
        if control.name == "input" and control.get("type", "text") in UNLABELLED_TYPES:
            continue
        if control.find_parent("template"):
            continue
        if control.get("id") in labelled or control.get("aria-label") or control.get("aria-labelledby"):
            continue
        if isinstance(control.find_parent("label"), Tag):
            continue
        found.append(str(control)[:80])
    return found


def page_problems(html: str, lang: str | None = None, *, raw_ids: bool = True) -> list[str]:
    """What breaks the page invariants (empty when the page keeps them all). `raw_ids=False` for the catalog
    editor, where ids are what a supervisor edits and refers to (shown beside the names on purpose)."""
    soup = parse(html)
    problems = []
    headings = soup.find_all("h1")
    if len(headings) != 1:
        problems.append(f"{len(headings)} <h1> elements")
    root = soup.find("html")
    page_lang = root.get("lang") if root else None
    if not page_lang or (lang and page_lang != lang):
        problems.append(f'<html lang="{page_lang}">, expected {lang or "a language"}')
    problems += [f"control without a label: {c}" for c in unlabelled_controls(soup)]
    if raw_ids:
        problems += [f"raw identifier in the text: {found}"
                     for text in visible_text(soup) for found in RAW_ID.findall(URL.sub("", text))]
    return problems


class ClientRequest:
    """A test client that checks the invariants of every HTML page it fetches, and the status it expects."""

    def __init__(self, client, lang: str | None = None):
        self.client = client
        self.lang = lang
        self.pages: list[str] = []

    def get(self, url: str, expected_status: int = 200, **kwargs) -> BeautifulSoup:
        """GET a page, check its status and invariants, and return it parsed."""
        return self.check(url, self.client.get(url, **kwargs), expected_status)

    def post(self, url: str, data: dict | None = None, expected_status: int = 302, **kwargs) -> BeautifulSoup:
        """POST a form with this session's CSRF token; an HTML answer is checked like a GET."""
        token = self.csrf_token()
        return self.check(url, self.client.post(url, data={"csrf_token": token, **(data or {})}, **kwargs),
                          expected_status)

    def csrf_token(self) -> str:
        """The CSRF token of this client's session (read from a page that carries one)."""
        html = self.client.get("/counter/login").get_data(as_text=True)
        if 'name="csrf_token"' not in html:
            html = self.client.get("/").get_data(as_text=True)
        return parse(html).find("input", attrs={"name": "csrf_token"})["value"]

    def check(self, url: str, response, expected_status: int) -> BeautifulSoup:
        """Check a response this client already has (its status, and the invariants of an HTML page)."""
        assert response.status_code == expected_status, f"{url}: {response.status_code}, not {expected_status}"
        html = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
        if html:
            self.pages.append(url)
            editor = url.startswith("/counter/catalog")
            problems = page_problems(html, self.lang, raw_ids=not editor)
            assert problems == [], f"{url}: {problems}"
        return parse(html)
