"""The case page, corrections, statuses, queues, search, export, print, catalog differences, purge."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json

from click.testing import CliRunner
from sqlalchemy import select

from navi.cli import main
from navi.domain.catalog.loader import catalog_from_raw
from navi.domain.validation import parse_facts
from navi.payload import codec, keys
from navi.records import catalogs
from navi.records.db import session_factory
from navi.records.models import AuditEntry, CaseRecord
from tests.factories import codes_for, default_catalog_files, example_facts

from .helpers import post, sign_in_as


def new_case(client, app) -> str:
    """Scan the example family's code; the case page's path."""
    sign_in_as(client, app, "clerk")
    return post(client, "/counter/scan", {"digits": codes_for(app)[0]}).location


def test_a_correction_shows_in_the_case_and_in_the_audit_log_with_before_and_after(client, counter_app):
    case_path = new_case(client, counter_app)
    form = client.get(case_path + "/correct/members.m1.given_name").get_data(as_text=True)
    assert "読み取った値: 太郎" in form
    missing_reason = post(client, case_path + "/correct/members.m1.given_name", {"value": "次郎", "reason": ""})
    assert "修正の理由を入力してください" in missing_reason.get_data(as_text=True)
    done = post(client, case_path + "/correct/members.m1.given_name", {"value": "次郎", "reason": "本人の申出"})
    assert done.status_code == 302
    page = client.get(case_path).get_data(as_text=True)
    assert "熊本\u3000次郎" in page and "熊本\u3000太郎" not in page
    sign_in_as(client, counter_app, "supervisor")
    audit = client.get("/counter/audit").get_data(as_text=True)
    row = next(r for r in audit.split("<tr") if 'data-action="correction"' in r)
    print("audit row:", " ".join(row.split()))
    assert "members.m1.given_name" in row and '<td class="before">太郎</td>' in row
    assert '<td class="after">次郎</td>' in row and "本人の申出" in row and "<td>clerk</td>" in row


def test_an_invalid_correction_is_shown_beside_the_field(client, counter_app):
    case_path = new_case(client, counter_app)
    page = post(client, case_path + "/correct/members.m1.birth_date", {"value": "1988-02-30", "reason": "誤記"})
    html = page.get_data(as_text=True)
    assert "存在する日付を YYYY-MM-DD の形で入力してください" in html and 'href="#value"' in html


def test_unknown_fields_and_cases_are_not_found(client, counter_app):
    case_path = new_case(client, counter_app)
    assert client.get(case_path + "/correct/members.m9.given_name").status_code == 404
    assert client.get("/counter/cases/9999").status_code == 404


def test_status_changes_at_one_counter_show_in_the_other_counters_queue(client, counter_app):
    case_path = new_case(client, counter_app)
    kumin = client.get("/counter/queues/kumin/items.json").json["items"]
    kodomo = client.get("/counter/queues/hoken_kodomo/items.json").json["items"]
    assert [p["id"] for p in kumin[0]["procedures"]] == ["tennyu_todoke", "mynumber_continue"]
    assert kodomo[0]["receipt_no"] == kumin[0]["receipt_no"]
    post(client, case_path + "/procedures/tennyu_todoke", {"status": "done"})
    listed = client.get("/counter/queues/kumin/items.json").json["items"][0]["procedures"]
    assert [(p["id"], p["status_label"]) for p in listed] == [
        ("tennyu_todoke", "完了"), ("mynumber_continue", "未着手")]
    post(client, case_path + "/procedures/mynumber_continue", {"status": "not_needed"})
    assert client.get("/counter/queues/kumin/items.json").json["items"] == []
    page = client.get(case_path).get_data(as_text=True)
    assert 'data-status="done"' in page and 'data-status="not_needed"' in page


def test_the_queue_page_lists_cases_in_arrival_order_with_the_polling_script(client, counter_app):
    new_case(client, counter_app)
    other = example_facts()
    other["members"][0]["given_name"] = "二郎"
    post(client, "/counter/scan", {"digits": codes_for(counter_app, other)[0]})
    page = client.get("/counter/queues/kumin").get_data(as_text=True)
    assert page.index("熊本\u3000太郎") < page.index("熊本\u3000二郎")
    assert "counter/queue.js" in page and 'data-poll-seconds="5"' in page
    assert client.get("/counter/queues/nowhere").status_code == 404


def test_search_by_receipt_number_kana_and_day(client, counter_app):
    case_path = new_case(client, counter_app)
    receipt = client.get("/counter/queues/kumin/items.json").json["items"][0]["receipt_no"]
    for query in (f"receipt={receipt}", "kana=くまもと", f"day={receipt[:4]}-{receipt[4:6]}-{receipt[6:8]}"):
        page = client.get(f"/counter/search?{query}").get_data(as_text=True)
        assert f'href="{case_path}"' in page, query
    assert "検索結果（0件）" in client.get("/counter/search?kana=ヤマダ").get_data(as_text=True)


def test_export_as_json_and_csv_in_the_documented_layout(client, counter_app):
    case_path = new_case(client, counter_app)
    as_json = client.get(case_path + "/export.json")
    document = json.loads(as_json.get_data(as_text=True))
    assert document["format"] == "todokede-navi/case/1"
    assert document["facts"]["members"][0]["family_name"] == "熊本"
    assert [p["id"] for p in document["procedures"]][:2] == ["tennyu_todoke", "mynumber_continue"]
    assert "attachment" in as_json.headers["Content-Disposition"]
    as_csv = client.get(case_path + "/export.csv")
    assert as_csv.headers["Content-Type"] == "text/csv; charset=utf-8"  # the charset once, not twice
    text = as_csv.get_data(as_text=True)
    assert text.startswith("\ufeffreceipt_no,section,member_id,field,value\r\n")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert {"section": "member", "member_id": "m1", "field": "given_name", "value": "太郎"}.items() <= \
        next(r for r in rows if r["member_id"] == "m1" and r["field"] == "given_name").items()
    assert {r["section"] for r in rows} >= {"case", "address", "member", "procedure"}


def test_views_prints_and_exports_are_audited(client, counter_app):
    case_path = new_case(client, counter_app)
    client.get(case_path)
    printed = client.get(case_path + "/print").get_data(as_text=True)
    assert "受付票を印刷" in printed and "counter/print.js" in printed
    client.get(case_path + "/export.csv")
    with session_factory(counter_app.config["DATABASE_URL"])() as session:
        actions = [e.action for e in session.scalars(select(AuditEntry).where(AuditEntry.case_id.is_not(None)))]
    assert {"case_created", "view", "print", "export"} <= set(actions)


def test_the_case_shows_what_todays_catalog_would_plan_differently(client, counter_app):
    raw = copy.deepcopy(default_catalog_files())
    raw["procedures"] = [p for p in raw["procedures"] if p["id"] != "mynumber_continue"]
    older = catalog_from_raw(raw)
    with session_factory(counter_app.config["DATABASE_URL"])() as session, session.begin():
        catalogs.publish(session, older, raw)
    recipient = keys.current_recipient(counter_app.config["KEYS_DIR"])
    digits = codec.make_codes(parse_facts(example_facts(), older), older, recipient)[0]
    sign_in_as(client, counter_app, "clerk")
    page = client.get(post(client, "/counter/scan", {"digits": digits}).location).get_data(as_text=True)
    section = page.split('id="catalog-differences"')[1].split("</section>")[0]
    assert "現在の版で増える手続" in section and "マイナンバーカードの継続利用" in section
    assert 'id="procedure-mynumber_continue"' not in page


def test_assisted_mode_starts_the_wizard_and_is_audited(client, counter_app):
    sign_in_as(client, counter_app, "clerk")
    response = client.get("/counter/assisted")
    assert response.status_code == 302 and response.location.startswith("/?") and "assisted=1" in response.location


def test_an_admin_lifts_a_lockout(client, counter_app):
    for _ in range(5):
        post(client, "/counter/login", {"username": "clerk", "password": "wrong password"})
    sign_in_as(client, counter_app, "admin")
    page = client.get("/counter/staff").get_data(as_text=True)
    assert "ロック中" in page
    post(client, f"/counter/staff/{counter_app.config['TEST_STAFF_IDS']['clerk']}/unlock")
    assert "ロック中" not in client.get("/counter/staff").get_data(as_text=True)


def test_navi_records_purge_deletes_cases_past_the_retention_period(client, counter_app):
    new_case(client, counter_app)
    with session_factory(counter_app.config["DATABASE_URL"])() as session:
        case = session.scalars(select(CaseRecord)).one()
        case.received_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=91)
        session.commit()
    result = CliRunner().invoke(main, ["records", "purge"])
    print(result.output)
    assert result.exit_code == 0 and "deleted 1 case(s) older than 90 days" in result.output
    with session_factory(counter_app.config["DATABASE_URL"])() as session:
        assert session.scalars(select(CaseRecord)).all() == []
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "purge")).one()
        assert entry.detail == {"deleted": 1, "retention_days": 90} and entry.actor == "cli"
