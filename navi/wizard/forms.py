"""WTForms classes for wizard pages, built per request from the catalog and the draft (CTFd-style)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from markupsafe import Markup, escape
from wtforms import Field, IntegerField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError
from wtforms.widgets import Select

from navi.domain import normalize
from navi.domain.dates import era_year_problem, from_wareki, to_wareki
from navi.domain.facts import TEXT_MAX_LENGTH
from navi.domain.interview import MAX_MEMBERS
from navi.domain.validation import text_problem
from navi.text.languages import uses_era
from navi.web.forms import Form
from navi.web.i18n import current_lang
from navi.web.i18n import lazy_gettext as _l
from navi.web.widgets import html_params


def options(pairs: list[tuple[str, str]]) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(str(value), str(label)) for value, label in pairs]


class LongSelect(Select):
    """A <select> with hundreds of options (countries): their HTML is built once per list and language and
    only the chosen one is marked on each page (WTForms spent 7 ms a page building 250 options)."""

    _built: ClassVar[dict[tuple, str]] = {}  # country names only, never a resident's answer

    def __call__(self, field: Field, **kwargs) -> Markup:
        kwargs.setdefault("id", field.id)
        choices = tuple((str(choice.value), str(choice.label)) for choice in field.choices)
        built = self._built.get(choices)
        if built is None:
            built = "".join(f'<option value="{escape(value)}">{escape(label)}</option>' for value, label in choices)
            if len(self._built) < 16:
                self._built[choices] = built
        if field.data not in (None, ""):
            chosen = f'<option value="{escape(str(field.data))}">'
            built = built.replace(chosen, chosen.replace("<option ", "<option selected ", 1), 1)
        # Every value in it is escaped above (options) or by html_params (attributes).
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{built}</select>")  # noqa: S704


ERA_LABELS = {"reiwa": _l("令和"), "heisei": _l("平成"), "showa": _l("昭和"), "taisho": _l("大正"),
              "seireki": _l("西暦")}
ERA_CHOICES = list(ERA_LABELS.items())
ERA_MESSAGES = {
    "western_year_in_era": _l("%(year)s年は西暦の年です。「西暦」を選ぶか、%(wareki)s年と入力してください"),
    "beyond_era": _l("%(era)s%(year)s年はありません。元号と年を確かめてください"),
}


def era_choices() -> tuple[list[tuple[str, str]], str]:
    """The era choices and the default: none chosen in Japanese (a wrong guess reads as a wrong date),
    西暦 first and chosen in other languages, whose readers count years that way."""
    if uses_era(current_lang()):
        return [("", _l("選んでください")), *ERA_CHOICES], ""
    return [ERA_CHOICES[-1], *ERA_CHOICES[:-1]], "seireki"


class WizardForm(Form):
    """Base of every wizard page (its template turns browser autofill off: a tablet is shared)."""


def add_date_group(form_class: type, prefix: str, *, required: bool = True) -> None:
    """Add 元号・年・月・日 fields named `<prefix>_era`, `_year`, `_month`, `_day` to a form class."""
    check = InputRequired if required else Optional
    eras, default = era_choices()
    setattr(form_class, f"{prefix}_era", SelectField(_l("元号"), [check(message=_l("元号を選んでください"))],
                                                     choices=options(eras), default=default))
    setattr(form_class, f"{prefix}_year", StringField(_l("年"), [check(message=_l("年を入力してください"))]))
    setattr(form_class, f"{prefix}_month", StringField(_l("月"), [check(message=_l("月を入力してください"))]))
    setattr(form_class, f"{prefix}_day", StringField(_l("日"), [check(message=_l("日を入力してください"))]))


def read_date(form: Form, prefix: str, label: str) -> dt.date | None:
    """The date a date group holds, or None with an error on the group's year field."""
    parts = [normalize.digits(form[f"{prefix}_{p}"].data) for p in ("year", "month", "day")]
    if not all(parts) or not form[f"{prefix}_era"].data:
        return None
    era_message = _era_message(form[f"{prefix}_era"].data, *(int(p) for p in parts))
    if era_message:
        form[f"{prefix}_year"].errors = [*form[f"{prefix}_year"].errors, era_message]
        return None
    try:
        return from_wareki(form[f"{prefix}_era"].data, *(int(p) for p in parts))
    except (ValueError, KeyError):
        form[f"{prefix}_year"].errors = [*form[f"{prefix}_year"].errors,
                                          str(_l("%(label)sに存在する日付を入力してください", label=label))]
        return None


def _era_message(era: str, year: int, month: int, day: int) -> str | None:
    """The message for a year the chosen era doesn't have, naming the fix (navi.domain.dates)."""
    code = era_year_problem(era, year)
    if code is None:
        return None
    try:
        found, era_year = to_wareki(dt.date(year, month, day))
        wareki = f"{ERA_LABELS.get(found.key, found.name)}{era_year}"
    except ValueError:
        wareki = ""
    return str(ERA_MESSAGES[code] % {"year": year, "wareki": wareki, "era": ERA_LABELS.get(era, era)})


def fill_date_group(form: Form, prefix: str, value: str | None) -> None:
    """Show a stored ISO date in a date group (in the 和暦 era it falls in)."""
    if not value:
        return
    day = dt.date.fromisoformat(value)
    era, year = to_wareki(day)
    form[f"{prefix}_era"].data = era.key if era.key in dict(ERA_CHOICES) else "seireki"
    form[f"{prefix}_year"].data = str(year if era.key in dict(ERA_CHOICES) else day.year)
    form[f"{prefix}_month"].data, form[f"{prefix}_day"].data = str(day.month), str(day.day)


def choice_form(choices: list[tuple[str, str]], message: str) -> type:
    """A page with one radio question."""

    class ChoiceForm(WizardForm):
        value = RadioField(choices=options(choices), validators=[InputRequired(message=message)])

    return ChoiceForm


def date_form() -> type:
    """The event date page."""

    class DateForm(WizardForm):
        pass

    add_date_group(DateForm, "date")
    return DateForm


class CountForm(WizardForm):
    """How many people the form is about."""

    count = IntegerField(
        _l("人数"),
        validators=[
            InputRequired(message=_l("人数を数字で入力してください")),
            NumberRange(1, MAX_MEMBERS, message=_l("人数は1人から12人までで入力してください")),
        ],
    )


def _required(label: str):
    return InputRequired(message=_l("%(label)sを入力してください", label=label))


class KanaField(StringField):
    """フリガナ: hiragana and half-width input accepted, stored as full-width katakana."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.data = normalize.kana(self.data)

    def pre_validate(self, form):
        if self.data and not normalize.is_katakana(self.data):
            raise ValidationError(str(_l("%(label)sはカタカナで入力してください", label=self.label.text)))
        if self.data and text_problem(self.data):
            raise ValidationError(str(_l("%(label)sは%(count)s文字以内で入力してください",
                                         label=self.label.text, count=TEXT_MAX_LENGTH)))


class NameField(StringField):
    """A name or address part, NFKC-normalised, no longer than the facts hold (navi.domain.validation)."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.data = normalize.text(self.data)

    def pre_validate(self, form):
        if self.data and text_problem(self.data):
            raise ValidationError(str(_l("%(label)sは%(count)s文字以内で入力してください",
                                         label=self.label.text, count=TEXT_MAX_LENGTH)))


def person_form(relations: list[tuple[str, str]], sexes: list[tuple[str, str]]) -> type:
    """One person's basics: 姓・名, セイ・メイ, 生年月日, 性別, 続柄."""

    class PersonForm(WizardForm):
        # Whole sentences, not a label slotted into a template: English needs other words than the label.
        family_name = NameField(_l("姓"), [InputRequired(message=_l("姓を入力してください"))])
        given_name = NameField(_l("名"), [InputRequired(message=_l("名を入力してください"))])
        family_name_kana = KanaField(_l("セイ"), [InputRequired(message=_l("セイを入力してください"))])
        given_name_kana = KanaField(_l("メイ"), [InputRequired(message=_l("メイを入力してください"))])
        sex = RadioField(_l("性別"), choices=options(sexes),
                         validators=[InputRequired(message=_l("性別を選んでください"))])
        relation = SelectField(_l("世帯主との続柄"), choices=options([("", _l("選んでください")), *relations]),
                               validators=[InputRequired(message=_l("世帯主との続柄を選んでください"))])

    add_date_group(PersonForm, "birth")
    return PersonForm


def members_form(members: list[tuple[str, str]], *, multiple: bool, message: str) -> type:
    """Choose members: checkboxes (any number, none allowed) or one radio."""
    from wtforms import SelectMultipleField, widgets

    class MembersForm(WizardForm):
        if multiple:
            value = SelectMultipleField(choices=options(members), option_widget=widgets.CheckboxInput(),
                                        widget=widgets.ListWidget(prefix_label=False))
        else:
            value = RadioField(choices=options(members), validators=[InputRequired(message=message)])

    return MembersForm


def radios(choices: list[tuple[str, str]], message: str) -> RadioField:
    """One radio question of `choices` (one must be chosen), as an unbound field: several share a page."""
    return RadioField(choices=options(choices), validators=[InputRequired(message=message)])


def checkboxes(choices: list[tuple[str, str]]):
    """Checkboxes for any number of `choices` (none allowed), as an unbound field."""
    from wtforms import SelectMultipleField, widgets

    return SelectMultipleField(choices=options(choices), option_widget=widgets.CheckboxInput(),
                               widget=widgets.ListWidget(prefix_label=False))


def per_member_select_form(members: list[tuple[str, str]], choices: list[tuple[str, str]], message: str) -> type:
    """One select per member on a single page (e.g. each person's health insurance)."""

    class PerMemberForm(WizardForm):
        pass

    for member_id, name in members:
        setattr(PerMemberForm, f"m_{member_id}", SelectField(
            name, choices=options([("", _l("選んでください")), *choices]),
            validators=[InputRequired(message=message)]))
    return PerMemberForm


class PostalCodeField(StringField):
    """A postal code typed with or without hyphen, in full or half width."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.data = normalize.digits(self.data)


def address_form(countries: list[tuple[str, str]], *, with_phone: bool = False) -> type:
    """An address: country, 郵便番号 (fills the rest), 都道府県, 市区町村, 町域・番地, 建物名 (and a phone number)."""

    class AddressForm(WizardForm):
        country = SelectField(_l("国・地域"), choices=options(countries), default="JP", widget=LongSelect())
        postal_code = PostalCodeField(_l("郵便番号"))
        prefecture = NameField(_l("都道府県"))
        city = NameField(_l("市区町村"))
        street = NameField(_l("町名・番地"))
        building = NameField(_l("建物名・部屋番号"))

    if with_phone:
        AddressForm.phone = PhoneField(_l("日中に連絡がとれる電話番号（任意）"), [Optional()])
    return AddressForm


def foreign_form(countries: list[tuple[str, str]]) -> type:
    """A foreign resident's 国籍・在留資格・在留カード番号・在留期間."""

    class ForeignForm(WizardForm):
        nationality = SelectField(_l("国籍・地域"), choices=options([("", _l("選んでください")), *countries]),
                                  validators=[InputRequired(message=_l("国籍・地域を選んでください"))],
                                  widget=LongSelect())
        residence_status = NameField(_l("在留資格"), [_required(_l("在留資格"))])
        residence_card_number = NameField(_l("在留カード番号"), [_required(_l("在留カード番号"))])

    add_date_group(ForeignForm, "stay")
    return ForeignForm


class PhoneField(StringField):
    """A daytime phone number (optional): 10 or 11 digits, typed with or without hyphens, stored as digits."""

    def pre_validate(self, form):
        digits = normalize.digits(self.data)
        if digits and not 10 <= len(digits) <= 11:
            raise ValidationError(str(_l("電話番号は10桁か11桁の数字で入力してください")))
        self.data = digits


class ConfirmForm(WizardForm):
    """A page whose only action is its button (check answers, finish)."""
