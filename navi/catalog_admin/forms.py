"""WTForms of the catalog editor, built per request from a field list per kind of entity (CTFd-style).

`SPECS` says which fields each kind shows; `entity_form` builds and fills the form, `entity_values` reads it
back as the entity's keys. Conditions and a form's fields and layout have their own editors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import SelectMultipleField, StringField
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from navi.domain.catalog.model import Catalog
from navi.web.forms import Form
from navi.web.i18n import current_lang
from navi.web.i18n import lazy_gettext as _l

IDENTIFIER = r"^[a-z][a-z0-9_]{0,39}$"
ID_RULE = _l("IDは英小文字で始まる英小文字・数字・_（40文字まで）にしてください")
MAX_UPLOAD_BYTES = 16 * 1024 * 1024
EXAMPLE_ROWS_EXTRA = 2


class MultiCheckboxField(SelectMultipleField):
    """Several choices as check boxes (the field macro renders them like radios)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class EntityForm(Form):
    """Base of every entity form."""


class PublishForm(Form):
    """Publishing the reviewed draft, with a note for the list of publications."""

    note = StringField(_l("公開のメモ"), [Optional(), Length(max=200, message=_l("メモは200文字以内にしてください"))])


class ImportForm(Form):
    """A zip of catalog files in the forms_catalog/ layout."""

    archive = FileField(_l("カタログのzipファイル"), [
        FileRequired(message=_l("zipファイルを選んでください")),
        FileAllowed(["zip"], message=_l("zipファイルを選んでください")),
        FileSize(MAX_UPLOAD_BYTES, message=_l("zipファイルは16MB以下にしてください")),
    ])


@dataclass(frozen=True)
class Spec:
    """One field of an entity form: its key, how it is edited, its label and, for choices, where they come from."""

    name: str
    widget: str  # id, text, string, int, bool, select, multi, lines, deadline, examples, file
    label: Any
    required: bool = True
    options: Callable[[Catalog], list[tuple[str, str]]] | None = None
    # Text a supervisor writes in paragraphs (a procedure's notes): edited in a box of several lines.
    multiline: bool = False
    # A text residents read: edited in やさしい日本語 too. A counter's `handles` is for staff and a form's title
    # is printed in Japanese (navi.domain.catalog.check_texts lists the same texts).
    residents: bool = True


def _pairs(values: dict[str, Any]) -> Callable[[Catalog], list[tuple[str, str]]]:
    return lambda _catalog: [(key, str(label)) for key, label in values.items()]



def _named(attribute: str) -> Callable[[Catalog], list[tuple[str, str]]]:
    def options(catalog: Catalog) -> list[tuple[str, str]]:
        items = getattr(catalog, attribute)
        lang = current_lang()
        return [(item.id, str(_l("%(name)s（%(id)s）", name=(getattr(item, "name", None) or item.title).get(lang),
                                  id=item.id))) for item in items]
    return options


def _wards(catalog: Catalog) -> list[tuple[str, str]]:
    return [option for option in _named("offices")(catalog) if catalog.office(option[0]).kind == "ward"]


def _places(catalog: Catalog) -> list[tuple[str, str]]:
    return [("ward", str(_l("区役所すべて"))), ("branch", str(_l("総合出張所すべて"))), *_named("offices")(catalog)]


def household_options(catalog: Catalog) -> list[tuple[str, str]]:
    """Example households by name, with their event and size to tell them apart."""
    return [(name, str(_l("%(name)s（%(event)s・%(count)s人）", name=name, event=item.get("event", ""),
                          count=len(item.get("members", []))))) for name, item in catalog.households.items()]


KINDS = {"ward": _l("区役所"), "branch": _l("総合出張所")}
CONCERNED = {"moving": _l("引越す人"), "subject": _l("対象の人（1人）"), "all": _l("世帯全員")}
ADDRESSES = {"from_address": _l("前住所"), "to_address": _l("新住所"), "address": _l("住所")}
QUESTION_KINDS = {"yes_no": _l("はい・いいえ"), "choice": _l("選択肢"), "number": _l("数"), "text": _l("文字")}
SCOPES = {"member": _l("世帯員ごと"), "household": _l("世帯で1回")}

SPECS: dict[str, list[Spec]] = {
    "counters": [Spec("id", "id", _l("ID")), Spec("name", "text", _l("名前")),
                 Spec("order", "int", _l("回る順番（小さいほど先）")),
                 Spec("handles", "text", _l("担当する手続"), required=False, residents=False)],
    "offices": [Spec("id", "id", _l("ID")), Spec("name", "text", _l("名前")),
                Spec("kind", "select", _l("種類"), options=_pairs(KINDS)),
                Spec("ward", "select", _l("総合出張所の場合: 本庁の区役所"), required=False, options=_wards),
                Spec("counters", "multi", _l("ある窓口"), options=_named("counters"))],
    "documents": [Spec("id", "id", _l("ID")), Spec("name", "text", _l("名前"))],
    "events": [Spec("id", "id", _l("ID")), Spec("title", "text", _l("名前")),
               Spec("description", "text", _l("説明"), multiline=True),
               Spec("concerned", "select", _l("手続の対象になる人"), options=_pairs(CONCERNED)),
               Spec("addresses", "multi", _l("たずねる住所"), required=False, options=_pairs(ADDRESSES)),
               Spec("date_label", "text", _l("日付の質問"), required=False),
               Spec("subject_label", "text", _l("対象の人を選ぶ質問"), required=False)],
    "questions": [Spec("id", "id", _l("ID")), Spec("events", "multi", _l("たずねるライフイベント"),
                                                   options=_named("events")),
                  Spec("text", "text", _l("質問文")), Spec("hint", "text", _l("補足"), required=False),
                  Spec("kind", "select", _l("答え方"), options=_pairs(QUESTION_KINDS)),
                  Spec("choices", "lines", _l("選択肢（1行に1つ: 値 | 日本語 | 英語 | やさしい日本語）"),
                       required=False),
                  Spec("allow_unknown", "bool", _l("「わからない」を選べる"))],
    "procedures": [Spec("id", "id", _l("ID")), Spec("title", "text", _l("名前")),
                   Spec("file", "file", _l("ファイル")),
                   Spec("counter", "select", _l("窓口"), options=_named("counters")),
                   Spec("available_at", "multi", _l("手続できる庁舎"), options=_places),
                   Spec("events", "multi", _l("ライフイベント"), options=_named("events")),
                   Spec("scope", "select", _l("条件を調べる単位"), options=_pairs(SCOPES)),
                   Spec("reason", "text", _l("理由（住民に表示）")),
                   Spec("reference", "string", _l("根拠（法令の条文・市のページ）"), required=False),
                   Spec("deadline", "deadline", _l("期限")),
                   Spec("documents", "multi", _l("持ち物"), required=False, options=_named("documents")),
                   Spec("forms", "multi", _l("届出書"), required=False, options=_named("forms")),
                   Spec("deemed_with", "select", _l("この手続の届出で済む（みなし届出）"), required=False,
                        options=_named("procedures")),
                   Spec("automatic", "bool", _l("届出なしで自動的に行われる")),
                   Spec("notes", "text", _l("注意事項"), required=False, multiline=True),
                   Spec("examples", "examples", _l("例の世帯"))],
    "forms": [Spec("id", "id", _l("ID")), Spec("title", "text", _l("名前"), residents=False)],
}


def required_validators(spec: Spec, message) -> list:
    """Required or optional, as the spec says."""
    return [InputRequired(message=message)] if spec.required else [Optional()]
