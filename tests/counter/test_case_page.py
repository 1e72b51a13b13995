"""The case page a clerk reads at a glance: question texts and choice words, 和暦 with age, country names,
and 未確認 for what the resident was never asked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from navi.domain.dates import legal_age
from tests.factories import add_example_case, default_catalog, example_facts, foreign_household

from .helpers import sign_in_as

HOUSEHOLDS = Path(__file__).resolve().parents[2] / "forms_catalog" / "households"


def facts_cells(page) -> dict[str, str]:
    return {td["data-path"]: td.get_text(strip=True) for td in page.select("td[data-path]")}


def test_answers_show_the_question_and_the_choice_in_words(client, client_request, counter_app):
    facts = example_facts()
    facts["answers"] = {"inkan_registration": True, "moved_with_card": False}
    case_id = add_example_case(counter_app, facts)
    sign_in_as(client, counter_app, "clerk")
    cells = facts_cells(client_request.get(f"/counter/cases/{case_id}"))
    questions = {q.id: q.text.ja for q in default_catalog().questions}
    page = client_request.get(f"/counter/cases/{case_id}")
    labels = {row.th.get_text(strip=True) for row in page.select("#answers-title ~ table tr")}
    assert {questions["inkan_registration"], questions["moved_with_card"]} <= labels
    assert "inkan_registration" not in page.get_text() and "moved_with_card" not in page.get_text()
    assert (cells["answers.inkan_registration"], cells["answers.moved_with_card"]) == ("はい", "いいえ")


def test_birth_dates_in_wareki_with_age_and_countries_by_name(client, client_request, counter_app):
    case_id = add_example_case(counter_app)
    sign_in_as(client, counter_app, "clerk")
    cells = facts_cells(client_request.get(f"/counter/cases/{case_id}"))
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=9))).date()
    age = legal_age(dt.date(1988, 5, 10), today)
    assert cells["members.m1.birth_date"] == f"昭和63年5月10日（{age}歳）"
    assert cells["members.m1.nationality"] == "日本"
    foreign = add_example_case(counter_app, foreign_household())
    countries = [v for k, v in facts_cells(client_request.get(f"/counter/cases/{foreign}")).items()
                 if k.endswith(".nationality")]
    assert countries and all(not c.isascii() for c in countries), countries


def test_facts_the_wizard_never_asked_read_unconfirmed_not_no(client, client_request, counter_app):
    # An elderly resident moving within the ward: no procedure of this move depends on her care certification
    # or pension, so the wizard never asks them and the facts hold only the defaults.
    facts = yaml.safe_load((HOUSEHOLDS / "elderly_single_moving_within.yaml").read_text(encoding="utf-8"))
    facts.pop("expect", None)
    sign_in_as(client, counter_app, "clerk")
    cells = facts_cells(client_request.get(f"/counter/cases/{add_example_case(counter_app, facts)}"))
    assert cells["members.m1.care_level"] == "未確認" and cells["members.m1.pension"] == "未確認"
    assert cells["members.m1.health_insurance"] not in ("未確認", "—")
    # Known from the age alone: a child has no pension and (under 40) no care certification, asked or not.
    family = facts_cells(client_request.get(f"/counter/cases/{add_example_case(counter_app)}"))
    assert family["members.m3.pension"] == "なし" and family["members.m3.care_level"] == "なし"


def test_an_unanswered_question_is_on_top_with_what_its_answer_could_add(client, client_request, counter_app):
    facts = yaml.safe_load((HOUSEHOLDS / "divorce_with_children.yaml").read_text(encoding="utf-8"))
    del facts["answers"]["children_with_me"]
    case_id = add_example_case(counter_app, facts)
    sign_in_as(client, counter_app, "clerk")
    page = client_request.get(f"/counter/cases/{case_id}")
    notice = page.select_one("#open-questions")
    assert notice is not None and notice.select_one('li[data-question="children_with_me"]') is not None
    titles = {p.id: p.title.ja for p in default_catalog().procedures}
    assert titles["jido_fuyo_teate"] in notice.get_text()
    # On top: before the household's members.
    assert str(page).index('id="open-questions"') < str(page).index('id="members"')


def test_who_files_and_claims_show_on_the_case_page_and_say_when_the_resident_did_not_choose(
        client, client_request, counter_app):
    unchosen = add_example_case(counter_app)
    chosen = add_example_case(counter_app, {**example_facts(), "notifier": "m2", "claimant": "m2"})
    sign_in_as(client, counter_app, "clerk")
    before = client_request.get(f"/counter/cases/{unchosen}")
    assert before.select_one('[data-role="notifier"]').get_text() == "熊本\u3000太郎（お客様の選択なし）"
    after = client_request.get(f"/counter/cases/{chosen}")
    assert after.select_one('[data-role="notifier"]').get_text() == "熊本\u3000花子"
    assert after.select_one('[data-role="claimant"]').get_text() == "熊本\u3000花子"
    exported = client.get(f"/counter/cases/{chosen}/export.csv").get_data(as_text=True)
    assert ",case,,notifier,m2\r\n" in exported and ",case,,claimant,m2\r\n" in exported
