"""Listing and editing the draft's entities: thin views over the form builders and navi.records.catalog_drafts."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, flash, g, redirect, render_template, request, url_for

from navi.catalog_admin import presenters
from navi.catalog_admin.builders import entity_form, entity_values
from navi.catalog_admin.form_layout import add_layout_fields, field_choices, fill_layout_fields, layout_values
from navi.catalog_admin.forms import SPECS
from navi.catalog_admin.labels import CONDITION_PROBLEMS, KIND_LABELS
from navi.domain.catalog import condition_rows as rows
from navi.domain.catalog import editing
from navi.domain.catalog.loader import catalog_from_raw
from navi.domain.catalog.model import Catalog
from navi.records import catalog_drafts
from navi.web.extensions import db
from navi.web.forms import ActionForm
from navi.web.i18n import lazy_gettext as _l
from navi.web.staff_auth import current_staff, require_role

KIND = "<any(events,questions,procedures,counters,offices,documents,forms):section>"
CONDITIONS = {"procedures": "condition", "questions": "ask_when"}


ID_TAKEN = _l("このIDはもう使われています。別のIDにしてください")


def working() -> tuple[dict[str, Any], Catalog]:
    """The document the editor shows (the draft, else the published version) and its catalog."""
    if "catalog_working" not in g:
        document = catalog_drafts.working_document(db())
        g.catalog_working = (document, catalog_from_raw(document))
    return g.catalog_working


@require_role("supervisor")
def items(section: str):
    """Every entity of a kind in the draft."""
    kind = section
    document, catalog = working()
    return render_template("catalog_admin/items.html", kind=kind, items=editing.items(document, kind),
                           files=document.get("procedure_files", {}), delete=ActionForm(),
                           names=presenters.entity_names(catalog))


@require_role("supervisor")
def new_item(section: str):
    """A new entity of a kind."""
    return _edit(section, None)


@require_role("supervisor")
def edit_item(section: str, item_id: str):
    """One entity of the draft, with the same error summary as every form."""
    document, _ = working()
    entity = editing.item(document, section, item_id)
    if entity is None:
        abort(404)
    return _edit(section, entity)


@require_role("supervisor")
def delete_item(section: str, item_id: str):
    """Ask first (GET), then remove an entity from the draft (POST; the review names whatever refers to it)."""
    kind = section
    document, _ = working()
    item = editing.item(document, kind, item_id)
    if item is None:
        abort(404)
    if request.method == "GET":
        return render_template("catalog_admin/delete.html", kind=kind, item=item, action=ActionForm())
    if not ActionForm().validate_on_submit():
        abort(404)
    catalog_drafts.change(db(), current_staff().username, lambda doc: editing.remove(doc, kind, item_id),
                          "catalog_edit", f"{kind}/{item_id}", {"kind": kind, "id": item_id, "change": "removed"})
    flash(str(_l("「%(id)s」を下書きから削除しました。", id=item_id)))
    return redirect(url_for(".items", section=kind))


@require_role("supervisor")
def form_preview(form_id: str):
    """Page 1 of a form of the draft, completed for its first example household."""
    _, catalog = working()
    if not any(f.id == form_id for f in catalog.forms):
        abort(404)
    try:
        return Response(presenters.form_png(catalog, form_id), mimetype="image/png")
    except presenters.PreviewUnavailable:
        abort(404)


def _edit(kind: str, entity: dict[str, Any] | None):
    document, catalog = working()
    posted = request.method == "POST"
    formdata = request.form if posted else None
    extend = (lambda cls: add_layout_fields(cls, entity, formdata)) if kind == "forms" else None
    form = entity_form(kind, catalog, entity, formdata, extend)
    if kind == "forms":
        if not posted and entity is not None:
            fill_layout_fields(form, entity)
        field_choices(form)
    node = _condition_tree(kind, entity, posted)
    action = request.form.get("cond_action", "") if posted else ""
    if action:  # a button of the condition editor: show the changed rows, save nothing yet
        node = rows.apply_action(node, action) if node is not None else None
        return _page(kind, entity, catalog, form, node, [])
    problems: list[tuple[str, str]] = []
    if posted and form.validate():
        saved, problems = _save(kind, document, catalog, entity, form, node)
        if saved:
            return saved
    return _page(kind, entity, catalog, form, node, problems, 422 if posted else 200)


def _condition_tree(kind: str, entity: dict[str, Any] | None, posted: bool) -> rows.Node | None:
    key = CONDITIONS.get(kind)
    if key is None:
        return None
    if posted:
        return rows.node_from_fields(request.form.to_dict(flat=False))
    if entity is not None and entity.get(key):
        return rows.node_from_condition(entity[key])
    return rows.Node("all", children=[rows.Node("leaf")])


def _save(kind, document, catalog, entity, form, node):
    """Read the editor's form into entity values and save them to the draft; (redirect, []) or (None, problems)."""
    values, problems = entity_values(kind, form, entity)
    if kind == "forms":
        layout, more = layout_values(form, entity)
        values |= layout
        problems += more
    key = CONDITIONS.get(kind)
    if key is not None:
        values[key], more = _condition(kind, catalog, node)
        problems += [(name.replace(".", "-"), str(CONDITION_PROBLEMS[code])) for name, code in more]
    if problems:
        return None, problems
    file = form.file.data if entity is None and "file" in form else None
    refused = catalog_drafts.save_entity(db(), current_staff().username, kind, entity, values, file)
    if refused:
        return None, [(form.id.id, str(ID_TAKEN)) if code == "id_taken" else (name, code) for name, code in refused]
    item_id = entity["id"] if entity else values["id"]
    flash(str(_l("「%(id)s」を下書きに保存しました。公開するには「変更内容の確認」へ進んでください。", id=item_id)))
    return redirect(url_for(".edit_item", section=kind, item_id=item_id)), []


def _condition(kind: str, catalog: Catalog, node: rows.Node | None):
    """The condition of the editor rows; a question whose rows name no fact is asked always (None)."""
    if node is None or (kind == "questions" and not _has_fact(node)):
        return None, []
    return rows.condition_from_node(node, rows.fact_choices(catalog), catalog.info.parameters)


def _has_fact(node: rows.Node) -> bool:
    return bool(node.fact) or any(_has_fact(child) for child in node.children)


def _page(kind, entity, catalog, form, node, problems, status: int = 200):
    question = None
    if kind == "questions" and entity is not None:
        question = presenters.question_page(catalog, entity["id"])
    return render_template("catalog_admin/edit.html", kind=kind, kind_label=KIND_LABELS[kind], entity=entity,
                           specs=SPECS[kind],
                           form=form, node=node, problems=problems, catalog=catalog,
                           facts=rows.fact_choices(catalog), question=question,
                           delete=ActionForm()), status
