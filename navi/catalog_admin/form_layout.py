"""The 届出書 editor: a form's fields (label, the fact that fills it, once or per person) and where each is
placed on the page (millimetres), previewed as the printed page. Other layout parts keep their values.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, Regexp

from navi.catalog_admin.forms import ID_RULE, IDENTIFIER, EntityForm
from navi.domain.catalog.editing import merged
from navi.domain.catalog.layout import PAGE_SIZES_MM, Column, Placement
from navi.domain.catalog.model import FormField
from navi.domain.prefill import SOURCES
from navi.web.i18n import lazy_gettext as _l

MILLIMETRES = r"^[0-9]+(\.[0-9]+)?$"
BOX = ("x", "y", "w", "h")
CELL = ("x", "w", "dy", "h")


def _options(values: list[str]) -> list[SelectChoice]:
    return [SelectChoice("", "—")] + [SelectChoice(v, v) for v in values]


def _number(label) -> StringField:
    return StringField(label, [Optional(), Regexp(MILLIMETRES, message=_l("mm の数字で入力してください"))])


def add_layout_fields(form_class: type, form: dict[str, Any] | None, formdata) -> None:
    """Rows for every field and placement of the form, and one empty row of each to add another."""
    form = form or {}
    layout = form.get("layout") or {}
    counts = {prefix: max([len(items) + 1, *(int(m.group(1)) + 1 for key in (formdata or {})
                                              if (m := re.match(rf"^{prefix}_(\d+)_", key)))])
              for prefix, items in (("field", form.get("fields", [])), ("place", layout.get("fields", [])),
                                    ("col", (layout.get("rows") or {}).get("columns", [])))}
    sources = ["manual", *SOURCES]
    for i in range(counts["field"]):
        setattr(form_class, f"field_{i}_id", StringField(_l("項目ID"), [Optional(), Regexp(IDENTIFIER,
                                                                                               message=ID_RULE)]))
        setattr(form_class, f"field_{i}_label_ja", StringField(_l("項目名（日本語）"), [Optional()]))
        setattr(form_class, f"field_{i}_label_en", StringField(_l("項目名（英語）"), [Optional()]))
        setattr(form_class, f"field_{i}_source", SelectField(_l("記入する事実"), choices=_options(sources),
                                                              validate_choice=False))
        setattr(form_class, f"field_{i}_repeat", SelectField(_l("記入の単位"), validate_choice=False, choices=[
            SelectChoice("once", str(_l("1回"))), SelectChoice("member", str(_l("世帯員ごと")))]))
    if not layout:
        return
    form_class.page_size = SelectField(_l("用紙"), choices=[SelectChoice(s, s) for s in PAGE_SIZES_MM],
                                       validate_choice=False)
    form_class.page_orientation = SelectField(_l("向き"), validate_choice=False, choices=[
        SelectChoice("portrait", str(_l("縦"))), SelectChoice("landscape", str(_l("横")))])
    for prefix, parts in (("place", BOX), ("col", CELL)):
        for i in range(counts[prefix] if prefix == "place" or layout.get("rows") else 0):
            setattr(form_class, f"{prefix}_{i}_field", SelectField(_l("項目"), choices=[SelectChoice("", "—")],
                                                                   validate_choice=False))
            for part in parts:
                setattr(form_class, f"{prefix}_{i}_{part}", _number(part))


def fill_layout_fields(form: EntityForm, entity: dict[str, Any]) -> None:
    """Show the entity's fields and placements in the rows."""
    for i, item in enumerate(entity.get("fields", [])):
        form[f"field_{i}_id"].data = item["id"]
        form[f"field_{i}_label_ja"].data, form[f"field_{i}_label_en"].data = item["label"]["ja"], item["label"]["en"]
        form[f"field_{i}_source"].data = item["source"]
        form[f"field_{i}_repeat"].data = item.get("repeat", "once")
    layout = entity.get("layout") or {}
    if not layout:
        return
    form.page_size.data = (layout.get("page") or {}).get("size", "A4")
    form.page_orientation.data = (layout.get("page") or {}).get("orientation", "portrait")
    for prefix, items, parts in (("place", layout.get("fields", []), BOX),
                                 ("col", (layout.get("rows") or {}).get("columns", []), CELL)):
        for i, item in enumerate(items):
            form[f"{prefix}_{i}_field"].data = item["field"]
            for part in parts:
                form[f"{prefix}_{i}_{part}"].data = "" if item.get(part) is None else _mm_text(item[part])


def field_choices(form: EntityForm) -> None:
    """Offer the form's field ids (as typed in the rows) in the placement selects."""
    ids = [form[name].data for name in form._fields if re.match(r"^field_\d+_id$", name) and form[name].data]
    for name in form._fields:
        if re.match(r"^(place|col)_\d+_field$", name):
            form[name].choices = _options(ids)


def layout_values(form: EntityForm, original: dict[str, Any] | None) -> tuple[dict[str, Any], list]:
    """The form's `fields` and `layout` keys from the rows, and (field id, message) problems."""
    original = original or {}
    by_id = {item["id"]: item for item in original.get("fields", [])}
    fields, problems = [], []
    for i in range(_rows(form, "field")):
        field_id = (form[f"field_{i}_id"].data or "").strip()
        if not field_id:
            continue
        ja, en = form[f"field_{i}_label_ja"].data.strip(), form[f"field_{i}_label_en"].data.strip()
        if not (ja and en and form[f"field_{i}_source"].data):
            message = _l("項目%(id)sの名前（日本語・英語）と記入する事実を入れてください", id=field_id)
            problems.append((form[f"field_{i}_label_ja"].id, str(message)))
        label = {**(by_id.get(field_id, {}).get("label") or {}), "ja": ja, "en": en}
        fields.append(merged(by_id.get(field_id), {"id": field_id, "label": label, "source": form[
            f"field_{i}_source"].data, "repeat": form[f"field_{i}_repeat"].data}, FormField))
    values: dict[str, Any] = {"fields": fields}
    layout = copy.deepcopy(original.get("layout"))
    if layout:
        layout["page"] = {**(layout.get("page") or {}), "size": form.page_size.data,
                          "orientation": form.page_orientation.data}
        layout["fields"] = _placed(form, "place", BOX, layout.get("fields", []), Placement)
        if layout.get("rows"):
            layout["rows"]["columns"] = _placed(form, "col", CELL, layout["rows"].get("columns", []), Column)
        values["layout"] = layout
    return values, problems


def _rows(form: EntityForm, prefix: str) -> int:
    return len([name for name in form._fields if re.match(rf"^{prefix}_\d+_(id|field)$", name)])


def _placed(form: EntityForm, prefix: str, parts: tuple[str, ...], items: list[dict], model) -> list[dict]:
    placed = []
    for i in range(_rows(form, prefix)):
        field_id = form[f"{prefix}_{i}_field"].data
        if not field_id:
            continue
        box = {part: _mm(form[f"{prefix}_{i}_{part}"].data) for part in parts}
        placed.append(merged(items[i] if i < len(items) else None, {"field": field_id, **box}, model))
    return placed


def _mm(text: str | None) -> float | int | None:
    if not text:
        return None
    value = float(text)
    return int(value) if value.is_integer() else value


def _mm_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
