"""Words the clerk screen shows for codes: statuses, scan failures, refusals (facts: navi.web.fact_labels)."""

from __future__ import annotations

from navi.web.i18n import lazy_gettext as _l

STATUS_LABELS = {
    "not_started": _l("未着手"),
    "received": _l("受付済"),
    "in_progress": _l("処理中"),
    "done": _l("完了"),
    "not_needed": _l("不要"),
}


# What each audited action is called in the audit log (the code itself stays beside it, for searching).
ACTION_LABELS = {
    "view": _l("閲覧"), "print": _l("印刷"), "export": _l("書き出し"), "case_created": _l("受付"),
    "status": _l("状況の変更"), "correction": _l("修正"), "purge": _l("保存期間切れの削除"),
    "assisted_start": _l("職員と入力を開始"), "login": _l("ログイン"), "logout": _l("ログアウト"),
    "login_failed": _l("ログイン失敗"), "login_refused_locked": _l("ログイン拒否（ロック中）"),
    "account_locked": _l("アカウントのロック"), "account_unlocked": _l("ロックの解除"),
    "password_changed": _l("パスワードの変更"), "password_reset": _l("パスワードの再設定"),
    "password_check_failed": _l("現在のパスワードの誤り"), "staff_created": _l("職員アカウントの作成"),
    "staff_deactivated": _l("職員アカウントの無効化"), "staff_activated": _l("職員アカウントの有効化"),
    "catalog_edit": _l("カタログの編集"), "catalog_import": _l("カタログの取り込み"),
    "catalog_discard": _l("下書きの破棄"), "catalog_publish": _l("カタログの公開"),
    "catalog_restore": _l("版の復元"), "catalog_export": _l("カタログの書き出し"),
    "catalog_bundle": _l("キオスク用バンドルの作成"),
    "called": _l("呼び出し"), "absent": _l("不在"),
}

# The figures page: the length of each period it sums over.
PERIOD_LABELS = {"day": _l("日ごと"), "week": _l("週ごと"), "month": _l("月ごと")}


def action_label(action: str) -> str:
    """The audit action in words (an action without a label shows its code)."""
    return str(ACTION_LABELS.get(action, action))


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


# Why an admin's change to an account was refused (navi.records.staff.StaffError.reason).
STAFF_REFUSALS = {
    "own_account": _l("自分のアカウントは無効にできません。必要な場合は別の管理者に依頼してください。"),
    "last_admin": _l("有効な管理者が1人だけになるため、このアカウントは無効にできません。"
                     "先に別の管理者アカウントを作るか有効にしてください。"),
}
