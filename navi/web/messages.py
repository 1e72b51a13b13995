"""Words for domain problem codes, in the user's language (one place, every string translatable)."""

from __future__ import annotations

from typing import Any

from navi.domain.validation import Problem
from navi.web.i18n import lazy_gettext as _l

PROBLEM_TEXTS = {
    "required": _l("入力してください"),
    "unknown_field": _l("この項目は使えません"),
    "invalid_date": _l("存在する日付を YYYY-MM-DD の形で入力してください"),
    "not_allowed": _l("次のいずれかを指定してください: %(expected)s"),
    "bad_format": _l("形式が正しくありません（例にならって入力してください）"),
    "too_long": _l("長すぎます"),
    "wrong_type": _l("値の種類が違います"),
    "too_few": _l("少なすぎます"),
    "too_many": _l("多すぎます"),
    "file_not_found": _l("ファイル「%(value)s」が見つかりません"),
    "not_json": _l("JSONとして読めません（%(detail)s）"),
    "invalid": _l("値を確認してください（%(detail)s）"),
    "unknown_event": _l("ライフイベント「%(value)s」はカタログにありません"),
    "unknown_office": _l("庁舎「%(value)s」はカタログにありません"),
    "unknown_question": _l("質問「%(value)s」はこのライフイベントにありません"),
    "duplicate_member_id": _l("世帯員の番号「%(value)s」が重複しています"),
    "born_after_event": _l("生年月日が届出の日付より後になっています"),
    "implausible_date": _l("生年月日を確認してください（%(earliest)s 以降の日付です）"),
    "born_in_future": _l("生年月日に未来の日付は入力できません"),
    "bad_residence_card": _l("在留カード番号は英字2文字・数字8桁・英字2文字の12文字で入力してください"),
    "unsafe_characters": _l("使えない文字（%(value)s）が含まれています"),
    "several_heads": _l("世帯主は1人だけ指定してください"),
    "no_moving_member": _l("引越しする方を1人以上指定してください"),
    "one_subject_needed": _l("対象の方（お子さん・亡くなられた方など）を1人だけ指定してください"),
    "subjects_needed": _l("対象の方（お子さん・亡くなられた方など）を1人以上指定してください"),
    "no_head": _l("世帯主を1人指定してください"),
    "unknown_member": _l("世帯員「%(value)s」はこの世帯にいません"),
    "deceased_cannot_file": _l("亡くなった方は届出人になれません。届け出る方を選んでください"),
    "deceased_cannot_claim": _l("亡くなった方は請求者になれません。手当を受け取る方を選んでください"),
    "date_out_of_range": _l("日付を確認してください（%(earliest)s から %(latest)s までの日付です）"),
    "wrong_event_for_addresses": _l(
        "引越し前と引越し先の住所からすると、この手続は「%(event)s」です。ライフイベントを選び直してください"),
    "addresses_swapped": _l("引越し前と引越し先の住所が逆になっていませんか。このままなら「%(event)s」です"),
    "move_outside_city": _l("引越し前も引越し先も%(city)sの外です。住所を確認してください"),
}

# The moving events a problem can name (the right event for the addresses given).
EVENT_NAMES = {
    "moving_in": _l("引越してきた（転入）"),
    "moving_out": _l("市外へ引越す（転出）"),
    "moving_within": _l("市内で引越した（転居）"),
}


def problem_text(problem: Problem) -> str:
    """The message for one facts problem, in the current locale."""
    template = PROBLEM_TEXTS.get(problem.code, PROBLEM_TEXTS["invalid"])
    params: dict[str, Any] = {"expected": "", "detail": problem.code, "value": "", "earliest": "", "latest": "",
                              "city": "", **problem.params}
    if "event" in params:
        params["event"] = str(EVENT_NAMES.get(params["event"], params["event"]))
    return str(template) % params



def code_text(code: str) -> str:
    """The message for a problem code that needs no values (a rule checked on the page where its fact is entered)."""
    return problem_text(Problem("$", code))
