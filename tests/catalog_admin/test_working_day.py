"""The editor for a supervisor's working day: notes of several lines, changed fields named in words, no
English in the Japanese pages, a question before deleting, and the kiosk bundle offered after publishing."""

from __future__ import annotations

import re

from tests.counter.helpers import post

from .helpers import form_fields, publications, submit
from .test_editor import KOUKI, draft_document, review_html

NOTE = "マイナンバーカードをお持ちください。\n75歳の誕生日の前でも、障害のある方は申請できます。"


def kouki(document: dict) -> dict:
    return next(p for p in document["procedures"] if p["id"] == "kouki_join")


def test_notes_are_edited_in_a_box_of_several_lines_and_keep_their_lines(supervisor, editor_app):
    page = supervisor.get(KOUKI).get_data(as_text=True)
    assert re.search(r'<textarea[^>]*id="notes_ja"', page) and re.search(r'<textarea[^>]*id="notes_en"', page)
    response = submit(supervisor, KOUKI, {"notes_ja": NOTE, "notes_en": "Bring your My Number Card.\nSecond line."})
    assert response.status_code == 302
    assert kouki(draft_document(editor_app))["notes"]["ja"].splitlines() == NOTE.splitlines()
    again = dict(form_fields(supervisor.get(KOUKI).get_data(as_text=True)))
    assert again["notes_ja"].strip().splitlines() == NOTE.splitlines()


def test_the_review_names_changed_fields_in_words_and_shows_no_english(supervisor, editor_app):
    submit(supervisor, KOUKI, {"notes_ja": "持ち物に注意", "notes_en": "Mind what to bring", "deadline_days": "30"})
    page = review_html(supervisor)
    entity = page.split('data-id="kouki_join"')[1].split("</section>")[0]
    headers = re.findall(r'<th scope="row" data-path="([^"]+)">([^<]+)</th>', entity)
    assert ("notes.en", "注意事項 › 英語") in headers and ("notes.ja", "注意事項 › 日本語") in headers
    assert ("deadline.days", "期限 › 日数") in headers
    assert "<code>notes.en</code>" not in entity
    examples = page.split('id="examples"')[1].split("</table>")[0]
    cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td>(.*?)</td>", examples)]
    assert cells and any("対象: " in c for c in cells)
    english = [c for c in cells if re.search(r"\b(members|expected|triggered|cannot run)\b", c)]
    assert english == []


def test_delete_asks_first_and_only_the_confirmation_deletes(supervisor, editor_app):
    listing = supervisor.get("/counter/catalog/documents/").get_data(as_text=True)
    link = re.search(r'href="(/counter/catalog/documents/([a-z_0-9]+)/delete)"', listing)
    assert link and "<form method=\"post\" action=\"/counter/catalog/documents/" not in listing
    url, item_id = link.groups()
    question = supervisor.get(url)
    assert question.status_code == 200 and "削除しますか" in question.get_data(as_text=True)
    assert draft_document(editor_app) is None  # asking changed nothing
    assert post(supervisor, url).status_code == 302
    assert item_id not in {d["id"] for d in draft_document(editor_app)["documents"]}


def test_after_publishing_the_page_offers_the_kiosk_bundle_and_says_tablets_need_it(supervisor, editor_app):
    submit(supervisor, KOUKI, {"deadline_days": "30"})
    response = post(supervisor, "/counter/catalog/publish", {"note": "期限の変更"}, follow_redirects=True)
    assert response.status_code == 200 and len(publications(editor_app)) == 2
    page = response.get_data(as_text=True)
    notice = page.split('id="kiosk-bundle-notice"')[1].split("</section>")[0]
    assert "タブレット" in notice and "新しいバンドルを読み込むまで前の版のまま" in notice
    assert 'href="/counter/catalog/bundle"' in notice
    assert 'id="kiosk-bundle-notice"' not in supervisor.get("/counter/catalog/").get_data(as_text=True)
