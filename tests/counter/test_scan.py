"""Scanning at the counter with the real codec: cases, split codes, and each failure's own page."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from navi.payload import keys
from navi.records.db import engine_for, session_factory
from navi.records.models import CaseProcedure, CaseRecord, ReceiptSequence
from tests.factories import codes_for, large_household, make_app

from .helpers import csrf_token, post, sign_in_as


def scan(client, digits: str):
    return post(client, "/counter/scan", {"digits": digits})


def case_count(app) -> tuple[int, int]:
    with session_factory(app.config["DATABASE_URL"])() as session:
        return (session.scalar(select(func.count()).select_from(CaseRecord)),
                session.scalar(select(func.count()).select_from(CaseProcedure)))


def test_a_scan_opens_the_case_with_every_member_and_procedure(client, counter_app):
    sign_in_as(client, counter_app, "clerk")
    response = scan(client, codes_for(counter_app)[0])
    assert response.status_code == 302 and "/counter/cases/" in response.location
    page = client.get(response.location).get_data(as_text=True)
    members = [f"熊本\u3000{given}" for given in ("太郎", "花子", "一郎", "桜")]
    for text in (*members, "転入届", "区民課", "受付票を印刷"):
        assert text in page
    assert "このQRコードは受付済みです" not in page


def test_full_width_digits_and_stray_characters_from_a_wedge_scanner_still_read(client, counter_app):
    sign_in_as(client, counter_app, "clerk")
    digits = codes_for(counter_app)[0]
    typed = digits[:40].translate(str.maketrans("0123456789", "０１２３４５６７８９")) + digits[40:] + "\r\n"
    assert scan(client, typed).status_code == 302


def test_the_same_code_scanned_twice_opens_the_first_case_and_says_so(client, counter_app):
    sign_in_as(client, counter_app, "clerk")
    digits = codes_for(counter_app)[0]
    first = scan(client, digits).location
    second = scan(client, digits).location
    assert second.startswith(first) and "already=1" in second
    page = client.get(second).get_data(as_text=True)
    assert "このQRコードは受付済みです" in page
    assert case_count(counter_app)[0] == 1


def test_a_split_code_counts_parts_then_opens_the_case(client, counter_app):
    sign_in_as(client, counter_app, "clerk")
    parts = codes_for(counter_app, large_household())
    assert len(parts) == 3
    first = scan(client, parts[2])
    page = first.get_data(as_text=True)
    assert first.status_code == 200 and "1/3 読み取り済み" in page
    page = scan(client, parts[0]).get_data(as_text=True)
    assert "2/3 読み取り済み" in page and "残りのQRコード: 2" in page
    assert "2/3 読み取り済み" in client.get("/counter/scan").get_data(as_text=True)
    done = scan(client, parts[1])
    assert done.status_code == 302 and "/counter/cases/" in done.location
    assert "読み取り済み" not in client.get("/counter/scan").get_data(as_text=True)


def test_starting_over_forgets_the_parts_scanned(client, counter_app):
    sign_in_as(client, counter_app, "clerk")
    parts = codes_for(counter_app, large_household())
    scan(client, parts[0])
    post(client, "/counter/scan/reset")
    assert "読み取り済み" not in client.get("/counter/scan").get_data(as_text=True)


def test_a_new_code_after_an_abandoned_split_code_is_read_on_its_own(client, counter_app):
    sign_in_as(client, counter_app, "clerk")
    scan(client, codes_for(counter_app, large_household())[0])
    assert scan(client, codes_for(counter_app)[0]).status_code == 302


def failure_of(response) -> str:
    page = response.get_data(as_text=True)
    assert response.status_code == 422, page[:300]
    return page.split('data-failure="', 1)[1].split('"', 1)[0]


def test_each_reader_failure_has_its_own_page(client, counter_app, tmp_path, monkeypatch):
    sign_in_as(client, counter_app, "clerk")
    good = codes_for(counter_app)[0]
    damaged = good[:60] + ("1" if good[60] != "1" else "2") + good[61:]
    stale = codes_for(counter_app, now=time.time() - 3 * 24 * 3600)[0]
    future = codes_for(counter_app, now=time.time() + 3600)[0]
    elsewhere = make_app(tmp_path / "elsewhere", monkeypatch)
    keys.rotate(Path(elsewhere.config["KEYS_DIR"]))  # another office: its current key id is one we never had
    foreign = codes_for(elsewhere)[0]
    cases = {"damaged": damaged, "not_our_code": "4901234567894", "expired": stale,
             "issued_in_future": future, "unknown_key": foreign}
    seen = {expected: failure_of(scan(client, digits)) for expected, digits in cases.items()}
    print("failure pages:", seen)
    assert seen == {code: code for code in cases}
    page = scan(client, stale).get_data(as_text=True)
    assert "有効期限が切れています" in page and "エラーが発生しました" not in page
    assert case_count(counter_app) == (0, 0)


def test_a_picture_without_a_code_is_unreadable(client, counter_app):
    sign_in_as(client, counter_app, "clerk")
    import io

    from PIL import Image

    blank = io.BytesIO()
    Image.new("L", (64, 64), 255).save(blank, "PNG")
    response = client.post("/counter/scan/picture", data={"csrf_token": csrf_token(client),
                                                          "picture": (io.BytesIO(blank.getvalue()), "blank.png")})
    assert failure_of(response) == "unreadable"


def test_a_picture_of_the_code_opens_the_case(client, counter_app):
    sign_in_as(client, counter_app, "clerk")
    import io

    from navi.payload.render import symbols

    png = symbols(codes_for(counter_app))[0].png(scale=4)
    response = client.post("/counter/scan/picture", data={"csrf_token": csrf_token(client),
                                                          "picture": (io.BytesIO(png), "code.png")})
    assert response.status_code == 302 and "/counter/cases/" in response.location


def test_a_database_failure_mid_scan_leaves_no_partial_case_and_the_code_works_afterwards(client, counter_app):
    sign_in_as(client, counter_app, "clerk")
    digits = codes_for(counter_app)[0]
    engine = engine_for(counter_app.config["DATABASE_URL"])

    def fail_on_procedures(_conn, _cursor, statement, _params, _context, _many):
        # The case row is already inserted when the procedures' insert fails.
        if statement.startswith("INSERT INTO case_procedures"):
            raise OperationalError(statement, {}, Exception("disk I/O error"))

    event.listen(engine, "before_cursor_execute", fail_on_procedures)
    try:
        response = scan(client, digits)
    finally:
        event.remove(engine, "before_cursor_execute", fail_on_procedures)
    page = response.get_data(as_text=True)
    print("during the outage:", response.status_code, page.split("<h1>")[1].split("</h1>")[0])
    assert response.status_code == 503 and "記録を保存できませんでした" in page
    assert case_count(counter_app) == (0, 0)
    with session_factory(counter_app.config["DATABASE_URL"])() as session:
        assert session.scalars(select(ReceiptSequence)).all() == []
    again = scan(client, digits)
    assert again.status_code == 302 and "already" not in again.location
    assert case_count(counter_app)[0] == 1


def test_scanning_survives_a_stopped_postgresql(tmp_path, monkeypatch, postgres_server):
    name, url = postgres_server.create_database()
    app = make_app(tmp_path, monkeypatch, DATABASE_URL=url)
    client = app.test_client()
    sign_in_as(client, app, "clerk")
    digits = codes_for(app)[0]
    token = csrf_token(client)
    try:
        postgres_server.stop()
        try:
            response = client.post("/counter/scan", data={"csrf_token": token, "digits": digits})
        finally:
            postgres_server.start()
        page = response.get_data(as_text=True)
        print("with PostgreSQL stopped:", response.status_code, page.split("<h1>")[1].split("</h1>")[0])
        assert response.status_code == 503 and "記録を保存できませんでした" in page
        assert case_count(app) == (0, 0)
        again = scan(client, digits)
        assert again.status_code == 302 and "/counter/cases/" in again.location
        assert case_count(app)[0] == 1
    finally:
        engine_for(url).dispose()
        postgres_server.drop_database(name)
