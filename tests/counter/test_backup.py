"""`navi backup` then `navi restore` into a new instance: every table equal row by row (cases, procedures,
audit rows, staff…), on SQLite and on PostgreSQL; with the keys copied over, the restored instance reads the
codes in circulation and shows the cases (issue 15, backups)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from navi import create_app
from navi.cli import main
from navi.instance.prepare import prepare_instance
from navi.records.db import Base, engine_for, session_factory
from navi.records.models import AuditEntry, CaseProcedure, CaseRecord, StaffUser
from tests.factories import codes_for, example_facts, make_app

from .helpers import post, sign_in_as


@pytest.fixture(params=["sqlite", "postgresql"])
def urls(request, tmp_path):
    """The database URLs of the instance backed up and of the new one (None: the instance's own SQLite file)."""
    if request.param == "sqlite":
        yield None, None
        return
    server = request.getfixturevalue("postgres_server")
    (old, old_url), (new, new_url) = server.create_database(), server.create_database()
    try:
        yield old_url, new_url
    finally:
        for url in (old_url, new_url):
            engine_for(url).dispose()
        server.drop_database(old)
        server.drop_database(new)


def table_rows(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order."""
    rows = {}
    with engine_for(url).connect() as connection:
        for table in Base.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            rows[table.name] = [tuple(row) for row in connection.execute(select(table).order_by(*order))]
    return rows


def busy_instance(tmp_path: Path, monkeypatch, url: str | None):
    """An instance with cases, a correction, a status change and audit rows; and a code not yet scanned."""
    app = make_app(tmp_path / "old", monkeypatch, **({"DATABASE_URL": url} if url else {}))
    client = app.test_client()
    sign_in_as(client, app, "clerk")
    first = codes_for(app)[0]
    case_path = post(client, "/counter/scan", {"digits": first}).location
    post(client, f"{case_path}/correct/members.m1.given_name", {"value": "次郎", "reason": "本人の申出"})
    post(client, f"{case_path}/procedures/tennyu_todoke", {"status": "done"})
    later = example_facts()
    later["members"][0]["given_name"] = "三郎"
    return app, first, codes_for(app, later)[0]


def test_backup_then_restore_gives_every_row_and_the_restored_instance_reads_codes(tmp_path, monkeypatch, urls):
    old_url, new_url = urls
    app, scanned, unscanned = busy_instance(tmp_path, monkeypatch, old_url)
    url = app.config["DATABASE_URL"]
    runner, out = CliRunner(), tmp_path / "navi.backup"
    if old_url:
        monkeypatch.setenv("DATABASE_URL", old_url)
    made = runner.invoke(main, ["backup", "--out", str(out)])
    print(made.output)
    assert made.exit_code == 0 and oct(out.stat().st_mode & 0o777) == "0o600"
    engine_for(url).dispose()
    new_instance = tmp_path / "new" / "instance"
    monkeypatch.setenv("NAVI_INSTANCE", str(new_instance))
    if new_url:
        monkeypatch.setenv("DATABASE_URL", new_url)
    restored = runner.invoke(main, ["restore", str(out)])
    print(restored.output)
    assert restored.exit_code == 0, restored.output
    new_db = new_url or f"sqlite:///{new_instance / 'navi.sqlite3'}"
    before, after = table_rows(url), table_rows(new_db)
    counts = {name: len(rows) for name, rows in before.items()}
    print("rows per table:", counts)
    assert after == before
    assert counts["cases"] == 1 and counts["audit_log"] >= 4 and counts["staff_users"] == 3
    again = runner.invoke(main, ["restore", str(out)])  # only ever into an empty database
    assert again.exit_code == 1 and "restore only into a new, empty instance" in again.output

    shutil.copytree(app.config["KEYS_DIR"], new_instance / "keys", dirs_exist_ok=True)  # the keys travel apart
    copy = create_app({"TESTING": True, "SECRET_KEY": "test", **({"DATABASE_URL": new_url} if new_url else {})})
    prepare_instance(copy)
    client = copy.test_client()
    copy.config["TEST_STAFF_IDS"] = app.config["TEST_STAFF_IDS"]
    sign_in_as(client, copy, "clerk")
    known = post(client, "/counter/scan", {"digits": scanned})
    assert known.status_code == 302 and "already=1" in known.location  # the case made before the backup
    assert "次郎" in client.get(known.location).get_data(as_text=True)
    fresh = post(client, "/counter/scan", {"digits": unscanned})
    assert fresh.status_code == 302 and "/counter/cases/" in fresh.location and "already" not in fresh.location
    with session_factory(new_db)() as session:
        assert session.scalar(select(func.count()).select_from(CaseRecord)) == 2
        assert session.scalar(select(func.count()).select_from(CaseProcedure)) > 2
        assert session.scalar(select(func.count()).select_from(StaffUser)) == 3
        assert session.scalar(select(func.count()).select_from(AuditEntry)) > counts["audit_log"]
    engine_for(new_db).dispose()


def test_a_backup_into_a_folder_that_is_not_there_is_named_without_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("NAVI_INSTANCE", str(tmp_path / "instance"))
    target = tmp_path / "no-such-folder" / "navi.backup"
    result = CliRunner().invoke(main, ["backup", "--out", str(target)])
    assert result.exit_code == 1 and f"ERROR cannot write {target}: No such file or directory" in result.output
    assert isinstance(result.exception, SystemExit) and not target.parent.exists()
