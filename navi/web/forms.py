"""The base of every form: WTForms' own messages in the request's language, their catalog read once per process,
and no control or invisible format character in any text a person types."""

from __future__ import annotations

from typing import ClassVar

from flask_wtf import FlaskForm
from wtforms import PasswordField, TextAreaField

from navi.domain.normalize import unsafe_characters
from navi.text.languages import babel_locale
from navi.web.i18n import current_lang
from navi.web.i18n import lazy_gettext as _l

UNSAFE_TEXT = _l("使えない文字（制御文字や、文字の向きを変える見えない文字など）が含まれています。"
                 "入力し直してください。")


class Form(FlaskForm):
    """A Flask-WTF form (CSRF-protected) whose built-in messages follow the page's language."""

    class Meta:
        # With WTF_I18N_ENABLED off, WTForms' own per-process cache of its message catalogs is used: Flask-WTF's
        # i18n reads the catalog file again on every request.
        @property
        def locales(self) -> list[str]:
            return [babel_locale(current_lang())]

    # Fields whose raw text may hold controls (a wedge scanner ends the digits with CR/LF); passwords are never shown.
    RAW_FIELDS: ClassVar[frozenset[str]] = frozenset()

    def validate(self, extra_validators=None) -> bool:
        """WTForms' validation, then every text field refused if it holds a forbidden character."""
        valid = super().validate(extra_validators)
        for field in self:
            if field.name in self.RAW_FIELDS or isinstance(field, PasswordField) or not isinstance(field.data, str):
                continue
            if unsafe_characters(field.data, multiline=isinstance(field, TextAreaField)):
                field.errors = [*field.errors, str(UNSAFE_TEXT)]
                valid = False
        return valid


class ActionForm(Form):
    """A button that changes state and needs nothing but the CSRF token (sign-out, reset, publish actions)."""
