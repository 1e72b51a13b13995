"""The resident's pages: thin views that read the draft, call the interview and the planner, and render."""

from __future__ import annotations

from flask import abort, current_app, g, redirect, render_template, request, session, url_for

from navi.domain import interview
from navi.domain.facts import Facts
from navi.domain.planner import plan_for
from navi.domain.steps import Draft, Step
from navi.domain.validation import FactsInvalid, parse_facts
from navi.payload.keys import KeysError
from navi.pdf import render_route_slip
from navi.records import draft_store as store
from navi.records.cases import create_case_from_facts
from navi.text.languages import RUBY_LANGUAGES
from navi.text.ruby import resident_words
from navi.web.downloads import file_response
from navi.web.extensions import catalog, db
from navi.web.i18n import current_lang
from navi.web.staff_auth import assisting_clerk
from navi.web.templating import office_zone
from navi.wizard import pages, presenters
from navi.wizard.forms import ConfirmForm

TOKEN = "wizard_token"  # noqa: S105 (the session key name, not a secret)


def personal_device() -> bool:
    """Pre-entry on the resident's own phone (a setting): the result stays until they end it."""
    return current_app.config.get("KIOSK_DEVICE") == "personal"


def _idle() -> int:
    return current_app.config["PERSONAL_IDLE_SECONDS" if personal_device() else "KIOSK_IDLE_SECONDS"]


def idle_settings() -> dict:
    """The idle limit every wizard page's timer counts (the dialog counts down its last seconds)."""
    return {"idle_seconds": _idle(), "personal_device": personal_device()}


def _ask_office() -> bool:
    return not current_app.config.get("KIOSK_OFFICE")


def _steps(draft: Draft) -> list[Step]:
    return interview.steps(draft, catalog(), ask_office=_ask_office())


def _draft() -> Draft | None:
    loaded = store.load(db(), session.get(TOKEN))
    if loaded is None:
        session.pop(TOKEN, None)
        return None
    g.draft_expires_at = loaded.expires_at
    if current_lang() in RUBY_LANGUAGES:  # the only pages that add readings, and so leave these words alone
        g.resident_words = resident_words(loaded.draft.get("facts", {}))
    return Draft.from_data(loaded.draft)


def _save(draft: Draft) -> None:
    store.save(db(), session[TOKEN], draft.to_data(), _idle())


def start():
    """Start page: what the service does, how long it takes, what to have at hand."""
    minutes = max(_idle() // 60, 1)
    helping = assisting_clerk() if request.args.get("assisted") else None
    return render_template("wizard/start.html", catalog=catalog(), idle_minutes=minutes, form=ConfirmForm(),
                           wiped=request.args.get("wiped"), assisted=helping is not None)


def begin():
    """Start a fresh session (erasing any earlier one) and go to the first question."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        return redirect(url_for("wizard.start"))
    store.wipe(db(), session.pop(TOKEN, None))
    session[TOKEN] = store.new_token()
    draft = Draft({"office": current_app.config.get("KIOSK_OFFICE") or None},
                  assisted=bool(request.form.get("assisted")) and assisting_clerk() is not None)
    _save(draft)
    return redirect(url_for("wizard.step", step_id="event"))


def step(step_id: str):
    """One question page; a valid answer goes to the next unanswered page (or back to the check page)."""
    draft = _draft()
    if draft is None:
        return redirect(url_for("wizard.start"))
    steps = _steps(draft)
    by_id = {s.id: s for s in steps}
    if step_id not in by_id or step_id == "check":
        return redirect(url_for("wizard.step", step_id=interview.next_step(draft, steps).id))
    page = pages.build(by_id[step_id], draft, catalog(), request.form if request.method == "POST" else None)
    if request.method == "POST" and page.form.validate() and pages.apply(page, draft, catalog()):
        draft.done.add(step_id)
        _save(draft)
        return redirect(_after(draft))
    # Showing a page changes nothing: only move the expiry on (a write) when it is not already fresh.
    store.touch(db(), session[TOKEN], _idle(), slack_seconds=store.STILL_FRESH_SECONDS,
                expires_at=g.draft_expires_at)
    return render_template("wizard/question.html", page=page, back=_back(steps, step_id),
                           returning=request.args.get("return") == "check")


def _after(draft: Draft) -> str:
    following = interview.next_step(draft, _steps(draft))
    if request.args.get("return") == "check" and following.id != "check":
        return url_for("wizard.step", step_id=following.id, **{"return": "check"})
    return url_for("wizard.check") if following.id == "check" else url_for("wizard.step", step_id=following.id)


def _back(steps: list[Step], step_id: str) -> str:
    ids = [s.id for s in steps]
    index = ids.index(step_id)
    return url_for("wizard.start") if index == 0 else url_for("wizard.step", step_id=ids[index - 1])


def check():
    """Check answers, grouped by topic and person, with 「変更」 links; the button makes the QR code."""
    draft = _draft()
    if draft is None:
        return redirect(url_for("wizard.start"))
    following = interview.next_step(draft, _steps(draft))
    if following.id != "check":
        return redirect(url_for("wizard.step", step_id=following.id))
    # Who files and who claims are asked here, when a form needs them: the button answers them too.
    who = pages.build(Step("who"), draft, catalog(), request.form if request.method == "POST" else None)
    problems = {}
    if request.method == "POST" and who.form.validate() and pages.apply(who, draft, catalog()):
        _save(draft)
        try:
            parse_facts(interview.complete_facts(draft.facts, catalog()), catalog())
        except FactsInvalid as invalid:
            problems = presenters.problem_links(invalid.problems, draft, catalog())
        else:
            return _confirmed(draft)
    return render_template("wizard/check.html", rows=presenters.summary(draft, catalog()), who=who,
                           assisted=draft.assisted, problems=problems)


def _confirmed(draft: Draft):
    """Every answer holds together: make the case (assisted) or show the result with its QR code."""
    if draft.assisted:
        return _finish_assisted(draft)
    draft.confirmed = True
    _save(draft)
    return redirect(url_for("wizard.result"))


def _finish_assisted(draft: Draft):
    """The clerk confirmed: make the case, erase the draft, and open the case at the counter."""
    clerk = assisting_clerk()
    if clerk is None:
        return redirect(url_for("counter.login", next=url_for("wizard.check")))
    facts = parse_facts(interview.complete_facts(draft.facts, catalog()), catalog())
    case_id = create_case_from_facts(db(), facts, catalog(), clerk, source="assisted", zone=office_zone()).id
    store.wipe(db(), session.pop(TOKEN, None))
    return redirect(url_for("counter.case_detail", case_id=case_id))


def confirmed_facts() -> Facts | None:
    """The facts of a session whose answers the resident confirmed, or None (send them to the start)."""
    draft = _draft()
    if draft is None or not draft.confirmed:
        return None
    try:
        return parse_facts(interview.complete_facts(draft.facts, catalog()), catalog())
    except FactsInvalid:
        abort(409)


def result():
    """The plan in visiting order, the QR code and what happens next."""
    facts = confirmed_facts()
    if facts is None:
        return redirect(url_for("wizard.start"))
    plan = plan_for(facts, catalog(), current_lang())
    try:
        codes = presenters.codes_for(facts, catalog(), current_app.config["KEYS_DIR"], to_save=personal_device())
    except KeysError:
        current_app.logger.error("kiosk has no usable public key in %s", current_app.config["KEYS_DIR"])
        codes = []
    return render_template("wizard/result.html", plan=plan, facts=facts, codes=codes, form=ConfirmForm(),
                           catalog=catalog())



def keepalive():
    """The resident tapped 「続ける」: extend the session (204), or 410 when it is already gone."""
    form = ConfirmForm()
    if form.validate_on_submit() and store.touch(db(), session.get(TOKEN, ""), _idle()):
        return "", 204
    return "", 410


def finish():
    """「おわる」, 「最初からやり直す」 (once confirmed) or the idle timeout: erase everything, show the start page."""
    if request.form.get("reason") == "ask_restart":
        # A tap near 次へ進む must not erase a household's answers: ask first, keep everything if not.
        return render_template("wizard/restart.html", form=ConfirmForm(), back=_safe_back(request.form.get("back")))
    store.wipe(db(), session.pop(TOKEN, None))
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    return redirect(url_for("wizard.start", wiped=request.form.get("reason", "finished")))


def _safe_back(path: str | None) -> str:
    """The wizard page the resident came from (only a path of this site), else the first question."""
    if path and path.startswith("/") and not path.startswith("//") and "\\" not in path:
        return path
    return url_for("wizard.step", step_id="event")


def result_slip():
    """The route slip in the resident's language, never cached (it names the household)."""
    facts = confirmed_facts()
    if facts is None:
        return redirect(url_for("wizard.start"))
    lang = current_lang()
    codes = presenters.slip_codes(facts, catalog(), current_app.config["KEYS_DIR"])
    pdf = render_route_slip(facts, catalog(), plan_for(facts, catalog(), lang), lang, codes=codes)
    return file_response(pdf, "application/pdf", "route-slip.pdf")
