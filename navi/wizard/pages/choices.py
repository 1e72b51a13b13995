"""Pages that ask one thing of the household: the life event, the office, the date, how many people, event
questions."""

from __future__ import annotations

import datetime as dt

from navi.domain.catalog.model import Catalog
from navi.domain.interview import member_template
from navi.domain.steps import Draft, Step
from navi.domain.validation import event_date_problem
from navi.web import questions
from navi.web.i18n import current_lang
from navi.web.i18n import lazy_gettext as _l
from navi.web.messages import problem_text
from navi.wizard import forms
from navi.wizard.pages import Page, PageKind, bind


class EventPage(PageKind):
    """Which life event brings the resident (another event clears the answers given so far)."""

    kinds = ("event",)
    template = "choice"

    def build(self, step: Step, draft: Draft, catalog: Catalog, formdata=None) -> Page:
        """The events of the catalog as radio buttons."""
        options = [(e.id, e.title.get(current_lang())) for e in catalog.events]
        form = bind(forms.choice_form(options, str(_l("当てはまるものを1つ選んでください"))), formdata)
        if formdata is None:
            form.value.data = draft.facts.get("event")
        return Page(step, self, form, str(_l("何がありましたか")))

    def apply(self, page: Page, draft: Draft, catalog: Catalog) -> bool:
        """Another event asks other questions: start over, keeping only where the resident is."""
        if draft.facts.get("event") not in (None, page.form.value.data):
            draft.restart(keep_office=True)
        draft.facts["event"] = page.form.value.data
        return True


class OfficePage(PageKind):
    """Which ward office or branch the resident is at (asked on the public web, where no tablet says it)."""

    kinds = ("office",)
    template = "choice"

    def build(self, step: Step, draft: Draft, catalog: Catalog, formdata=None) -> Page:
        """The offices of the catalog as radio buttons."""
        options = [(o.id, o.name.get(current_lang())) for o in catalog.offices]
        form = bind(forms.choice_form(options, str(_l("行く庁舎を選んでください"))), formdata)
        if formdata is None:
            form.value.data = draft.facts.get("office")
        return Page(step, self, form, str(_l("どの区役所・総合出張所で手続をしますか")))

    def apply(self, page: Page, draft: Draft, catalog: Catalog) -> bool:
        """Store the office."""
        draft.facts["office"] = page.form.value.data
        return True


class DatePage(PageKind):
    """The day of the event (the move, the birth, the death…), in 和暦 or 西暦."""

    kinds = ("date",)
    template = "date"

    def build(self, step: Step, draft: Draft, catalog: Catalog, formdata=None) -> Page:
        """The date group, titled as the event asks it."""
        form = bind(forms.date_form(), formdata)
        if formdata is None:
            forms.fill_date_group(form, "date", draft.facts.get("event_date"))
        event = catalog.event(draft.facts["event"])
        title = event.date_label.get(current_lang()) if event.date_label else str(_l("届出の日付"))
        return Page(step, self, form, title)

    def apply(self, page: Page, draft: Draft, catalog: Catalog) -> bool:
        """Store the date as ISO; a date that does not exist is an error on the page."""
        day = forms.read_date(page.form, "date", page.title)
        if day is None:
            return False
        # The household rules every entry path shares (navi.domain.household_rules): a date the office can act on.
        found = event_date_problem(day, dt.date.today())
        if found:
            page.form.date_year.errors = [*page.form.date_year.errors, problem_text(found)]
            return False
        draft.facts["event_date"] = day.isoformat()
        return True


class CountPage(PageKind):
    """How many people the procedures are for."""

    kinds = ("count",)
    template = "count"

    def build(self, step: Step, draft: Draft, catalog: Catalog, formdata=None) -> Page:
        """A number field, filled with the household entered so far."""
        form = bind(forms.CountForm, formdata)
        if formdata is None and draft.facts.get("members"):
            form.count.data = len(draft.facts["members"])
        hint = (_l("亡くなった方も含めて、手続に関係する世帯の方の人数を入力してください。")
                if draft.facts.get("event") == "death"
                else _l("届出をする方ご自身を含めて、手続に関係する世帯の方の人数を入力してください。"))
        return Page(step, self, form, str(_l("何人分の手続をしますか")), str(hint))

    def apply(self, page: Page, draft: Draft, catalog: Catalog) -> bool:
        """Keep the people entered so far (up to the new count) and add empty ones."""
        count = page.form.count.data
        members = draft.facts.get("members", [])[:count]
        members += [member_template(i) for i in range(len(members), count)]
        draft.facts["members"] = members
        draft.done = {d for d in draft.done if not d.startswith("person-") or int(d[7:]) < count}
        return True


class QuestionPage(PageKind):
    """One of the event's questions from the catalog (はい・いいえ, a choice, a number or a text)."""

    kinds = ("q",)
    template = "question"

    def build(self, step: Step, draft: Draft, catalog: Catalog, formdata=None) -> Page:
        """The question's form, built from its catalog definition."""
        question = catalog.question(step.arg)
        lang = current_lang()
        form = bind(questions.question_form(question, lang, forms.WizardForm), formdata)
        answers = draft.facts.get("answers", {})
        if formdata is None and step.arg in answers:
            form.value.data = questions.answer_to_form(answers[step.arg])
        return Page(step, self, form, question.text.get(lang), question.hint.get(lang) if question.hint else None)

    def apply(self, page: Page, draft: Draft, catalog: Catalog) -> bool:
        """Store the answer under the question's id."""
        draft.facts.setdefault("answers", {})[page.step.arg] = questions.answer_from_form(page.form.value.data)
        return True


class QuestionsPage(PageKind):
    """Several of the event's questions answered by a choice, each its own group of radio buttons, on one page
    (the interview puts them together when none decides whether another is asked)."""

    kinds = ("qs",)
    template = "questions"

    def build(self, step: Step, draft: Draft, catalog: Catalog, formdata=None) -> Page:
        """One radio group per question, named `q_<id>`, filled with earlier answers."""
        lang = current_lang()
        asked = [catalog.question(question_id) for question_id in step.arg.split("+")]
        fields = {f"q_{q.id}": questions.question_form(q, lang, forms.WizardForm).value for q in asked}
        form = bind(type("QuestionsForm", (forms.WizardForm,), fields), formdata)
        answers = draft.facts.get("answers", {})
        if formdata is None:
            for q in asked:
                if q.id in answers:
                    form[f"q_{q.id}"].data = questions.answer_to_form(answers[q.id])
        page = Page(step, self, form, str(_l("次の質問に答えてください")))
        page.questions = [(form[f"q_{q.id}"], q.text.get(lang), q.hint.get(lang) if q.hint else None)
                          for q in asked]
        return page

    def apply(self, page: Page, draft: Draft, catalog: Catalog) -> bool:
        """Store each answer under its question's id, and mark each question answered."""
        stored = draft.facts.setdefault("answers", {})
        for question_id in page.step.arg.split("+"):
            stored[question_id] = questions.answer_from_form(page.form[f"q_{question_id}"].data)
            draft.done.add(f"q-{question_id}")
        return True


KINDS = (EventPage, OfficePage, DatePage, CountPage, QuestionPage, QuestionsPage)
