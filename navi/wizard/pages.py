"""Each kind of wizard page: the form it shows, how it shows the draft, and how an answer updates the draft."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from navi.domain import household_rules as rules
from navi.domain.catalog.model import Catalog
from navi.domain.interview import Step, member_template
from navi.web.messages import problem_text
from navi.wizard import choices, forms
from navi.wizard.addresses import apply_address, fill_address


@dataclass
class Page:
    """A page ready to render or to take an answer."""

    step: Step
    kind: str
    form: Any
    title: str
    hint: str | None = None


def _lang() -> str:
    from flask_babel import get_locale

    return str(get_locale() or "ja")


def build(step: Step, draft: dict[str, Any], catalog: Catalog, formdata=None) -> Page:
    """The page for a step, its form bound to `formdata` (a POST) or filled from the draft."""
    kind, _, arg = step.id.partition("-")
    builder = BUILDERS[kind]
    page = builder(step, arg, draft, catalog, formdata)
    return page


def _bind(form_class: type, formdata) -> Any:
    return form_class(formdata=formdata) if formdata is not None else form_class(formdata=None)


def _event(step, arg, draft, catalog, formdata) -> Page:
    lang = _lang()
    options = [(e.id, e.title.get(lang)) for e in catalog.events]
    form = _bind(forms.choice_form(options, str(_l("ライフイベントを選んでください"))), formdata)
    if formdata is None:
        form.value.data = draft.get("event")
    return Page(step, "choice", form, str(_l("どの手続をしますか")))


def _office(step, arg, draft, catalog, formdata) -> Page:
    options = [(o.id, o.name.get(_lang())) for o in catalog.offices]
    form = _bind(forms.choice_form(options, str(_l("行く庁舎を選んでください"))), formdata)
    if formdata is None:
        form.value.data = draft.get("office")
    return Page(step, "choice", form, str(_l("どの区役所・総合出張所で手続をしますか")))


def _date(step, arg, draft, catalog, formdata) -> Page:
    form = _bind(forms.date_form(), formdata)
    if formdata is None:
        forms.fill_date_group(form, "date", draft.get("event_date"))
    event = catalog.event(draft["event"])
    title = event.date_label.get(_lang()) if event.date_label else str(_l("届出の日付"))
    return Page(step, "date", form, title)


def _count(step, arg, draft, catalog, formdata) -> Page:
    form = _bind(forms.CountForm, formdata)
    if formdata is None and draft.get("members"):
        form.count.data = len(draft["members"])
    return Page(step, "count", form, str(_l("何人分の手続をしますか")),
                str(_l("届出をする方ご自身を含めて、手続に関係する世帯の方の人数を入力してください。")))


def _person(step, arg, draft, catalog, formdata) -> Page:
    index = int(arg)
    form = _bind(forms.person_form(choices.relations(), choices.sexes()), formdata)
    member = draft["members"][index]
    if formdata is None:
        for name in ("family_name", "given_name", "family_name_kana", "given_name_kana", "sex", "relation"):
            if name in member:
                form[name].data = member[name]
        forms.fill_date_group(form, "birth", member.get("birth_date"))
        if index == 0 and "relation" not in member:
            form.relation.data = "head"
    title = str(_l("%(n)s人目の方について教えてください", n=index + 1))
    return Page(step, "person", form, title)


def _members(step, arg, draft, catalog, formdata) -> Page:
    names = choices.member_names(draft, step.members)
    event = catalog.event(draft["event"])
    lang = _lang()
    if step.id == "subject":
        title = event.subject_label.get(lang) if event.subject_label else str(_l("対象の方を選んでください"))
        several = event.several_subjects  # twins; a couple who both leave their jobs
        title = str(_l("%(question)s（複数可）", question=title)) if several else title
        form = _bind(forms.members_form(names, multiple=several, message=title), formdata)
        if formdata is None:
            chosen = [m["id"] for m in draft["members"] if m.get("subject")]
            form.value.data = chosen if several else next(iter(chosen), None)
        return Page(step, "members", form, title)
    title = str(_l("この中で引越しをする方を選んでください"))
    form = _bind(forms.members_form(names, multiple=True, message=title), formdata)
    if formdata is None:
        form.value.data = [m["id"] for m in draft["members"] if m.get("moving", True)]
    return Page(step, "members", form, title)


def _attribute(step, arg, draft, catalog, formdata) -> Page:
    names = choices.member_names(draft, step.members)
    title, hint = choices.attribute_question(arg)
    values = choices.attribute_values(arg)
    members = {m["id"]: m for m in draft["members"]}
    if values is None:
        form = _bind(forms.members_form(names, multiple=True, message=title), formdata)
        if formdata is None:
            form.value.data = [mid for mid, _ in names if members[mid].get(arg)]
        return Page(step, "members", form, title, hint)
    form = _bind(forms.per_member_select_form(names, values, str(_l("それぞれの方について選んでください"))), formdata)
    if formdata is None:
        for member_id, _ in names:
            form[f"m_{member_id}"].data = members[member_id].get(arg, "")
    return Page(step, "per_member", form, title, hint)


def _foreign(step, arg, draft, catalog, formdata) -> Page:
    form = _bind(forms.foreign_form(choices.countries()), formdata)
    member = next(m for m in draft["members"] if m["id"] == arg)
    if formdata is None:
        for name in ("nationality", "residence_status", "residence_card_number"):
            form[name].data = member.get(name)
        forms.fill_date_group(form, "stay", member.get("period_of_stay_until"))
    name = f"{member.get('family_name', '')} {member.get('given_name', '')}".strip()
    return Page(step, "foreign", form, str(_l("%(name)sさんの在留カードの内容を入力してください", name=name)))


def _question(step, arg, draft, catalog, formdata) -> Page:
    question = next(q for q in catalog.questions if q.id == arg)
    lang = _lang()
    options = choices.question_choices(question, lang)
    message = str(_l("「%(question)s」に答えてください", question=question.text.get(lang)))
    form = _bind(forms.question_form(question.kind, options, message), formdata)
    if formdata is None and arg in draft.get("answers", {}):
        form.value.data = choices.answer_to_form(draft["answers"][arg])
    return Page(step, "question", form, question.text.get(lang), question.hint.get(lang) if question.hint else None)


def _address(step, arg, draft, catalog, formdata) -> Page:
    form = _bind(forms.address_form(choices.countries(japan_first=True)), formdata)
    if formdata is None:
        fill_address(form, draft.get(arg))
    titles = {"from_address": _l("引越し前の住所を入力してください"),
              "to_address": _l("引越し先の住所を入力してください"),
              "address": _l("今の住所を入力してください")}
    return Page(step, "address", form, str(titles[arg]),
                str(_l("郵便番号を入力して「住所を検索」を押すと、住所が入ります。入った住所は直せます。")))


def _phone(step, arg, draft, catalog, formdata) -> Page:
    form = _bind(forms.PhoneForm, formdata)
    if formdata is None:
        form.phone.data = draft.get("phone")
    return Page(step, "phone", form, str(_l("日中に連絡がとれる電話番号を入力してください")),
                str(_l("書類に記入します。なければ空欄のまま次へ進んでください。例: 096-123-4567")))


BUILDERS = {
    "event": _event, "office": _office, "date": _date, "count": _count, "person": _person,
    "moving": _members, "subject": _members, "attr": _attribute, "foreign": _foreign, "q": _question,
    "address": _address, "phone": _phone,
}


def apply(page: Page, draft: dict[str, Any], catalog: Catalog) -> bool:
    """Copy a validated answer into the draft; False (with errors on the form) if it doesn't fit."""
    kind, _, arg = page.step.id.partition("-")
    return APPLIERS[kind](page, arg, draft, catalog)


def _apply_value(page, arg, draft, catalog) -> bool:
    key = "event" if page.step.id == "event" else "office"
    if key == "event" and draft.get("event") not in (None, page.form.value.data):
        # Another event asks other questions: start over, keeping only where the resident is.
        office, done = draft.get("office"), [d for d in draft.get("done", []) if d == "office"]
        draft.clear()
        draft.update(office=office, done=done)
    draft[key] = page.form.value.data
    return True


def _apply_date(page, arg, draft, catalog) -> bool:
    day = forms.read_date(page.form, "date", page.title)
    if day is None:
        return False
    # The household rules every entry path shares (navi.domain.household_rules): a date the office can act on.
    found = rules.event_date_problems(day, dt.date.today())
    if found:
        page.form.date_year.errors = [*page.form.date_year.errors, problem_text(found[0])]
        return False
    draft["event_date"] = day.isoformat()
    return True


def _apply_count(page, arg, draft, catalog) -> bool:
    count = page.form.count.data
    members = draft.get("members", [])[:count]
    members += [member_template(i) for i in range(len(members), count)]
    draft["members"] = members
    draft["done"] = [d for d in draft.get("done", []) if not d.startswith("person-") or int(d[7:]) < count]
    return True


def _apply_person(page, arg, draft, catalog) -> bool:
    form = page.form
    birth = forms.read_date(form, "birth", str(_l("生年月日")))
    if birth is None:
        return False
    if birth > dt.date.today():
        form.birth_year.errors = [*form.birth_year.errors, str(_l("生年月日に未来の日付は入力できません"))]
        return False
    found = rules.birth_date_problems(birth, None, "birth_date")
    if found:
        form.birth_year.errors = [*form.birth_year.errors, problem_text(found[0])]
        return False
    if draft.get("event_date") and birth.isoformat() > draft["event_date"]:
        form.birth_year.errors = [*form.birth_year.errors,
                                  str(_l("生年月日は届出の日付より前の日付を入力してください"))]
        return False
    member = draft["members"][int(arg)]
    for name in ("family_name", "given_name", "family_name_kana", "given_name_kana", "sex", "relation"):
        member[name] = form[name].data
    member["birth_date"] = birth.isoformat()
    return True


def _apply_members(page, arg, draft, catalog) -> bool:
    chosen = page.form.value.data
    chosen = set(chosen) if isinstance(chosen, list) else {chosen}
    fact = {"subject": "subject", "moving": "moving"}.get(page.step.id, arg)
    for member in draft["members"]:
        if member["id"] in page.step.members:
            member[fact] = member["id"] in chosen
    return True


def _apply_per_member(page, arg, draft, catalog) -> bool:
    if page.kind == "members":
        return _apply_members(page, arg, draft, catalog)
    for member in draft["members"]:
        if member["id"] in page.step.members:
            member[arg] = page.form[f"m_{member['id']}"].data
    return True


def _apply_foreign(page, arg, draft, catalog) -> bool:
    form = page.form
    until = forms.read_date(form, "stay", str(_l("在留期間の満了日")))
    card = forms.normalize.text(form.residence_card_number.data).upper()
    if not forms.RESIDENCE_CARD.match(card):
        form.residence_card_number.errors = [*form.residence_card_number.errors, str(
            _l("在留カード番号は英字2文字・数字8桁・英字2文字の12文字で入力してください"))]
        return False
    if until is None:
        return False
    member = next(m for m in draft["members"] if m["id"] == arg)
    member.update(nationality=form.nationality.data, residence_status=form.residence_status.data,
                  residence_card_number=card, period_of_stay_until=until.isoformat())
    return True


def _apply_question(page, arg, draft, catalog) -> bool:
    draft.setdefault("answers", {})[arg] = choices.answer_from_form(page.form.value.data)
    return True


def _apply_phone(page, arg, draft, catalog) -> bool:
    draft["phone"] = page.form.phone.data or None
    return True


APPLIERS = {
    "event": _apply_value, "office": _apply_value, "date": _apply_date, "count": _apply_count,
    "person": _apply_person, "moving": _apply_members, "subject": _apply_members, "attr": _apply_per_member,
    "foreign": _apply_foreign, "q": _apply_question, "address": apply_address, "phone": _apply_phone,
}
