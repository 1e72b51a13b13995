"""The base of every form: WTForms' own messages in the request's language, their catalog read once per process."""

from __future__ import annotations

from flask_wtf import FlaskForm

from navi.web.i18n import current_lang


class Form(FlaskForm):
    """A Flask-WTF form (CSRF-protected) whose built-in messages follow the page's language."""

    class Meta:
        # With WTF_I18N_ENABLED off, WTForms' own per-process cache of its message catalogs is used: Flask-WTF's
        # i18n reads the catalog file again on every request.
        @property
        def locales(self) -> list[str]:
            return [current_lang()]


class ActionForm(Form):
    """A button that changes state and needs nothing but the CSRF token (sign-out, reset, publish actions)."""
