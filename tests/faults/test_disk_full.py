"""The disk fills up while the counter writes a case (and while a resident answers): a clear page, nothing
half-written, and the same scan works once there is room again.

The database lives on a small tmpfs mounted for the test (CI runs as root). Where mounting is not allowed,
SQLite's own size limit (PRAGMA max_page_count) makes a new case, which always needs new pages, fail with
the same SQLITE_FULL on a real file; a resident's draft may fit in a page it has, so that test needs the mount.
"""

from __future__ import annotations

import errno
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import event, func, select, text

from navi.records.db import engine_for, session_factory
from navi.records.models import AuditEntry, CaseProcedure, CaseRecord, ReceiptSequence
from tests.counter.helpers import csrf_token, sign_in_as
from tests.factories import codes_for, make_app
from tests.wizard.journeys import FAMILY_MOVING_IN

DISK_MB = 16


class TinyDisk:
    """A small filesystem for the database, and a way to fill it up and free it again."""

    def __init__(self, path: Path):
        self.path = path
        self.filler = path / "filler"
        self.mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_MB}m", "tmpfs", str(path)],
                                      capture_output=True, check=False).returncode == 0
        self.engine = None

    def fill(self, url: str) -> None:
        """Leave no room for one more page of the database."""
        engine = engine_for(url)
        with engine.connect() as connection:  # an empty WAL: the next write must grow a file
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        if not self.mounted:
            self._limit_pages(engine)
            return
        with self.filler.open("wb", buffering=0) as filler:
            for block in (1 << 16, 1 << 12):  # big blocks, then the filesystem's page size for what is left
                try:
                    while filler.write(b"\0" * block):
                        pass
                except OSError as error:
                    assert error.errno == errno.ENOSPC

    def _limit_pages(self, engine) -> None:
        with engine.connect() as connection:
            pages = connection.execute(text("PRAGMA page_count")).scalar_one()

        def limit(dbapi_connection, _record):
            dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

        event.listen(engine, "connect", limit)
        self.engine, self._limit = engine, limit
        engine.dispose()

    def free(self) -> None:
        if self.mounted:
            self.filler.unlink()
        else:
            event.remove(self.engine, "connect", self._limit)
            self.engine.dispose()

    def unmount(self) -> None:
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.path)], capture_output=True, check=False)


@pytest.fixture
def disk(tmp_path):
    path = tmp_path / "disk"
    path.mkdir()
    tiny = TinyDisk(path)
    print("full disk:", f"tmpfs of {DISK_MB} MB" if tiny.mounted else "PRAGMA max_page_count (mount not allowed)")
    yield tiny
    tiny.unmount()


def counts(url: str) -> dict:
    with session_factory(url)() as session:
        return {table.__name__: session.scalar(select(func.count()).select_from(table))
                for table in (CaseRecord, CaseProcedure, ReceiptSequence)}


def test_a_full_disk_while_writing_a_case_leaves_nothing_half_written(tmp_path, monkeypatch, disk):
    url = f"sqlite:///{disk.path / 'navi.sqlite3'}"
    app = make_app(tmp_path, monkeypatch, DATABASE_URL=url)
    client = app.test_client()
    sign_in_as(client, app, "clerk")
    digits = codes_for(app)[0]
    token = csrf_token(client, "/counter/scan")
    try:
        disk.fill(url)
        response = client.post("/counter/scan", data={"csrf_token": token, "digits": digits})
        page = response.get_data(as_text=True)
        print("disk full:", response.status_code, page.split("<h1>")[1].split("</h1>")[0])
        assert response.status_code == 503
        assert "記録を保存する場所がいっぱいです" in page and "途中までの記録も残っていません" in page
        assert counts(url) == {"CaseRecord": 0, "CaseProcedure": 0, "ReceiptSequence": 0}
        assert "database full (OperationalError)" in (app.config["LOG_DIR"] / "navi.log").read_text()
    finally:
        disk.free()
    again = client.post("/counter/scan", data={"csrf_token": token, "digits": digits})
    assert again.status_code == 302 and "/counter/cases/" in again.location and "already" not in again.location
    found = counts(url)
    assert found["CaseRecord"] == 1 and found["CaseProcedure"] > 0 and found["ReceiptSequence"] == 1
    with session_factory(url)() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "case_created")) == 1
        assert session.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    engine_for(url).dispose()


def test_a_full_disk_while_a_resident_answers_keeps_the_earlier_answers(tmp_path, monkeypatch, disk):
    assert disk.mounted, "mounting a small tmpfs needs root (CI runs as root)"
    url = f"sqlite:///{disk.path / 'navi.sqlite3'}"
    app = make_app(tmp_path, monkeypatch, DATABASE_URL=url, WTF_CSRF_ENABLED=False)
    client = app.test_client()
    location = client.post("/begin").headers["Location"]
    for _ in range(5):  # event, date, the two addresses, count
        location = client.post(location, data=FAMILY_MOVING_IN.data_for(location.rsplit("/", 1)[-1])).location
    try:
        disk.fill(url)
        response = client.post(location, data=FAMILY_MOVING_IN.data_for(location.rsplit("/", 1)[-1]))
        assert response.status_code == 503
        assert "入力した内容は消えていません" in response.get_data(as_text=True)
    finally:
        disk.free()
    count_page = client.get("/step/count").get_data(as_text=True)
    assert 'value="4"' in count_page  # answered before the disk filled up
    assert client.post(location, data=FAMILY_MOVING_IN.data_for(location.rsplit("/", 1)[-1])).status_code == 302
    engine_for(url).dispose()
