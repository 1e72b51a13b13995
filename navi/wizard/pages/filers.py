"""The check page's questions who files (届出人) and who claims (請求者): asked only when a form of the plan
needs them (navi.domain.filers), answered with the button that makes the QR code."""

from __future__ import annotations

from navi.domain.catalog.model import Catalog
from navi.domain.filers import WhoQuestions, who_questions
from navi.domain.interview import draft_facts
from navi.domain.steps import Draft, Step
from navi.web.i18n import current_lang
from navi.web.i18n import lazy_gettext as _l
from navi.wizard import forms, labels
from navi.wizard.pages import Page, PageKind, bind

NOTIFIER_QUESTION = _l("届け出に来た人はどなたですか")
NOTIFIER_HINT = _l("選んだ方の名前が、書類の「届出人」の欄に入ります。"
                   "世帯の外の方（親族・代理人など）が届け出るときは、どなたかを選んで、窓口でお伝えください。")
MESSAGES = {"notifier": _l("届け出に来た人を選んでください"), "claimant": _l("請求者を選んでください")}


class FilersPage(PageKind):
    """Radio groups for who files and who claims, of the members who may (none when nothing needs them)."""

    kinds = ("who",)
    template = "who"

    def build(self, step: Step, draft: Draft, catalog: Catalog, formdata=None) -> Page:
        """A group per question the draft needs, filled with an earlier choice that is still offered."""
        facts = draft_facts(draft.facts, catalog)
        asked = who_questions(facts, catalog) if facts is not None else WhoQuestions()
        offered = {role: members for role, members in (("notifier", asked.notifier), ("claimant", asked.claimant))
                   if members}
        fields = {role: forms.radios(labels.member_names(draft.facts, members), str(MESSAGES[role]))
                  for role, members in offered.items()}
        form = bind(type("FilersForm", (forms.WizardForm,), fields), formdata)
        if formdata is None:
            for role, members in offered.items():
                form[role].data = draft.facts.get(role) if draft.facts.get(role) in members else None
        page = Page(step, self, form, str(_l("届け出る方")))
        if "notifier" in offered:
            page.questions.append((form["notifier"], str(NOTIFIER_QUESTION), str(NOTIFIER_HINT)))
        if "claimant" in offered and asked.claim_form is not None:
            question, lang = asked.claim_form.claimant, current_lang()
            page.questions.append((form["claimant"], question.text.get(lang),
                                   question.hint.get(lang) if question.hint else None))
        return page

    def apply(self, page: Page, draft: Draft, catalog: Catalog) -> bool:
        """Store each choice; forget one no longer asked (the household changed since)."""
        for role in ("notifier", "claimant"):
            if role in page.form:
                draft.facts[role] = page.form[role].data
            else:
                draft.facts.pop(role, None)
        return True


KINDS = (FilersPage,)
