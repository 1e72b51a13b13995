"""Words the clerk screen shows for codes: statuses, roles, fields, enum values and scan failures."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "not_started": _l("未着手"),
    "received": _l("受付済"),
    "in_progress": _l("処理中"),
    "done": _l("完了"),
    "not_needed": _l("不要"),
}

ROLE_LABELS = {"clerk": _l("窓口職員"), "supervisor": _l("監督者"), "admin": _l("管理者")}

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

# What each failure to read a code is called and what the clerk should do next (ux.md: never a bare error).
SCAN_FAILURES = {
    "unreadable": (_l("QRコードを読み取れませんでした"),
                   _l("画像にQRコードが見つかりません。QRコード全体が写るように、明るい場所でもう一度読み取ってください。")),
    "not_our_code": (_l("届出ナビのQRコードではありません"),
                     _l("読み取ったのは別の種類のコードです。お客様の画面または用紙の、届出ナビのQRコードを読み取ってください。")),
    "part_missing": (_l("QRコードの一部が足りません"),
                     _l("分割されたQRコードのうち、まだ読み取っていないものがあります。残りのQRコードを読み取ってください。")),
    "several_households": (_l("1枚の画像に複数の世帯のQRコードがあります"),
                           _l("画像1枚につき1世帯のQRコードだけを読み取ります（分割されたQRコードは一緒に写っていてもかまいません）。"
                              "世帯ごとに、そのQRコードだけが写るようにして読み取ってください。")),
    "damaged": (_l("QRコードが壊れています"),
                _l("読み取った数字の一部が欠けているか、書き換えられています。もう一度読み取り、それでも読めない場合はお客様に入力し直していただいてください。")),
    "unknown_key": (_l("他の庁舎の鍵で作られたQRコードです"),
                    _l("このQRコードは、この窓口では開けない鍵で暗号化されています。別の自治体・庁舎の届出ナビで作られた可能性があります。")),
    "expired": (_l("QRコードの有効期限が切れています"),
                _l("作成から時間が経ちすぎています。お客様に届出ナビでもう一度QRコードを作っていただいてください。")),
    "issued_in_future": (_l("QRコードの作成日時が未来になっています"),
                         _l("作成した端末の時計がずれている可能性があります。端末の時刻を確認し、QRコードを作り直してください。")),
    "unknown_catalog_version": (_l("この窓口にない手続カタログで作られたQRコードです"),
                                _l("QRコードが指す手続カタログの版を、この窓口は持っていません。監督者に連絡してください。")),
    "too_large": (_l("QRコードの内容が大きすぎます"),
                  _l("読み取れる大きさを超えています。世帯を分けて入力し直していただいてください。")),
    "invalid_facts": (_l("QRコードの内容に不備があります"),
                      _l("QRコードは読めましたが、世帯の情報に確認が必要な項目があります。お客様と一緒に入力し直してください。")),
    "database_unavailable": (_l("記録を保存できませんでした"),
                             _l("データベースに接続できないため、受付を記録していません（途中までの記録も残っていません）。少し待ってから、同じQRコードをもう一度読み取ってください。")),
    "keys_unusable": (_l("この窓口の鍵ファイルを読めません"),
                      _l("QRコードを開く鍵ファイルが壊れているか読めないため、読み取りを止めています（受付は記録していません）。"
                         "管理者に連絡し、鍵をバックアップから戻してもらってください。詳細: %(detail)s")),
}
# Failures that are the counter's own fault, not the code's.
SERVER_FAULTS = frozenset({"keys_unusable"})


def field_label(path: str) -> str:
    """The label of a facts field path, e.g. members.m1.family_name → 氏."""
    name = path.rsplit(".", 1)[-1]
    return str(FIELD_LABELS.get(name, name))


ENUM_FIELDS = ("relation", "sex", "health_insurance", "pension", "care_level")


def value_label(path: str, value: object) -> str:
    """A stored value as the clerk reads it (enum codes in words, booleans as あり/なし)."""
    if value is True:
        return str(_l("あり"))
    if value is False:
        return str(_l("なし"))
    if value is None or value == "":
        return "—"
    if path.rsplit(".", 1)[-1] in ENUM_FIELDS:
        return str(VALUE_LABELS.get(str(value), value))
    return str(value)

FORM_EXPIRED = (_l("画面の有効期限が切れました"),
                      _l("もう一度この画面を開き直してから操作してください。入力した内容は保存されていません。"))
FORBIDDEN = (_l("この画面を使う権限がありません"),
             _l("この画面は監督者または管理者だけが使えます。必要な場合は監督者に依頼してください。"))
NOT_FOUND = (_l("見つかりません"), _l("指定された受付記録・窓口・項目はありません。受付番号で検索してください。"))

# Why an admin's change to an account was refused (navi.records.staff.StaffError.reason).
STAFF_REFUSALS = {
    "own_account": _l("自分のアカウントは無効にできません。必要な場合は別の管理者に依頼してください。"),
    "last_admin": _l("有効な管理者が1人だけになるため、このアカウントは無効にできません。"
                     "先に別の管理者アカウントを作るか有効にしてください。"),
}
