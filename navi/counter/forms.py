"""WTForms classes of the clerk screen: sign-in, passwords, scanning, statuses, corrections, search."""

from __future__ import annotations

from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import DateField, HiddenField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.fields.core import UnboundField
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, Optional

from navi.counter.labels import PERIOD_LABELS, STATUS_LABELS
from navi.records.staff import MIN_PASSWORD_LENGTH
from navi.web.forms import Form
from navi.web.i18n import lazy_gettext as _l

MAX_PICTURE_BYTES = 8 * 1024 * 1024


class LoginForm(Form):
    """Staff sign-in."""

    username = StringField(_l("ユーザー名"), [DataRequired(message=_l("ユーザー名を入力してください")), Length(max=40)])
    password = PasswordField(_l("パスワード"), [DataRequired(message=_l("パスワードを入力してください"))])


def _new_password() -> UnboundField:
    return PasswordField(_l("新しいパスワード"), [
        DataRequired(message=_l("新しいパスワードを入力してください")),
        Length(min=MIN_PASSWORD_LENGTH, message=_l("新しいパスワードは%(min)d文字以上にしてください")),
    ])


def _new_password_again() -> UnboundField:
    return PasswordField(_l("新しいパスワード（確認）"), [
        DataRequired(message=_l("確認のため、新しいパスワードをもう一度入力してください")),
        EqualTo("new_password", message=_l("新しいパスワードが一致しません。同じパスワードを2回入力してください")),
    ])


class PasswordChangeForm(Form):
    """A signed-in member of staff changes their own password."""

    current_password = PasswordField(_l("現在のパスワード"), [
        DataRequired(message=_l("現在のパスワードを入力してください"))])
    new_password = _new_password()
    new_password_again = _new_password_again()


class PasswordResetForm(Form):
    """An admin sets a new password for a member of staff who forgot theirs."""

    new_password = _new_password()
    new_password_again = _new_password_again()


class ScanForm(Form):
    """What a keyboard-wedge scanner (or the camera script) types: the digits of one code or part."""

    RAW_FIELDS = frozenset({"digits"})  # the reader keeps only the digits of what the scanner typed

    digits = StringField(_l("QRコードの数字"), [DataRequired(message=_l("QRコードを読み取ってください"))])


class PictureForm(Form):
    """A photo or screenshot of the code, when neither scanner nor camera can read it."""

    picture = FileField(_l("QRコードの画像"), [
        FileRequired(message=_l("QRコードの画像を選んでください")),
        FileAllowed(["png", "jpg", "jpeg", "gif", "bmp", "webp"], message=_l("PNG・JPEGなどの画像を選んでください")),
        FileSize(MAX_PICTURE_BYTES, message=_l("画像は8MB以下にしてください")),
    ])


class StatusForm(Form):
    """The status of one procedure."""

    status = SelectField(_l("状況"), choices=[SelectChoice(value, label) for value, label in STATUS_LABELS.items()])


class CorrectionForm(Form):
    """A correction of one field, with the reason."""

    value = StringField(_l("修正後の値"), [Length(max=80)])
    reason = TextAreaField(_l("修正の理由"), [InputRequired(message=_l("修正の理由を入力してください")),
                                             Length(max=200, message=_l("修正の理由は200文字以内にしてください"))])


class SearchForm(Form):
    """Case search by receipt number, フリガナ and reception day (a GET form: nothing changes)."""

    class Meta:
        csrf = False

    receipt = StringField(_l("受付番号"), [Optional(), Length(max=16)])
    kana = StringField(_l("フリガナ"), [Optional(), Length(max=40)])
    day = DateField(_l("受付日"), [Optional()], format="%Y-%m-%d")


class CallForm(Form):
    """「呼び出す」 and 「不在」 at a counter: a chosen case, or (no case) the next one waiting."""

    case_id = HiddenField()


class FiguresForm(Form):
    """What the figures page sums: the period, and one office or event or all (a GET form)."""

    class Meta:
        csrf = False

    period = SelectField(_l("集計の単位"), choices=[SelectChoice(v, label) for v, label in PERIOD_LABELS.items()],
                         default="day")
    office = SelectField(_l("庁舎"), choices=[], default="")
    event = SelectField(_l("届出"), choices=[], default="")
    since = DateField(_l("集計の開始日"), [Optional()], format="%Y-%m-%d")
    until = DateField(_l("集計の終了日"), [Optional()], format="%Y-%m-%d")


def figures_form(args, offices: list[tuple[str, str]], events: list[tuple[str, str]]) -> FiguresForm:
    """The figures form with the catalog's offices and events as choices (「すべて」 first)."""
    form = FiguresForm(args)
    everything = [("", str(_l("すべて")))]
    form.office.choices = everything + offices
    form.event.choices = everything + events
    return form
