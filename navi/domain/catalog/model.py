"""The procedure catalog as typed data: offices, counters, events, questions, procedures, documents, forms.

The YAML files under `forms_catalog/` load into these models; `forms_catalog/schema.json` is generated
from them, so the schema and the loader cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from navi.domain.calendar import OfficeCalendar
from navi.domain.catalog.in_force import Dated, InForce
from navi.domain.catalog.layout import FormLayout, FormWords

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
ScalarValue = bool | int | str


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(_[A-Za-z]{2,8})*$")


class Text(_Model):
    """A user-facing text in Japanese (required), English, やさしい日本語 and any other language a city adds
    under its code (zh_Hans, ko, vi …: the code of its message catalog)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    ja: Annotated[str, StringConstraints(min_length=1)]
    en: Annotated[str, StringConstraints(min_length=1)]
    easy_ja: str | None = None

    @model_validator(mode="after")
    def _other_languages(self) -> Text:
        for code, value in (self.__pydantic_extra__ or {}).items():
            if not LANGUAGE_CODE.match(code) or not isinstance(value, str):
                raise ValueError(f"{code!r}: a text's other keys are language codes (zh_Hans, ko) with a string")
        return self

    def get(self, lang: str) -> str:
        """The text in `lang`, falling back to Japanese."""
        known = {"ja": self.ja, "en": self.en, "easy_ja": self.easy_ja}
        return (known[lang] if lang in known else (self.__pydantic_extra__ or {}).get(lang)) or self.ja


class Param(_Model):
    """A reference to a catalog parameter, so cities change a figure without touching conditions."""

    param: Identifier


class Leaf(_Model):
    """One row of a condition: a fact, an operator and a value."""

    fact: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")]
    op: Literal["eq", "ne", "in", "not_in", "lt", "le", "gt", "ge"]
    value: ScalarValue | list[ScalarValue] | Param


class AllOf(_Model):
    """True when every part holds."""

    all: list[Condition] = Field(min_length=1)


class AnyOf(_Model):
    """True when at least one part holds."""

    any: list[Condition] = Field(min_length=1)


class NotOf(_Model):
    """True when the part does not hold."""

    not_: Condition = Field(alias="not")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class SomeMember(_Model):
    """True when at least one member of the household satisfies the part."""

    some_member: Condition


class CountMembers(_Model):
    """Compares the number of members satisfying `count_members` with a value."""

    count_members: Condition
    op: Literal["eq", "ne", "lt", "le", "gt", "ge"]
    value: int | Param


Condition = Leaf | AllOf | AnyOf | NotOf | SomeMember | CountMembers
for _model in (AllOf, AnyOf, NotOf, SomeMember, CountMembers):
    _model.model_rebuild()


class Counter(_Model):
    """A counter (窓口) as signposted in the office."""

    id: Identifier
    name: Text
    order: int = Field(description="Position in the visiting order: lower is visited first.")
    handles: Text | None = None


class Office(_Model):
    """A ward office (区役所) or a branch office (総合出張所)."""

    id: Identifier
    name: Text
    kind: Literal["ward", "branch"]
    ward: Identifier | None = Field(None, description="For a branch: the ward office that does what it can't.")
    counters: list[Identifier] = Field(description="Counters present at this office.")


class Choice(_Model):
    """One answer a question offers."""

    value: ScalarValue
    label: Text


class Question(_Model):
    """A question the wizard asks for an event; its answer lands in facts.answers[id]."""

    id: Identifier
    events: list[Identifier] = Field(min_length=1)
    text: Text
    hint: Text | None = None
    kind: Literal["yes_no", "choice", "number", "text"] = "yes_no"
    choices: list[Choice] = Field(default_factory=list)
    allow_unknown: bool = Field(False, description="Offer 「わからない」 (stored as null).")
    ask_when: Condition | None = Field(None, description="Household condition under which the answer matters.")


class Event(_Model):
    """A life event (ライフイベント) a resident can choose."""

    id: Identifier
    title: Text
    description: Text
    concerned: Literal["moving", "subject", "all"] = Field(
        description="Which members the event is about: those marked moving, those marked subject, or all."
    )
    addresses: list[Literal["from_address", "to_address", "address"]] = Field(default_factory=list)
    date_label: Text | None = Field(None, description="The wizard's question for event_date (引越した日…).")
    subject_label: Text | None = Field(None, description="The wizard's question choosing the subject member.")
    several_subjects: bool = Field(False, description="Several members may be subjects (twins; a couple).")


class Document(_Model):
    """Something the resident must bring."""

    id: Identifier
    name: Text


class Deadline(_Model):
    """When a procedure is due, counted from the event date."""

    days: int = Field(ge=0, le=3650)
    include_first_day: bool = Field(False, description="Count the event day itself (出生・死亡届).")
    opens_days_before: int | None = Field(None, ge=0, le=365, description="Can be filed this many days before.")
    note: Text | None = None


class Example(_Model):
    """A named example household and, for a must-trigger example, exactly which members it concerns."""

    household: Identifier
    members: list[str] | None = None


class Examples(_Model):
    """Households that must and must not trigger a procedure."""

    must: list[Example] = Field(min_length=2)
    must_not: list[Example] = Field(min_length=1)


class Procedure(_Model):
    """One procedure (手続): what triggers it, where it is done, what it needs."""

    id: Identifier
    title: Text
    counter: Identifier
    available_at: list[Identifier] = Field(
        min_length=1, description="Office kinds (ward, branch) or office ids where it can be done."
    )
    events: list[Identifier] = Field(min_length=1)
    scope: Literal["member", "household"]
    condition: Condition
    reason: Text = Field(description="Why it applies, in words a resident understands.")
    deadline: Deadline | None = None
    documents: list[Identifier] = Field(default_factory=list)
    forms: list[Identifier] = Field(default_factory=list)
    deemed_with: Identifier | None = Field(None, description="Filed by the named procedure's form; no visit.")
    automatic: bool = Field(False, description="Happens without filing; the plan only tells the resident.")
    optional: bool = Field(False, description="A choice the resident may make (復氏届), never a duty.")
    notes: Text | None = None
    notes_when: Condition | None = Field(None, description="Household condition under which the notes apply.")
    documents_when: dict[Identifier, Condition] = Field(
        default_factory=dict, description="Documents asked for only when their household condition holds.")
    elsewhere: Text | None = Field(None, description="Done at another office (年金事務所, 勤め先…): the plan "
                                                     "points there, apart from the counters to visit here.")
    effective: InForce | None = Field(None, description="The period the procedure is in force (event date).")
    reference: str = Field("", description="The law article or official page it follows (catalog check "
                                           "requires it; clerks and supervisors see it).")
    examples: Examples


class FormField(_Model):
    """One field of a form and the fact that fills it."""

    id: Identifier
    label: Text
    source: str = Field(description="A fact path (see navi.domain.prefill) or 'manual' for hand-filled boxes.")
    repeat: Literal["once", "member"] = "once"


class ClaimantQuestion(_Model):
    """The wizard's question who claims (請求者) with a claim form: one of the two parents (世帯主・配偶者)."""

    text: Text
    hint: Text | None = None
    reference: Annotated[str, StringConstraints(min_length=1)] = Field(
        description="The law article or official page that says who the claimant is.")


class Form(_Model):
    """A form (届出書・申請書) the counter prints completed."""

    id: Identifier
    title: Text
    fields: list[FormField] = Field(min_length=1)
    claimant: ClaimantQuestion | None = Field(
        None, description="Asked when the plan files this form and both parents could claim (navi.domain.filers).")
    layout: FormLayout | None = Field(None, description="How the form prints (navi.pdf); see layout.py.")

    def field(self, field_id: str) -> FormField | None:
        """The field with this id, if the form has one."""
        return next((f for f in self.fields if f.id == field_id), None)


class CatalogInfo(_Model):
    """Who the catalog is for and the parameters cities change."""

    id: Identifier
    municipality: Text
    schema_version: int = Field(ge=1)
    retention_days: int = Field(ge=1, description="How long the counter keeps case records.")
    reason_format: Text = Field(description="How a member and a reason are joined: {name}さん（{age}歳）：{reason}")
    parameters: dict[Identifier, ScalarValue | list[ScalarValue] | Dated] = Field(default_factory=dict)

    def parameters_on(self, day: dt.date) -> dict[str, ScalarValue | list[ScalarValue] | None]:
        """The parameters in force on `day` (dated ones resolved to that day's value)."""
        return {k: v.on(day) if isinstance(v, Dated) else v for k, v in self.parameters.items()}


class Catalog(_Model):
    """A whole catalog version."""

    info: CatalogInfo
    counters: list[Counter]
    offices: list[Office]
    events: list[Event]
    questions: list[Question] = Field(default_factory=list)
    documents: list[Document] = Field(default_factory=list)
    procedures: list[Procedure]
    forms: list[Form] = Field(default_factory=list)
    form_words: FormWords = Field(default_factory=FormWords, description="vocabulary.yaml: words printed on forms.")
    calendar: OfficeCalendar = Field(default_factory=OfficeCalendar, description="calendar.yaml: closed days.")
    households: dict[Identifier, dict] = Field(default_factory=dict)
    version: str = Field("", description="Content hash, set by the loader.")
    procedure_files: dict[str, str] = Field(
        default_factory=dict, description="Which file each procedure came from (not part of the content)."
    )

    def office(self, office_id: str) -> Office:
        """The office with this id."""
        return next(o for o in self.offices if o.id == office_id)

    def counter(self, counter_id: str) -> Counter:
        """The counter with this id."""
        return next(c for c in self.counters if c.id == counter_id)

    def procedure(self, procedure_id: str) -> Procedure:
        """The procedure with this id."""
        return next(p for p in self.procedures if p.id == procedure_id)

    def form(self, form_id: str) -> Form:
        """The form with this id."""
        return next(f for f in self.forms if f.id == form_id)

    def event(self, event_id: str) -> Event:
        """The event with this id."""
        return next(e for e in self.events if e.id == event_id)

    def question(self, question_id: str) -> Question:
        """The event question with this id."""
        return next(q for q in self.questions if q.id == question_id)


def catalog_schema() -> dict:
    """The JSON Schema of a whole catalog document (what the loader assembles from the YAML files)."""
    schema = Catalog.model_json_schema(by_alias=True)
    schema["$comment"] = "Generated by `navi catalog schema`; the YAML files of forms_catalog/ assemble into this."
    return schema
