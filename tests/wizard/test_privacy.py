"""Shared-tablet privacy: 「おわる」 and idle expiry leave no trace of the resident anywhere."""

import datetime as dt
import logging
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from navi.records.db import session_factory
from navi.records.models import KioskSession
from tests.wizard.journeys import FAMILY_MOVING_IN, walk

TRACES = ["夢野", "太一", "ユメノ", "タイチ", "新町9-9-9", "1987-09-09", "19870909"]


def files_containing(folder: Path, needles: list[str]) -> list[tuple[str, str]]:
    """(file, needle) for every file under `folder` whose bytes hold a needle in UTF-8."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [(str(path), needle) for needle in needles if needle.encode("utf-8") in data]
    return found


def sessions(app) -> int:
    with session_factory(app.config["DATABASE_URL"])() as db:
        return db.scalar(select(func.count()).select_from(KioskSession))


def test_the_draft_is_stored_encrypted_while_the_resident_works(app, client):
    walk(client, FAMILY_MOVING_IN)
    assert sessions(app) == 1
    assert files_containing(Path(app.instance_path), TRACES) == []


@pytest.mark.parametrize("reason", ["finished", "idle", "restart"])
def test_finishing_or_idling_out_wipes_everything(app, client, caplog, reason):
    caplog.set_level(logging.DEBUG)
    walk(client, FAMILY_MOVING_IN)
    response = client.post("/finish", data={"reason": reason})
    assert response.headers["Location"] == f"/?wiped={reason}"
    assert sessions(app) == 0
    with client.session_transaction() as cookie:
        assert "wizard_token" not in cookie
    # The browser's back button asks again for the pages it showed: they send the resident to the start.
    for page in ("/step/person-0", "/check", "/result"):
        back = client.get(page)
        assert back.status_code == 302 and back.headers["Location"] == "/"
    assert files_containing(Path(app.instance_path), TRACES) == []
    assert [record for record in caplog.records if any(t in record.getMessage() for t in TRACES)] == []


def test_a_session_past_its_idle_time_is_gone_even_without_the_page_script(app, client):
    walk(client, FAMILY_MOVING_IN)
    with session_factory(app.config["DATABASE_URL"])() as db:
        db.execute(update(KioskSession).values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)))
        db.commit()
    response = client.get("/result")
    assert response.headers["Location"] == "/"
    assert sessions(app) == 0
    assert files_containing(Path(app.instance_path), TRACES) == []


def test_keepalive_extends_a_live_session_and_reports_a_gone_one(app, client):
    client.post("/begin")
    assert client.post("/keepalive").status_code == 204
    client.post("/finish", data={"reason": "idle"})
    assert client.post("/keepalive").status_code == 410


def test_wizard_pages_are_never_cached(client):
    client.post("/begin")
    for url in ("/", "/step/event"):
        assert client.get(url).headers["Cache-Control"] == "no-store"
