"""Words for the household facts' fields and values, as staff read them (the case page, the catalog editor)."""

from __future__ import annotations

import datetime as dt

from flask_babel import get_locale

from navi.domain.dates import legal_age
from navi.web.i18n import lazy_gettext as _l
from navi.web.templating import format_date

FIELD_LABELS = {
    "event_date": _l("届出の日付（異動日）"),
    "family_name": _l("氏"),
    "given_name": _l("名"),
    "family_name_kana": _l("氏（フリガナ）"),
    "given_name_kana": _l("名（フリガナ）"),
    "birth_date": _l("生年月日"),
    "sex": _l("性別"),
    "relation": _l("続柄"),
    "nationality": _l("国籍"),
    "health_insurance": _l("健康保険"),
    "pension": _l("年金"),
    "care_level": _l("要介護度"),
    "has_my_number_card": _l("マイナンバーカード"),
    "disability_handbook": _l("障害者手帳"),
    "moving": _l("異動する"),
    "subject": _l("届出の対象"),
    "residence_status": _l("在留資格"),
    "residence_card_number": _l("在留カード番号"),
    "period_of_stay_until": _l("在留期間の満了日"),
    "phone": _l("電話番号"),
    "postal_code": _l("郵便番号"),
    "prefecture": _l("都道府県"),
    "city": _l("市区町村"),
    "street": _l("町名・番地"),
    "building": _l("建物名・部屋番号"),
    "from_address": _l("前住所"),
    "to_address": _l("新住所"),
    "address": _l("住所"),
}

VALUE_LABELS = {
    "head": _l("世帯主"), "spouse": _l("妻・夫"), "child": _l("子"), "parent": _l("父母"),
    "grandchild": _l("孫"), "sibling": _l("兄弟姉妹"), "other": _l("その他"),
    "male": _l("男"), "female": _l("女"),
    "employee": _l("社会保険（本人）"), "employee_dependent": _l("社会保険（被扶養者）"),
    "national": _l("国民健康保険"), "late_elderly": _l("後期高齢者医療"), "welfare": _l("生活保護"),
    "none": _l("なし"),
    "category1": _l("第1号"), "category2": _l("第2号"), "category3": _l("第3号"), "pensioner": _l("受給者"),
}


def field_label(path: str) -> str:
    """The label of a facts field path, e.g. members.m1.family_name → 氏."""
    name = path.rsplit(".", 1)[-1]
    return str(FIELD_LABELS.get(name, name))


ENUM_FIELDS = ("relation", "sex", "health_insurance", "pension", "care_level")
DATE_FIELDS = ("birth_date", "period_of_stay_until", "event_date")
CARE_LEVELS = {"support1": _l("要支援1"), "support2": _l("要支援2"), "care1": _l("要介護1"), "care2": _l("要介護2"),
               "care3": _l("要介護3"), "care4": _l("要介護4"), "care5": _l("要介護5")}
# A fact the resident was never asked (the interview found it could not change the plan) is not a "no".
NOT_ASKED = _l("未確認")


def country_name(code: str) -> str:
    """An ISO 3166 code as the country's name in the page's language (日本 for JP)."""
    return get_locale().territories.get(code.upper(), code)


def date_label(name: str, value: str, today: dt.date) -> str:
    """A date as 和暦 (or the English long form); a birth date with the legal age today."""
    day = dt.date.fromisoformat(value)
    if name != "birth_date":
        return format_date(day)
    return str(_l("%(date)s（%(age)s歳）", date=format_date(day), age=legal_age(day, today)))


def value_label(path: str, value: object) -> str:
    """A stored value as the clerk reads it (enum codes in words, booleans as あり/なし)."""
    if value is True:
        return str(_l("あり"))
    if value is False:
        return str(_l("なし"))
    if value is None or value == "":
        return "—"
    name = path.rsplit(".", 1)[-1]
    if name in ENUM_FIELDS:
        return str(CARE_LEVELS.get(str(value)) or VALUE_LABELS.get(str(value), value))
    if name == "nationality":
        return country_name(str(value))
    return str(value)
