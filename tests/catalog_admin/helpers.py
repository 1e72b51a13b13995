"""Helpers for editor tests: post a page's form as a browser would, read the review, reach the database."""

from __future__ import annotations

from sqlalchemy import select

from navi.domain.catalog import editing
from navi.records.db import session_factory
from navi.records.models import AuditEntry, Publication
from tests.pages import parse


def form_fields(html: str, form_id: str = "entity-form") -> list[tuple[str, str]]:
    """The (name, value) pairs a browser would post for the form with this id (its successful controls)."""
    form = parse(html).find("form", id=form_id)
    assert form is not None, f"no form #{form_id} on the page"
    fields = []
    for control in form.find_all(("input", "select", "textarea")):
        name, kind = control.get("name"), control.get("type", "text")
        if not name:
            continue
        if control.name == "input" and kind not in ("submit", "button", "file"):
            if kind not in ("checkbox", "radio") or control.has_attr("checked"):
                fields.append((name, control.get("value", "on" if kind == "checkbox" else "")))
        elif control.name == "select":
            options = control.find_all("option")
            chosen = next((o for o in options if o.has_attr("selected")), options[0] if options else None)
            fields.append((name, chosen.get("value", chosen.get_text()) if chosen else ""))
        elif control.name == "textarea":
            fields.append((name, control.get_text()))
    assert fields, f"no form #{form_id} on the page"
    return fields


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
