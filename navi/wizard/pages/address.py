"""The address page: 郵便番号 lookup fills the address, which stays editable."""

from __future__ import annotations

from typing import Any

from flask import request

from navi.domain.catalog.model import Catalog
from navi.domain.interview import country_is_asked, phone_address
from navi.domain.postal import lookup
from navi.domain.steps import Draft, Step
from navi.web.i18n import lazy_gettext as _l
from navi.wizard import forms, labels
from navi.wizard.pages import Page, PageKind, bind

PARTS = ("postal_code", "prefecture", "city", "street", "building")
TITLES = {"from_address": _l("引越し前の住所を入力してください"), "to_address": _l("引越し先の住所を入力してください"),
          "address": _l("今の住所を入力してください")}


def fill_address(form: Any, address: dict[str, Any] | None) -> None:
    """Show a stored address in the form."""
    if not address:
        return
    form.country.data = address.get("country", "JP")
    for name in PARTS:
        form[name].data = address.get(name) or ""


def _error(field, message) -> bool:
    field.errors = [*field.errors, str(message)]
    return False


def _looked_up(form, *, overwrite: bool) -> bool:
    """Check the postal code and fill 都道府県・市区町村・町域 from it (only empty parts unless `overwrite`)."""
    code = form.postal_code.data or ""
    if len(code) != 7:
        return _error(form.postal_code, _l("郵便番号を7桁の数字で入力してください"))
    area = lookup(code)
    if area is None:
        message = _l("郵便番号「%(code)s」は見つかりません。確かめてもう一度入力してください", code=code)
        return _error(form.postal_code, message)
    for name, value in (("prefecture", area.prefecture), ("city", area.city), ("street", area.town)):
        current = form[name].data or ""
        # Keep a typed 番地 that already follows the town name.
        if not current or (overwrite and not (name == "street" and current.startswith(value))):
            form[name].data = value
    return True


def _store_phone(form, draft: Draft) -> None:
    if "phone" in form:
        draft.facts["phone"] = form.phone.data or None


class AddressPage(PageKind):
    """An address (before or after a move, or the household's): 郵便番号 fills the rest; abroad is one line."""

    kinds = ("address",)
    template = "address"

    def build(self, step: Step, draft: Draft, catalog: Catalog, formdata=None) -> Page:
        """The address form, filled with the stored address."""
        with_phone = phone_address(catalog, draft.facts["event"]) == step.arg
        form = bind(forms.address_form(labels.countries(japan_first=True), with_phone=with_phone), formdata)
        if formdata is None:
            fill_address(form, draft.facts.get(step.arg))
            if with_phone:
                form.phone.data = draft.facts.get("phone")
        if not country_is_asked(draft.facts["event"], step.arg):
            del form.country  # this address is in the city: the event fixes its country
        return Page(step, self, form, str(TITLES[step.arg]),
                    str(_l("郵便番号を入力して「住所を検索」を押すと、住所が入ります。入った住所は直せます。")))

    def apply(self, page: Page, draft: Draft, catalog: Catalog) -> bool:
        """Store the address; the 「住所を検索」 button only fills the form and stays on the page."""
        form = page.form
        if "country" in form and form.country.data != "JP":
            if not form.street.data:
                return _error(form.street, _l("住所を入力してください"))
            draft.facts[page.step.arg] = {"country": form.country.data, "street": form.street.data,
                                          "building": form.building.data}
            _store_phone(form, draft)
            return True
        lookup_only = request.form.get("action") == "lookup"
        if not _looked_up(form, overwrite=lookup_only) or lookup_only:
            return False
        for name, label in (("prefecture", _l("都道府県")), ("city", _l("市区町村")), ("street", _l("町名・番地"))):
            if not form[name].data:
                return _error(form[name], _l("%(label)sを入力してください", label=label))
        address = {name: form[name].data for name in PARTS if form[name].data}
        draft.facts[page.step.arg] = {**address, "country": "JP"}
        _store_phone(form, draft)
        return True
