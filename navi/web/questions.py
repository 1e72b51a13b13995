"""A catalog question as a form, built per request from its definition (as CTFd builds forms from data): the
wizard asks it, the supervisor's editor previews it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wtforms import IntegerField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from navi.domain import normalize
from navi.domain.catalog.model import Question
from navi.web.i18n import lazy_gettext as _l


def question_choices(question: Question, lang: str) -> list[tuple[str, str]]:
    """The radio choices of an event question (はい・いいえ・わからない for yes/no)."""
    if question.kind == "yes_no":
        options = [("yes", str(_l("はい"))), ("no", str(_l("いいえ")))]
    else:
        options = [(str(c.value), c.label.get(lang)) for c in question.choices]
    if question.allow_unknown:
        options.append(("unknown", str(_l("わからない"))))
    return options


def answer_from_form(value: Any) -> Any:
    """A radio value as stored in facts.answers."""
    return {"yes": True, "no": False, "unknown": None}.get(value, value)


def answer_to_form(value: Any) -> Any:
    """A stored answer as the radio value that shows it."""
    return {True: "yes", False: "no", None: "unknown"}.get(value, value) if isinstance(value, bool | None) else value


class TextAnswer(StringField):
    """A free-text answer, NFKC-normalised."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.data = normalize.text(self.data)


def question_form(question: Question, lang: str, base: type) -> type:
    """A form class (derived from `base`) with one field `value` that asks the question."""
    message = str(_l("「%(question)s」に答えてください", question=question.text.get(lang)))
    required = [InputRequired(message=message)]
    if question.kind in ("yes_no", "choice"):
        field: Any = RadioField(choices=[SelectChoice(v, label) for v, label in question_choices(question, lang)],
                                validators=required)
    else:
        field = (IntegerField if question.kind == "number" else TextAnswer)(validators=required)
    return type("QuestionForm", (base,), {"value": field})


@dataclass(frozen=True)
class QuestionPreview:
    """A question as the resident would see it, for the editor: its words and its choices (None: typed)."""

    title: str
    hint: str | None
    choices: tuple[str, ...] | None


def preview(question: Question, lang: str) -> QuestionPreview:
    """The question's words and choices in `lang`."""
    typed = question.kind not in ("yes_no", "choice")
    return QuestionPreview(question.text.get(lang), question.hint.get(lang) if question.hint else None,
                           None if typed else tuple(label for _, label in question_choices(question, lang)))
