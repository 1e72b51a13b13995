"""Error pages for every role: a resident sees plain words in Japanese and English, a clerk what to do next.

No traceback ever reaches a browser, and the log records only an error's type and where it happened:
messages of database and validation errors can quote a resident's data.
"""

from __future__ import annotations

import logging
import sys
import time
import traceback

from flask import Flask, current_app, g, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException

from navi.records.case_access import CaseNotFound, CatalogVersionMissing
from navi.records.db import is_corruption
from navi.web.i18n import current_lang, force_language
from navi.web.i18n import lazy_gettext as _l
from navi.web.roles import current_role

log = logging.getLogger("navi.errors")
STAFF_BLUEPRINTS = frozenset({"counter", "catalog_admin"})

# (title, what happened and what to do) per status, for residents at a kiosk or on their phone.
KIOSK_TEXTS = {
    400: (_l("この画面は使えなくなりました"),
          _l("時間がたったか、別の画面から送られたため、受け付けられませんでした。お手数ですが、最初からやり直してください。")),
    403: (_l("この画面は表示できません"), _l("このページを使う権限がありません。")),
    404: (_l("ページが見つかりません"),
          _l("URLが間違っているか、ページがなくなりました。最初の画面からお進みください。")),
    405: (_l("この操作はできません"), _l("この画面ではその操作を受け付けていません。最初の画面からお進みください。")),
    409: (_l("回答を確認できませんでした"),
          _l("回答の組み合わせに確認が必要なところがあるため、結果を表示できません。窓口の職員にお声がけください。")),
    413: (_l("送られた内容が大きすぎます"), _l("送られた内容が大きすぎるため、受け付けられませんでした。")),
    429: (_l("しばらく待ってからお試しください"),
          _l("短い時間に何度も試されたため、一時的に受け付けを止めています。%(wait)sほど待ってから、もう一度お試しください。")),
    500: (_l("申し訳ありません。問題が起きました"),
          _l("システムの問題で、この操作を完了できませんでした。入力した内容は、この操作の前の状態で残っています。"
             "もう一度お試しになるか、窓口の職員にお声がけください。")),
    503: (_l("ただいま一時的に使えません"),
          _l("システムの一部が一時的に応答していません。入力した内容は消えていません。少し待ってから、もう一度お試しください。")),
    "corrupt": (_l("ただいま使えません"),
                _l("システムの故障のため、受け付けを止めています。お手数ですが、窓口の職員にお声がけください。")),
}

# The same for staff at the counter: what happened, whether anything was saved, and who can fix it.
STAFF_TEXTS = {
    400: (_l("画面の有効期限が切れました"),
          _l("もう一度この画面を開き直してから操作してください。入力した内容は保存されていません。")),
    403: (_l("この画面を使う権限がありません"),
          _l("この画面は権限のある職員（監督者・管理者）だけが使えます。必要な場合は監督者に依頼してください。")),
    404: (_l("見つかりません"),
          _l("指定された画面・受付記録・窓口・カタログの項目はありません。メニューや受付番号の検索からお進みください。")),
    405: (_l("この操作はできません"), _l("この画面ではその操作を受け付けていません。")),
    413: (_l("ファイルが大きすぎます"),
          _l("送られたファイルが大きすぎます。QRコードの画像は8MBまで、カタログのzipファイルは16MBまでです。")),
    429: (_l("操作の回数が多すぎます"),
          _l("短い時間に続けて操作されたため、一時的に受け付けを止めています（不正なログインや読み取りの連続を防ぐためです）。"
             "%(wait)sほど待ってから、もう一度操作してください。")),
    500: (_l("システムエラーが発生しました"),
          _l("この操作は完了していません（途中までの記録も残っていません）。もう一度操作しても同じ場合は、管理者に連絡してください。")),
    503: (_l("記録を保存できませんでした"),
          _l("データベースに接続できないため、記録していません（途中までの記録も残っていません）。少し待ってから、もう一度操作してください。")),
    "corrupt": (_l("データベースが壊れています"),
                _l("データベースのファイルが壊れているため、記録も表示もできません（この操作は記録していません）。"
                   "待っても直りません。すぐに管理者に連絡し、"
                   "最新のバックアップから戻してもらってください（navi restore）。")),
    "disk_full": (_l("記録を保存する場所がいっぱいです"),
                  _l("サーバーのディスクに空きがないため、記録していません（途中までの記録も残っていません）。"
                     "すぐに管理者に連絡してください。空きができれば、同じ操作でそのまま記録できます。")),
}


def staff_request() -> bool:
    """Whether the request belongs to the staff's pages (else it is the resident's side)."""
    return current_role().serves_staff and (request.blueprint in STAFF_BLUEPRINTS
                                            or request.path.startswith("/counter"))


def disk_full(error: BaseException) -> bool:
    """Whether a database error means the disk (or the database's size limit) is full."""
    original = getattr(error, "orig", None)
    # SQLite: SQLITE_FULL; PostgreSQL: SQLSTATE 53100 disk_full.
    return getattr(original, "sqlite_errorcode", None) == 13 or getattr(original, "sqlstate", None) == "53100"


def wait_words(seconds: int | None) -> str:
    """'1分' / '30秒' (or 'a minute' / '30 seconds'): how long to wait before trying again."""
    seconds = max(int(seconds or 60), 1)
    # "About" a wait: most of a minute reads as a minute, so the words don't tick down with the window.
    if seconds >= 45:
        return str(_l("%(n)s分", n=(seconds + 59) // 60))
    return str(_l("%(n)s秒", n=seconds))


def error_page(status: int, key: int | str | None = None, seconds: int | None = None):
    """The error page for this request's side, in its language (and, for residents, the other one too)."""
    if staff_request():
        return problem_page(STAFF_TEXTS.get(key, STAFF_TEXTS.get(status, STAFF_TEXTS[500])), status, seconds)
    texts = KIOSK_TEXTS.get(key, KIOSK_TEXTS.get(status, KIOSK_TEXTS[500]))  # residents need no disk details
    title, text = _words(texts, seconds)
    other = "ja" if current_lang() == "en" else "en"
    # A resident who cannot read this language cannot find the language switch on an error page either.
    with force_language(other):
        other_title, other_text = _words(texts, seconds)
    home = url_for("wizard.start") if current_role().serves_residents else "/"
    return render_template("errors/page.html", staff=False, title=title, text=text, status=status,
                           other={"lang": other, "title": other_title, "text": other_text}, home=home), status


def problem_page(texts: tuple, status: int, seconds: int | None = None):
    """A staff page that names what went wrong and what to do next (the title and text of `texts`)."""
    title, text = _words(texts, seconds)
    return render_template("errors/page.html", staff=True, title=title, text=text, status=status,
                           home=url_for("counter.scan")), status


def _words(texts: tuple, seconds: int | None) -> tuple[str, str]:
    title, text = texts
    return str(title), str(text) % {"wait": wait_words(seconds)}


def _http_error(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    seconds = None
    if error.code == 429:
        limiter = current_app.extensions.get("navi.limiter")
        limit = limiter.current_limit if limiter is not None else None
        seconds = int(limit.reset_at - time.time()) if limit is not None else None
        log.info("rate limit reached endpoint=%s", request.endpoint)
    page, status = error_page(error.code, seconds=seconds)
    # Only refusals say when to come back (Flask-Limiter's headers on every response would cost each request
    # two more database reads of the counters).
    headers = {"Retry-After": str(max(seconds, 1))} if seconds is not None else {}
    return page, status, headers


def abandon_transaction(error: DBAPIError) -> bool:
    """After the database went away or filled up mid-request: log it, roll back (nothing half-written stays)
    and forget the signed-in user's row; True when the disk is full."""
    full = disk_full(error)
    # The exception text may quote SQL parameters (household data), so only its type is logged.
    state = "corrupt" if is_corruption(error) else "full" if full else "unavailable"
    log.error("database %s (%s)", state, type(error).__name__)
    session = g.pop("db", None)
    if session is not None:
        session.close()  # rolls the transaction back
    g.staff = None  # the user's row went with the session: the page must not read it
    return full


def _database_error(error: DBAPIError):
    """The database went away, its disk is full or its file is damaged mid-request: rolled back, and the page
    says which."""
    corrupt = is_corruption(error)
    full = abandon_transaction(error)
    return error_page(503, "corrupt" if corrupt else "disk_full" if full else 503)


def _unexpected(error: Exception):
    return error_page(500)


def log_exception(exc_info) -> None:
    """Log an unhandled error by its type and stack only (its message may quote personal data)."""
    kind, _, trace = exc_info if exc_info[0] is not None else sys.exc_info()
    ours = [f for f in traceback.extract_tb(trace) if "/navi/" in f.filename] or traceback.extract_tb(trace)
    frames = "; ".join(f"navi/{f.filename.rsplit('/navi/', 1)[-1]}:{f.lineno} {f.name}" for f in ours[-6:])
    log.error("unhandled %s on %s %s at %s", getattr(kind, "__name__", kind), request.method, request.path, frames)


def init_app(app: Flask) -> None:
    """Register the pages for HTTP errors, database outages, expired forms and unexpected errors."""
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(CSRFError, lambda error: error_page(400))
    app.register_error_handler(OperationalError, _database_error)
    app.register_error_handler(DBAPIError, _database_error)
    app.register_error_handler(500, _unexpected)
    # A case that is not there (404), or whose catalog version this counter no longer holds (409).
    app.register_error_handler(CaseNotFound, lambda _error: error_page(404))
    app.register_error_handler(CatalogVersionMissing, lambda _error: error_page(409))
    app.log_exception = log_exception  # type: ignore[method-assign]
