"""Entity forms from `forms.SPECS`: build a form for a kind of entity, fill it, and read it back as keys."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional, Regexp

from navi.catalog_admin.forms import (
    EXAMPLE_ROWS_EXTRA,
    ID_RULE,
    IDENTIFIER,
    SPECS,
    EntityForm,
    MultiCheckboxField,
    Spec,
    household_options,
    required_validators,
)
from navi.domain.catalog.export import DEFAULT_PROCEDURE_FILE
from navi.domain.catalog.model import Catalog
from navi.web.i18n import lazy_gettext as _l

NUMBER = r"^-?[0-9]+$"
TEXT_LANGS = ("ja", "en", "easy_ja")  # the order of a text's boxes and of the parts of a choice line
CHOICE_LINE = _l("選択肢は「値 | 日本語 | 英語 | やさしい日本語」の形で1行に1つ書いてください（最後は省略可）")
MUST_ROW = re.compile(r"^must_(\d+)_household$")


def _choices(pairs: list[tuple[str, str]], blank: bool) -> list[SelectChoice]:
    return ([SelectChoice("", "—")] if blank else []) + [SelectChoice(value, label) for value, label in pairs]


def _add_fields(form_class: type, spec: Spec, catalog: Catalog, new: bool, must_rows: int) -> None:
    label, options = spec.label, spec.options(catalog) if spec.options else []
    if spec.widget == "id" and new:
        form_class.id = StringField(label, [DataRequired(message=_l("IDを入力してください")),
                                            Regexp(IDENTIFIER, message=ID_RULE)])
    elif spec.widget == "text":
        message = _l("%(label)sを入力してください", label=label)
        box = TextAreaField if spec.multiline else StringField
        setattr(form_class, f"{spec.name}_ja", box(_l("%(label)s（日本語）", label=label),
                                                   required_validators(spec, message)))
        setattr(form_class, f"{spec.name}_en", box(_l("%(label)s（英語）", label=label),
                                                   required_validators(spec, message)))
        if spec.residents:
            setattr(form_class, f"{spec.name}_easy_ja", box(_l("%(label)s（やさしい日本語）", label=label),
                                                            [Optional()]))
    elif spec.widget == "string":
        setattr(form_class, spec.name, StringField(label, required_validators(
            spec, _l("%(label)sを入力してください", label=label))))
    elif spec.widget == "int":
        setattr(form_class, spec.name, StringField(label, [DataRequired(message=_l("%(label)sを入力してください",
                                                                                    label=label)),
                                                           Regexp(NUMBER, message=_l("数字で入力してください"))]))
    elif spec.widget == "bool":
        setattr(form_class, spec.name, BooleanField(label))
    elif spec.widget == "select":
        setattr(form_class, spec.name, SelectField(label, choices=_choices(options, not spec.required),
                                                   validate_choice=False))
    elif spec.widget == "multi":
        validators = [DataRequired(message=_l("%(label)sを1つ以上選んでください", label=label))] if spec.required \
            else [Optional()]
        setattr(form_class, spec.name, MultiCheckboxField(label, validators, choices=_choices(options, False)))
    elif spec.widget == "lines":
        setattr(form_class, spec.name, TextAreaField(label, [Optional()]))
    elif spec.widget == "file" and new:
        files = sorted(set(catalog.procedure_files.values()) | {DEFAULT_PROCEDURE_FILE})
        form_class.file = SelectField(label, choices=_choices([(f, f) for f in files], False))
    elif spec.widget == "deadline":
        days = _l("期限（ライフイベントの日から何日以内。なければ空欄）")
        form_class.deadline_days = StringField(days, [Optional(), Regexp(NUMBER, message=_l("数字で入力してください"))])
        form_class.deadline_first = BooleanField(_l("ライフイベントの日を1日目と数える"))
        form_class.deadline_note_ja = StringField(_l("期限の補足（日本語）"), [Optional()])
        form_class.deadline_note_en = StringField(_l("期限の補足（英語）"), [Optional()])
        form_class.deadline_note_easy_ja = StringField(_l("期限の補足（やさしい日本語）"), [Optional()])
    elif spec.widget == "examples":
        households = household_options(catalog)
        for i in range(must_rows):
            setattr(form_class, f"must_{i}_household", SelectField(
                _l("当てはまる世帯 %(n)s", n=i + 1), choices=_choices(households, True), validate_choice=False))
            setattr(form_class, f"must_{i}_members", StringField(
                _l("当てはまる世帯員（例: m1, m3。空欄なら誰でも）"), [Optional()]))
        form_class.must_not = MultiCheckboxField(
            _l("当てはまらない世帯"), [DataRequired(message=_l("当てはまらない世帯を1つ以上選んでください"))],
            choices=_choices(households, False))


def entity_form(kind: str, catalog: Catalog, entity: dict[str, Any] | None, formdata=None,
                extend: Callable[[type], None] | None = None) -> EntityForm:
    """The form of one entity: bound to a POST (`formdata`), else filled from the entity; `extend` adds fields."""
    new = entity is None
    posted = {int(m.group(1)) for key in (formdata or {}) if (m := MUST_ROW.match(key))}
    existing = len(((entity or {}).get("examples") or {}).get("must", []))
    must_rows = max([existing + EXAMPLE_ROWS_EXTRA, *(i + 1 for i in posted)]) if kind == "procedures" else 0

    class Form(EntityForm):
        pass

    for spec in SPECS[kind]:
        _add_fields(Form, spec, catalog, new, must_rows)
    if extend is not None:
        extend(Form)
    form = Form(formdata=formdata) if formdata is not None else Form(formdata=None)
    if formdata is None and entity is not None:
        _fill(form, kind, entity)
    return form


def _fill(form: EntityForm, kind: str, entity: dict[str, Any]) -> None:
    for spec in SPECS[kind]:
        value = entity.get(spec.name)
        if spec.widget == "text":
            for lang in TEXT_LANGS if spec.residents else TEXT_LANGS[:2]:
                form[f"{spec.name}_{lang}"].data = (value or {}).get(lang, "")
        elif spec.widget == "lines":
            form[spec.name].data = "\n".join(_choice_line(choice) for choice in value or [])
        elif spec.widget == "deadline":
            form.deadline_days.data = "" if value is None else str(value.get("days", ""))
            form.deadline_first.data = bool((value or {}).get("include_first_day"))
            note = (value or {}).get("note") or {}
            for lang in TEXT_LANGS:
                form[f"deadline_note_{lang}"].data = note.get(lang, "")
        elif spec.widget == "examples":
            for i, example in enumerate((value or {}).get("must", [])):
                form[f"must_{i}_household"].data = example["household"]
                form[f"must_{i}_members"].data = ", ".join(example.get("members") or [])
            form.must_not.data = [e["household"] for e in (value or {}).get("must_not", [])]
        elif spec.widget in ("int", "select") and spec.name in form:
            form[spec.name].data = "" if value is None else str(value)
        elif spec.name in form and spec.widget != "file":
            form[spec.name].data = value


def _choice_line(choice: dict[str, Any]) -> str:
    """A choice as its line in the editor: value | ja | en, and | easy_ja when it has one."""
    label = choice["label"]
    return " | ".join([_show(choice["value"]), label["ja"], label["en"], *filter(None, [label.get("easy_ja")])])


def _show(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _typed(text: str) -> Any:
    return {"true": True, "false": False}.get(text, int(text) if re.fullmatch(NUMBER, text) else text)


def entity_values(kind: str, form: EntityForm, original: dict[str, Any] | None) -> tuple[dict, list]:
    """The entity's keys from a validated form (None removes a key), and (field id, message) problems."""
    values: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for spec in SPECS[kind]:
        if spec.widget == "id":
            if original is None:
                values["id"] = form.id.data.strip()
        elif spec.widget == "text":
            values[spec.name] = _text(form, spec.name, (original or {}).get(spec.name), problems)
        elif spec.widget == "string":
            values[spec.name] = (form[spec.name].data or "").strip() or None
        elif spec.widget == "int":
            values[spec.name] = int(form[spec.name].data)
        elif spec.widget == "select":
            values[spec.name] = form[spec.name].data or None
        elif spec.widget == "multi":
            values[spec.name] = _keep_order((original or {}).get(spec.name) or [], form[spec.name].data)
        elif spec.widget == "bool":
            values[spec.name] = form[spec.name].data
        elif spec.widget == "lines":
            values[spec.name] = _choice_lines(form[spec.name], problems)
        elif spec.widget == "deadline":
            values["deadline"] = _deadline(form, (original or {}).get("deadline"))
        elif spec.widget == "examples":
            values["examples"] = _examples(form, ((original or {}).get("examples") or {}).get("must_not", []))
            if len(values["examples"]["must"]) < 2:
                problems.append((form.must_0_household.id, str(_l("当てはまる世帯を2つ以上選んでください"))))
    return values, problems


def _choice_lines(field, problems: list[tuple[str, str]]) -> list[dict[str, Any]]:
    choices = []
    for line in (field.data or "").splitlines():
        parts = [part.strip() for part in line.split("|")]
        if not line.strip():
            continue
        if len(parts) not in (3, 4) or not all(parts):
            problems.append((field.id, str(CHOICE_LINE)))
            return []
        choices.append({"value": _typed(parts[0]), "label": dict(zip(TEXT_LANGS, parts[1:], strict=False))})
    return choices


def _deadline(form: EntityForm, original: dict[str, Any] | None) -> dict[str, Any] | None:
    if not form.deadline_days.data:
        return None
    deadline = {**(original or {}), "days": int(form.deadline_days.data)}
    if form.deadline_first.data or "include_first_day" in deadline:
        deadline["include_first_day"] = bool(form.deadline_first.data)
    ja, en = form.deadline_note_ja.data.strip(), form.deadline_note_en.data.strip()
    if ja and en:
        deadline["note"] = _with_easy_ja({**(deadline.get("note") or {}), "ja": ja, "en": en},
                                         form.deadline_note_easy_ja.data)
    else:
        deadline.pop("note", None)
    return deadline


def _text(form: EntityForm, name: str, original: dict[str, Any] | None,
          problems: list[tuple[str, str]]) -> dict[str, Any] | None:
    """A text from its boxes, keeping the keys the form does not edit; None when it has no Japanese."""
    ja, en = form[f"{name}_ja"].data.strip(), form[f"{name}_en"].data.strip()
    easy = form[f"{name}_easy_ja"].data if f"{name}_easy_ja" in form else None
    if bool(ja) != bool(en) or ((easy or "").strip() and not ja):
        problems.append((form[f"{name}_{'en' if ja else 'ja'}"].id, str(_l("日本語と英語の両方を入力してください"))))
    if not ja:
        return None
    text = {**(original or {}), "ja": ja, "en": en}
    return text if easy is None else _with_easy_ja(text, easy)


def _with_easy_ja(text: dict[str, Any], easy: str) -> dict[str, Any]:
    """The text with the easy_ja typed (an emptied box removes it)."""
    text = {key: value for key, value in text.items() if key != "easy_ja"}
    return {**text, "easy_ja": easy.strip()} if easy.strip() else text


def _keep_order(before: list[str], chosen: list[str]) -> list[str]:
    """Chosen check boxes in the order the entity listed them, new ones after (order can matter to residents)."""
    return [value for value in before if value in chosen] + [value for value in chosen if value not in before]


def _examples(form: EntityForm, must_not_before: list[dict[str, Any]]) -> dict[str, Any]:
    must = []
    for i in range(len([name for name in form._fields if MUST_ROW.match(name)])):
        household = form[f"must_{i}_household"].data
        if household:
            members = [m for m in re.split(r"[,、\s]+", form[f"must_{i}_members"].data or "") if m]
            must.append({"household": household, **({"members": members} if members else {})})
    names = _keep_order([e["household"] for e in must_not_before], form.must_not.data)
    return {"must": must, "must_not": [{"household": name} for name in names]}
