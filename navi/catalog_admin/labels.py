"""Words the catalog editor shows for codes: entity kinds, facts, operators, groups, changes, problems."""

from __future__ import annotations

from navi.web.fact_labels import FIELD_LABELS, VALUE_LABELS
from navi.web.i18n import lazy_gettext as _l

KIND_LABELS = {
    "events": _l("ライフイベント"), "questions": _l("質問"), "procedures": _l("手続"), "counters": _l("窓口"),
    "offices": _l("庁舎"), "documents": _l("持ち物"), "forms": _l("届出書"),
}
SECTION_LABELS = {**KIND_LABELS, "info": _l("カタログ情報"), "form_words": _l("届出書の用語"),
                  "households": _l("例の世帯")}
CHANGE_LABELS = {"added": _l("追加"), "removed": _l("削除"), "changed": _l("変更"), "reordered": _l("順序の変更")}

OPERATOR_LABELS = {
    "eq": _l("＝（等しい）"), "ne": _l("≠（等しくない）"), "in": _l("どれかに当たる"),
    "not_in": _l("どれにも当たらない"),
    "lt": _l("＜（より小さい）"), "le": _l("≦（以下）"), "gt": _l("＞（より大きい）"), "ge": _l("≧（以上）"),
}
GROUP_LABELS = {
    "all": _l("すべてに当てはまる"), "any": _l("どれかに当てはまる"), "not": _l("当てはまらない"),
    "some_member": _l("世帯の誰かが当てはまる"), "count_members": _l("当てはまる世帯員の人数"),
}
SCOPE_LABELS = {"member": _l("世帯員ごと"), "household": _l("世帯で1回")}
FACT_LABELS = {
    **{name: FIELD_LABELS[name] for name in ("relation", "sex", "nationality", "health_insurance", "pension",
                                              "care_level", "has_my_number_card", "disability_handbook",
                                              "moving", "subject")},
    "foreign": _l("日本国籍以外"), "care_certified": _l("要介護・要支援の認定あり"),
    "concerned": _l("ライフイベントの対象"), "age": _l("年齢（法律上の年齢）"),
    "birthday_age": _l("年齢（誕生日で数える）"), "school_stage": _l("学年の段階"),
    "event": _l("ライフイベント"), "office_kind": _l("庁舎の種類"), "household_size": _l("世帯の人数"),
    "from_abroad": _l("国外から"), "to_abroad": _l("国外へ"), "same_prefecture": _l("同じ都道府県内"),
    "same_city": _l("同じ市区町村内"), "whole_household_moving": _l("世帯全員が引越す"),
}
FACT_VALUE_LABELS = {**VALUE_LABELS, "true": _l("はい"), "false": _l("いいえ"), "ward": _l("区役所"),
                     "branch": _l("総合出張所")}

CONDITION_PROBLEMS = {
    "fact_missing": _l("条件の事実を選んでください"),
    "op_unknown": _l("条件の比べ方を選んでください"),
    "group_empty": _l("グループに条件を1つ以上入れてください"),
    "param_unknown": _l("そのパラメータはカタログにありません"),
    "value_missing": _l("条件の値を選ぶか入力してください"),
    "value_one": _l("この比べ方では値を1つだけ選んでください"),
    "value_invalid": _l("この事実にない値です。選び直してください"),
}


def fact_label(fact: str) -> str:
    """A fact in words, with its code (answers name their question)."""
    if fact.startswith("answer."):
        return str(_l("質問の答え: %(id)s", id=fact.split(".", 1)[1]))
    label = FACT_LABELS.get(fact)
    return f"{label}（{fact}）" if label else fact


def value_label(value: str) -> str:
    """A value of a fact in words, with its code."""
    label = FACT_VALUE_LABELS.get(value)
    return f"{label}（{value}）" if label else value
