"""Helpers for editor tests: post a page's form as a browser would, read the review, reach the database."""

from __future__ import annotations

from html.parser import HTMLParser

from sqlalchemy import select

from navi.domain.catalog import editing
from navi.records.db import session_factory
from navi.records.models import AuditEntry, Publication


class FormFields(HTMLParser):
    """The successful controls of one form of a page (what a browser would submit), in page order."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self.select: str | None = None
        self.options: list[tuple[str, bool]] = []
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        kind = attrs.get("type", "text")
        if tag == "input" and attrs.get("name") and kind not in ("submit", "button", "file"):
            if kind not in ("checkbox", "radio") or "checked" in attrs:
                self.fields.append((attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self.select, self.options = attrs.get("name"), []
        elif tag == "option" and self.select is not None:
            self.options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea":
            self.textarea = attrs.get("name")
            self.fields.append((self.textarea, ""))

    def handle_data(self, data):
        if self.textarea is not None:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            chosen = next((v for v, selected in self.options if selected), self.options[0][0] if self.options else "")
            self.fields.append((self.select, chosen))
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def form_fields(html: str, form_id: str = "entity-form") -> list[tuple[str, str]]:
    """The (name, value) pairs a browser would post for the form with this id."""
    parser = FormFields(form_id)
    parser.feed(html)
    assert parser.fields, f"no form #{form_id} on the page"
    return parser.fields


def submit(client, path: str, changes: dict[str, str | list[str]] | None = None, **extra: str):
    """GET a page, change some of its form's fields, and POST it back as the save button does."""
    fields = form_fields(client.get(path).get_data(as_text=True))
    changes = dict(changes or {})
    posted = [(n, v) for n, v in fields if n not in changes]
    for name, value in changes.items():
        posted += [(name, v) for v in (value if isinstance(value, list) else [value])]
    posted += list(extra.items()) or [("save", "1")]
    return client.post(path, data=_multidict(posted))


def _multidict(pairs: list[tuple[str, str]]):
    from werkzeug.datastructures import MultiDict

    return MultiDict(pairs)


def audit_actions(app) -> list[AuditEntry]:
    """Every audit entry, oldest first."""
    with session_factory(app.config["DATABASE_URL"])() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def publications(app) -> list[Publication]:
    """Every publication, oldest first."""
    with session_factory(app.config["DATABASE_URL"])() as session:
        return list(session.scalars(select(Publication).order_by(Publication.id)))


def rename(counter_id: str, name: str):
    """A draft edit giving a counter a new Japanese name (what a supervisor does on the counters page)."""
    def edit(document: dict) -> dict:
        counter = dict(editing.item(document, "counters", counter_id))
        counter["name"] = {**counter["name"], "ja": name}
        return editing.put(document, "counters", counter, replaces=counter_id)
    return edit
