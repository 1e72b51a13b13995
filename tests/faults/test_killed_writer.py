"""A process killed (SIGKILL) in the middle of writing a case: afterwards the database is consistent, every
case has all its procedures, receipt numbers are unique and gapless, and writing goes on."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from navi.domain.validation import parse_facts
from navi.records.cases import create_case_from_facts
from navi.records.db import engine_for, session_factory
from navi.records.models import AuditEntry, CaseProcedure, CaseRecord, ReceiptSequence
from tests.counter.conftest import prepared
from tests.factories import default_catalog, example_facts

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'cases.sqlite3'}"
        yield request.param, prepared(url)
        engine_for(url).dispose()
        return
    server = request.getfixturevalue("postgres_server")
    name, url = server.create_database()
    try:
        yield request.param, prepared(url)
    finally:
        engine_for(url).dispose()
        server.drop_database(name)


def kill_mid_write(url: str, case: int, statement: int) -> list[str]:
    """Run the writer until it pauses inside the transaction of case number `case`, then SIGKILL it."""
    writer = subprocess.Popen([sys.executable, "-m", "tests.faults.case_writer", url, str(case), str(statement)],
                              cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    lines = []
    for line in writer.stdout:
        lines.append(line.strip())
        if line.startswith("paused"):
            writer.send_signal(signal.SIGKILL)
            break
    writer.wait(timeout=30)
    writer.stdin.close()
    writer.stdout.close()
    errors = writer.stderr.read()
    writer.stderr.close()
    assert writer.returncode == -signal.SIGKILL, (lines, errors)
    return lines


def test_a_writer_killed_in_the_middle_of_a_case_leaves_the_database_consistent(database):
    kind, url = database
    pick = random.Random(f"kill-{kind}")  # seeded: a different moment per database, the same every run
    case, statement = pick.randint(2, 5), pick.randint(1, 4)
    lines = kill_mid_write(url, case, statement)
    print(kind, "killed", lines[-1])
    assert lines[-1].startswith(f"paused in case {case}") and len(lines) == case

    with session_factory(url)() as session:
        if kind == "sqlite":
            assert session.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        cases = session.scalars(select(CaseRecord).order_by(CaseRecord.id)).all()
        assert len(cases) == case - 1  # the killed write left nothing behind
        rows = session.execute(select(CaseProcedure.case_id, func.count()).group_by(CaseProcedure.case_id))
        per_case = dict(rows.all())
        # One status row per procedure a counter here does (pointers to other offices have none).
        expected = len([p for p in cases[0].plan["procedures"] if not p.get("automatic") and not p.get("elsewhere")])
        assert expected > 0 and all(per_case.get(c.id) == expected for c in cases), per_case
        numbers = [c.receipt_no for c in cases]
        assert len(set(numbers)) == len(numbers)
        assert sorted(int(n[-4:]) for n in numbers) == list(range(1, case))
        assert session.scalar(select(ReceiptSequence.last)) == case - 1
        assert session.scalar(select(func.count()).select_from(AuditEntry)
                              .where(AuditEntry.action == "case_created")) == case - 1

    with session_factory(url)() as session:  # nobody is left holding a lock: the next case is written at once
        catalog = default_catalog()
        made = create_case_from_facts(session, parse_facts(example_facts(), catalog), catalog, "clerk")
        assert made.receipt_no.endswith(f"-{case:04d}")
