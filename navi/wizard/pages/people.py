"""Pages about the people in the household: each person's basics, who moves or whom the event is about,
attributes asked household-wide (insurance, pension, cards…), and a foreign resident's card."""

from __future__ import annotations

import datetime as dt

from navi.domain.catalog.model import Catalog
from navi.domain.steps import Draft, Step
from navi.domain.validation import birth_date_problem, head_problem, residence_card_problem
from navi.web.i18n import current_lang
from navi.web.i18n import lazy_gettext as _l
from navi.web.messages import code_text, problem_text
from navi.web.templating import office_today
from navi.wizard import forms, labels
from navi.wizard.pages import Page, PageKind, bind

# The wizard's words for a birth date the household rules refuse (navi.domain.validation), where the page can
# say more than the general message.
BIRTH_MESSAGES = {"born_after_event": _l("生年月日は届出の日付より前の日付を入力してください")}
RELATION_MESSAGES = {
    "several_heads": _l("世帯主は1人だけです。ほかの方を世帯主にしています。この方の続柄を選んでください"),
}
PERSON_FIELDS = ("family_name", "given_name", "family_name_kana", "given_name_kana", "sex", "relation")


class PersonPage(PageKind):
    """One person: 姓・名, セイ・メイ, 生年月日, 性別, 続柄."""

    kinds = ("person",)
    template = "person"

    def build(self, step: Step, draft: Draft, catalog: Catalog, formdata=None) -> Page:
        """The person's form, filled with what was entered for them."""
        index = int(step.arg)
        form = bind(forms.person_form(labels.relations(), labels.sexes()), formdata)
        member = draft.facts["members"][index]
        if formdata is None:
            for name in PERSON_FIELDS:
                if name in member:
                    form[name].data = member[name]
            forms.fill_date_group(form, "birth", member.get("birth_date"))
            if index > 0 and "family_name" not in member:
                _household_name(form, draft.facts["members"][0])
        return Page(step, self, form, str(_l("%(n)s人目の方について教えてください", n=index + 1)))

    def apply(self, page: Page, draft: Draft, catalog: Catalog) -> bool:
        """Store the person; a birth date in the future or after the event is an error on the page."""
        form = page.form
        birth = forms.read_date(form, "birth", str(_l("生年月日")))
        if birth is None:
            return False
        event_date = draft.facts.get("event_date")
        found = birth_date_problem(birth, dt.date.fromisoformat(event_date) if event_date else None, office_today())
        if found:
            form.birth_year.errors = [*form.birth_year.errors,
                                      str(BIRTH_MESSAGES.get(found.code) or problem_text(found))]
            return False
        index = int(page.step.arg)
        others = [m.get("relation", "") for i, m in enumerate(draft.facts["members"]) if i != index]
        found = head_problem(form.relation.data, others)
        if found:
            form.relation.errors = [*form.relation.errors, str(RELATION_MESSAGES[found.code])]
            return False
        member = draft.facts["members"][index]
        for name in PERSON_FIELDS:
            member[name] = form[name].data
        member["birth_date"] = birth.isoformat()
        return True


def _household_name(form, first: dict) -> None:
    """Start a later member with the household's 姓 and セイ (editable): they are typed once."""
    form.family_name.data = first.get("family_name")
    form.family_name_kana.data = first.get("family_name_kana")


class MembersPage(PageKind):
    """Choose members: who moves (any number), or whom the event is about (one)."""

    kinds = ("moving", "subject")
    template = "members"

    def build(self, step: Step, draft: Draft, catalog: Catalog, formdata=None) -> Page:
        """Checkboxes for the movers, radio buttons for the subject."""
        names = labels.member_names(draft.facts, step.members)
        members = draft.facts["members"]
        if step.kind == "subject":
            event = catalog.event(draft.facts["event"])
            asked = event.subject_label.get(current_lang()) if event.subject_label else None
            title = asked or str(_l("対象の方を選んでください"))
            several = event.several_subjects  # twins; a couple who both leave their jobs
            title = str(_l("%(question)s（複数可）", question=title)) if several else title
            form = bind(forms.members_form(names, multiple=several, message=title), formdata)
            if formdata is None:
                chosen = [m["id"] for m in members if m.get("subject")]
                form.value.data = chosen if several else next(iter(chosen), None)
            return Page(step, self, form, title)
        title = str(_l("この中で引越しをする方を選んでください"))
        form = bind(forms.members_form(names, multiple=True, message=title), formdata)
        if formdata is None:
            form.value.data = [m["id"] for m in members if m.get("moving", True)]
        return Page(step, self, form, title)

    def apply(self, page: Page, draft: Draft, catalog: Catalog) -> bool:
        """Mark the chosen members (`moving` or `subject`), and unmark the others the page asked about;
        a move of nobody is an error here, where it is fixed."""
        if page.step.kind == "moving" and not page.form.value.data:
            page.form.value.errors = [*page.form.value.errors, code_text("no_moving_member")]
            return False
        return choose_members(page, draft, page.step.kind)


def choose_members(page: Page, draft: Draft, fact: str) -> bool:
    """Set `fact` true for the members chosen on the page and false for the others it asked about."""
    chosen = page.form.value.data
    chosen = set(chosen) if isinstance(chosen, list) else {chosen}
    for member in draft.facts["members"]:
        if member["id"] in page.step.members:
            member[fact] = member["id"] in chosen
    return True


class AttributePage(PageKind):
    """A member attribute asked household-wide: who has one (checkboxes), or each one's value (selects)."""

    kinds = ("attr",)
    template = "members"

    def build(self, step: Step, draft: Draft, catalog: Catalog, formdata=None) -> Page:
        """Checkboxes for a yes/no attribute, one select per member for a choice."""
        fact = step.arg
        names = labels.member_names(draft.facts, step.members)
        title, hint = labels.attribute_question(fact)
        values = labels.attribute_values(fact)
        members = {m["id"]: m for m in draft.facts["members"]}
        if values is None:
            form = bind(forms.members_form(names, multiple=True, message=title), formdata)
            if formdata is None:
                form.value.data = [mid for mid, _ in names if members[mid].get(fact)]
            return Page(step, YES_NO_ATTRIBUTE, form, title, hint)
        form = bind(forms.per_member_select_form(names, values, str(_l("それぞれの方について選んでください"))),
                    formdata)
        if formdata is None:
            for member_id, _ in names:
                form[f"m_{member_id}"].data = members[member_id].get(fact, "")
        return Page(step, CHOICE_ATTRIBUTE, form, title, hint)


class YesNoAttribute(AttributePage):
    """An attribute some members have (a My Number card, a disability handbook…): checkboxes."""

    template = "members"

    def apply(self, page: Page, draft: Draft, catalog: Catalog) -> bool:
        """Mark the chosen members."""
        return choose_members(page, draft, page.step.arg)


class ChoiceAttribute(AttributePage):
    """An attribute every member has a value of (insurance, pension, care level): one select each."""

    template = "per_member"

    def apply(self, page: Page, draft: Draft, catalog: Catalog) -> bool:
        """Store each member's value."""
        for member in draft.facts["members"]:
            if member["id"] in page.step.members:
                member[page.step.arg] = page.form[f"m_{member['id']}"].data
        return True


YES_NO_ATTRIBUTE, CHOICE_ATTRIBUTE = YesNoAttribute(), ChoiceAttribute()


class FlagsPage(PageKind):
    """Yes/no attributes of several people on one page: for each person, checkboxes for what applies."""

    kinds = ("flags",)
    template = "flags"

    def build(self, step: Step, draft: Draft, catalog: Catalog, formdata=None) -> Page:
        """One group of checkboxes per person, only with the attributes that matter for them."""
        asked: dict[str, list[str]] = {}
        for pair in step.members:
            fact, member_id = pair.split("/", 1)
            asked.setdefault(member_id, []).append(fact)
        names = dict(labels.member_names(draft.facts, tuple(asked)))
        fields = {f"m_{member_id}": forms.checkboxes([(f, labels.flag_label(f)) for f in facts])
                  for member_id, facts in asked.items()}
        form = bind(type("FlagsForm", (forms.WizardForm,), fields), formdata)
        members = {m["id"]: m for m in draft.facts["members"]}
        if formdata is None:
            for member_id, facts in asked.items():
                form[f"m_{member_id}"].data = [f for f in facts if members[member_id].get(f)]
        page = Page(step, self, form, str(_l("当てはまるものを選んでください")),
                    str(_l("当てはまらなければ、何も選ばずに次へ進んでください。")))
        page.questions = [(form[f"m_{member_id}"], names[member_id], None) for member_id in asked]
        return page

    def apply(self, page: Page, draft: Draft, catalog: Catalog) -> bool:
        """Set each asked attribute of each person, and mark each answered."""
        members = {m["id"]: m for m in draft.facts["members"]}
        for pair in page.step.members:
            fact, member_id = pair.split("/", 1)
            members[member_id][fact] = fact in (page.form[f"m_{member_id}"].data or [])
            draft.done.add(f"flag-{pair}")
        return True


class ForeignPage(PageKind):
    """A foreign resident's 国籍・在留資格・在留カード番号・在留期間."""

    kinds = ("foreign",)
    template = "foreign"

    def build(self, step: Step, draft: Draft, catalog: Catalog, formdata=None) -> Page:
        """The residence-card form for one member."""
        form = bind(forms.foreign_form(labels.countries()), formdata)
        member = _member(draft, step.arg)
        if formdata is None:
            for name in ("nationality", "residence_status", "residence_card_number"):
                form[name].data = member.get(name)
            forms.fill_date_group(form, "stay", member.get("period_of_stay_until"))
        name = f"{member.get('family_name', '')} {member.get('given_name', '')}".strip()
        return Page(step, self, form, str(_l("%(name)sさんの在留カードの内容を入力してください", name=name)))

    def apply(self, page: Page, draft: Draft, catalog: Catalog) -> bool:
        """Store the card's details; a card number of the wrong shape is an error on the page."""
        form = page.form
        until = forms.read_date(form, "stay", str(_l("在留期間の満了日")))
        card = forms.normalize.text(form.residence_card_number.data).upper()
        found = residence_card_problem(card)
        if found:
            form.residence_card_number.errors = [*form.residence_card_number.errors, problem_text(found)]
            return False
        if until is None:
            return False
        _member(draft, page.step.arg).update(
            nationality=form.nationality.data, residence_status=form.residence_status.data,
            residence_card_number=card, period_of_stay_until=until.isoformat())
        return True


def _member(draft: Draft, member_id: str) -> dict:
    return next(m for m in draft.facts["members"] if m["id"] == member_id)


KINDS = (PersonPage, MembersPage, AttributePage, FlagsPage, ForeignPage)
