"""Files an operator or a disk can damage: a corrupted private key, a catalog file edited by hand into
something invalid. The app refuses with a message naming the file, never a traceback, and records nothing."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from navi.domain.catalog.loader import DEFAULT_CATALOG_DIR
from navi.records.db import engine_for, session_factory
from navi.records.models import CaseRecord
from tests.counter.helpers import csrf_token, sign_in_as
from tests.factories import app_with_case, codes_for, make_app

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], env: dict, timeout: float = 60) -> subprocess.CompletedProcess:
    """A `navi …` or Python command in a fresh process (it must end by itself: refusing, not serving)."""
    return subprocess.run([sys.executable, *args], cwd=ROOT, env={"PATH": "/usr/bin:/bin", **env},
                          capture_output=True, text=True, timeout=timeout, check=False)


def damage(path: Path) -> None:
    """What a bad sector or a careless edit does to a PEM file: the middle is garbage."""
    data = bytearray(path.read_bytes())
    data[40:60] = b"\x00#not base64 at all#"
    path.write_bytes(bytes(data))


@pytest.fixture
def counter_instance(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch)
    key = next(Path(app.config["KEYS_DIR"]).glob("current-*.pem"))
    yield app, key
    engine_for(app.config["DATABASE_URL"]).dispose()


def test_the_counter_refuses_to_start_with_a_damaged_key_and_names_the_file(counter_instance):
    app, key = counter_instance
    damage(key)
    env = {"NAVI_INSTANCE": app.instance_path}
    served = run(["-m", "navi", "serve", "--port", "1"], env)
    print(served.stderr.strip())
    assert served.returncode == 1
    assert f"ERROR {key}: not a readable private key" in served.stderr
    assert "restore it from the backup" in served.stderr and "does not start" in served.stderr
    assert "Traceback" not in served.stderr + served.stdout
    gunicorn_entry = run(["-c", "import wsgi"], env)
    assert gunicorn_entry.returncode == 3 and str(key) in gunicorn_entry.stderr
    assert "Traceback" not in gunicorn_entry.stderr


def test_a_key_damaged_while_running_stops_scanning_with_a_page_naming_the_file(counter_instance):
    app, key = counter_instance
    client = app.test_client()
    sign_in_as(client, app, "clerk")
    digits = codes_for(app)[0]
    token = csrf_token(client, "/counter/scan")
    good = key.read_bytes()
    damage(key)
    response = client.post("/counter/scan", data={"csrf_token": token, "digits": digits})
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "この窓口の鍵ファイルを読めません" in page and str(key) in page and "バックアップから戻して" in page
    assert "Traceback" not in page
    with session_factory(app.config["DATABASE_URL"])() as session:
        assert session.scalar(select(func.count()).select_from(CaseRecord)) == 0
    assert f"scan refused: {key}" in (app.config["LOG_DIR"] / "navi.log").read_text()
    key.write_bytes(good)  # restored from the backup: the same code opens the case
    again = client.post("/counter/scan", data={"csrf_token": token, "digits": digits})
    assert again.status_code == 302 and "/counter/cases/" in again.location


def test_a_key_deleted_while_running_is_a_503_naming_the_file_not_another_offices_code(counter_instance):
    app, key = counter_instance
    client = app.test_client()
    sign_in_as(client, app, "clerk")
    digits = codes_for(app)[0]
    token = csrf_token(client, "/counter/scan")
    good = key.read_bytes()
    key.unlink()
    response = client.post("/counter/scan", data={"csrf_token": token, "digits": digits})
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "この窓口の鍵ファイルを読めません" in page and str(key) in page and "他の庁舎" not in page
    key.write_bytes(good)
    key.chmod(0o600)  # restored from the backup: the same code opens the case
    again = client.post("/counter/scan", data={"csrf_token": token, "digits": digits})
    assert again.status_code == 302 and "/counter/cases/" in again.location


@pytest.mark.parametrize(("edit", "expected"), [
    (lambda text: text.replace("  scope: household\n", "  scope: household\n  scope house\n", 1),
     "ERROR procedures/20_juminhyo.yaml"),
    (lambda text: text.replace("counter: kumin", "counter: kumni", 1),
     "ERROR procedures/20_juminhyo.yaml: $[id=tennyu_todoke].counter: unknown counter 'kumni'"),
    (lambda text: text.replace("{fact: event, op: eq, value: moving_in}", "{fact: evnet, op: eq, value: moving_in}", 1),
     "ERROR procedures/20_juminhyo.yaml: $[id=tennyu_todoke].condition.fact: unknown fact 'evnet'"),
], ids=["yaml-syntax", "unknown-counter", "unknown-fact"])
def test_a_catalog_edited_into_something_invalid_stops_navi_serve_with_file_and_path(tmp_path, edit, expected):
    catalog = tmp_path / "catalog"
    shutil.copytree(DEFAULT_CATALOG_DIR, catalog)
    procedures = catalog / "procedures" / "20_juminhyo.yaml"
    procedures.write_text(edit(procedures.read_text(encoding="utf-8")), encoding="utf-8")
    env = {"NAVI_INSTANCE": str(tmp_path / "instance"), "NAVI_CATALOG_DIR": str(catalog)}
    served = run(["-m", "navi", "serve", "--port", "1"], env)
    print(served.stderr.strip().splitlines()[0])
    assert served.returncode == 1
    assert expected in served.stderr
    assert "problem(s) in the catalog" in served.stderr and "does not start" in served.stderr
    assert "Traceback" not in served.stderr + served.stdout
    assert not (tmp_path / "instance" / "navi.sqlite3").exists()  # refused before touching the database


def test_navi_prepare_readies_an_instance_that_the_gunicorn_entry_then_accepts(tmp_path):
    env = {"NAVI_INSTANCE": str(tmp_path / "instance")}
    refused = run(["-c", "import wsgi"], env)  # nothing prepared yet: no key, and it says what to run
    assert refused.returncode == 3 and "run `navi prepare` first" in refused.stderr
    prepared = run(["-m", "navi", "prepare"], env)
    assert prepared.returncode == 0 and "instance ready" in prepared.stdout
    assert (tmp_path / "instance" / "navi.sqlite3").stat().st_size > 0
    assert list((tmp_path / "instance" / "keys").glob("current-*.pem"))
    started = run(["-c", "import wsgi; print(wsgi.app.name)"], env)
    assert started.returncode == 0 and started.stdout.strip() == "navi", started.stderr


def corrupt_table(database: Path, table: str) -> None:
    """What a failing disk does: the pages of one table overwritten with garbage (the WAL checkpointed first)."""
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    connection.close()
    with database.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xa5" * page_size)


def test_a_corrupted_database_is_reported_as_corruption_by_prepare_and_by_the_running_app(tmp_path, monkeypatch):
    app = app_with_case(tmp_path, monkeypatch, TESTING=False, PROPAGATE_EXCEPTIONS=False)
    database = Path(app.config["DATABASE_URL"].removeprefix("sqlite:///"))
    engine_for(app.config["DATABASE_URL"]).dispose()
    corrupt_table(database, "cases")
    prepared = run(["-m", "navi", "prepare"], {"NAVI_INSTANCE": app.instance_path})
    print(prepared.stderr.strip())
    assert prepared.returncode == 1 and "instance ready" not in prepared.stdout
    assert f"ERROR {database} is damaged" in prepared.stderr and "navi restore" in prepared.stderr
    assert "Traceback" not in prepared.stderr
    client = app.test_client()
    sign_in_as(client, app, "clerk")
    page = client.get(f"/counter/cases/{app.config['TEST_CASE_ID']}")
    html = page.get_data(as_text=True)
    assert page.status_code == 503 and "データベースが壊れています" in html and "バックアップから戻して" in html
    assert "一時的" not in html
    assert "database corrupt" in (app.config["LOG_DIR"] / "navi.log").read_text()
