"""Writes cases one after another and stops in the middle of one (blocked on stdin) for the test to kill.

python -m tests.faults.case_writer DATABASE_URL CASE STATEMENT: pauses in the transaction of case number CASE
right after its STATEMENT-th SQL statement (tests/faults/test_killed_writer.py sends SIGKILL there).
"""

from __future__ import annotations

import itertools
import sys

from sqlalchemy import event

from navi.domain.validation import parse_facts
from navi.records.cases import create_case_from_facts
from navi.records.db import engine_for, session_factory
from tests.factories import default_catalog, example_facts


def main() -> None:
    url, pause_case, pause_after = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    catalog = default_catalog()
    facts = parse_facts(example_facts(), catalog)
    where = {"case": 0, "statement": 0}

    @event.listens_for(engine_for(url), "after_cursor_execute")
    def _pause(_conn, _cursor, statement, _params, _context, _many) -> None:
        if where["case"] != pause_case:
            return
        where["statement"] += 1
        if where["statement"] == pause_after:
            print(f"paused in case {pause_case} after: {' '.join(statement.split()[:3])}", flush=True)
            sys.stdin.readline()  # never answered: the test kills this process here, mid-transaction

    for number in itertools.count(1):
        where.update(case=number, statement=0)
        with session_factory(url)() as session:
            case = create_case_from_facts(session, facts, catalog, "writer", source="assisted")
            print(f"written {number} {case.receipt_no}", flush=True)


if __name__ == "__main__":
    main()
