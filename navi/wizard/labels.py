"""Translated labels for the wizard's choices: relations, sexes, insurance, countries, event answers."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from babel import Locale

from navi.text.languages import babel_locale
from navi.web.i18n import current_lang
from navi.web.i18n import lazy_gettext as _l

RELATIONS = {"head": _l("世帯主"), "spouse": _l("妻・夫"), "child": _l("子"), "parent": _l("父・母"),
             "grandchild": _l("孫"), "sibling": _l("兄弟姉妹"), "other": _l("その他")}
SEXES = {"male": _l("男"), "female": _l("女")}
ATTRIBUTE_VALUES = {
    "health_insurance": {"employee": _l("勤め先の健康保険（本人）"),
                         "employee_dependent": _l("勤め先の健康保険（家族・扶養）"),
                         "national": _l("国民健康保険"), "late_elderly": _l("後期高齢者医療"),
                         "welfare": _l("生活保護"), "none": _l("加入していない")},
    "pension": {"category1": _l("第1号（自営業・学生など）"), "category2": _l("第2号（会社員・公務員）"),
                "category3": _l("第3号（第2号の方の扶養）"), "pensioner": _l("年金を受け取っている"),
                "none": _l("加入していない・わからない")},
    "care_level": {"none": _l("認定なし"), "support1": _l("要支援1"), "support2": _l("要支援2"), "care1": _l("要介護1"),
                   "care2": _l("要介護2"), "care3": _l("要介護3"), "care4": _l("要介護4"), "care5": _l("要介護5")},
}
ATTRIBUTE_QUESTIONS = {
    "foreign": (_l("日本国籍でない方を選んでください"), _l("いなければ、何も選ばずに次へ進んでください。"),
                _l("日本国籍以外")),
    "has_my_number_card": (_l("マイナンバーカードをお持ちの方を選んでください"),
                           _l("いなければ、何も選ばずに次へ進んでください。"), _l("マイナンバーカード")),
    "health_insurance": (_l("今、加入している健康保険を選んでください"), _l("保険証（資格確認書）に書いてあります。"),
                         _l("健康保険")),
    "pension": (_l("国民年金の種別を選んでください"),
                _l("わからないときは「加入していない・わからない」を選んでください。"), _l("国民年金")),
    "care_level": (_l("介護保険の要介護・要支援の認定を選んでください"), None, _l("要介護・要支援認定")),
    "disability_handbook": (_l("障害者手帳をお持ちの方を選んでください"),
                            _l("いなければ、何も選ばずに次へ進んでください。"), _l("障害者手帳")),
}

# Each yes/no attribute as a person's checkbox on the shared page.
FLAG_LABELS = {"foreign": _l("日本国籍ではない"), "has_my_number_card": _l("マイナンバーカードを持っている"),
               "disability_handbook": _l("障害者手帳を持っている")}


def flag_label(fact: str) -> str:
    """A yes/no attribute as a checkbox label."""
    return str(FLAG_LABELS[fact])


def relations() -> list[tuple[str, str]]:
    """Relations to the head, translated."""
    return [(key, str(label)) for key, label in RELATIONS.items()]


def sexes() -> list[tuple[str, str]]:
    """Sexes as the resident register records them, translated."""
    return [(key, str(label)) for key, label in SEXES.items()]


def attribute_values(fact: str) -> list[tuple[str, str]] | None:
    """The choices of an enum attribute, or None for a yes/no attribute."""
    values = ATTRIBUTE_VALUES.get(fact)
    return None if values is None else [(key, str(label)) for key, label in values.items()]


def attribute_question(fact: str) -> tuple[str, str | None]:
    """The question and hint of an attribute page."""
    question, hint, _short = ATTRIBUTE_QUESTIONS[fact]
    return str(question), str(hint) if hint else None


def attribute_label(fact: str) -> str:
    """The short name of an attribute, as the check-answers page lists it."""
    return str(ATTRIBUTE_QUESTIONS[fact][2])


def member_names(draft: dict[str, Any], member_ids: tuple[str, ...]) -> list[tuple[str, str]]:
    """(id, name) of the chosen members, as the resident typed them."""
    return [(m["id"], f"{m.get('family_name', '')} {m.get('given_name', '')}".strip())
            for m in draft["members"] if m["id"] in member_ids]


def countries(*, japan_first: bool = False) -> list[tuple[str, str]]:
    """ISO 3166 alpha-2 codes with names in the page's language, sorted; Japan first for addresses."""
    return list(_countries(babel_locale(current_lang()), japan_first))


@lru_cache(maxsize=16)
def _countries(locale: str, japan_first: bool) -> tuple[tuple[str, str], ...]:
    # Babel's names, sorted once per language (250 of them, on every address page).
    territories = Locale.parse(locale).territories
    items = sorted(((code, name) for code, name in territories.items() if len(code) == 2 and code.isalpha()),
                   key=lambda item: item[1])
    if japan_first:
        items = [("JP", territories["JP"])] + [item for item in items if item[0] != "JP"]
    return tuple(items)
