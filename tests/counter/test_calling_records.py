"""Calling and the figures' rows on SQLite and a real PostgreSQL, and migration 0008 both ways."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import command

from navi.domain.validation import parse_facts
from navi.records import calling, cases
from navi.records.db import engine_for, migrations, upgrade
from navi.records.models import CaseFigure, CounterFigure
from tests.factories import default_catalog, example_facts


def utc(moment: dt.datetime) -> dt.datetime:
    """A stored moment in UTC (SQLite hands it back without its zone)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def test_calling_marks_the_first_call_and_absent_takes_the_number_off_the_board(session, db_url):
    catalog = default_catalog()
    first = cases.create_case_from_facts(session, parse_facts(example_facts(), catalog), catalog, "clerk")
    second = cases.create_case_from_facts(session, parse_facts(example_facts(), catalog), catalog, "clerk")
    assert [c.id for c in calling.waiting(session, "kumin")] == [first.id, second.id]
    called = calling.call(session, "kumin", "clerk")
    assert called.receipt_no == first.receipt_no and called.office == "chuo"
    kumin = next(x for x in calling.board_document(session, catalog, "chuo")["counters"] if x["id"] == "kumin")
    assert (kumin["calling"], kumin["waiting"]) == (first.receipt_no, 1)
    again = calling.call(session, "kumin", "clerk", first.id)  # called again: the wait ended at the first call
    row = session.scalar(sa.select(CounterFigure).where(CounterFigure.case_ref == first.id,
                                                        CounterFigure.counter_id == "kumin"))
    assert row.called_at is not None and utc(row.called_at) < utc(again.called_at)
    assert calling.mark_absent(session, "kumin", first.id, "clerk")
    assert not calling.mark_absent(session, "kumin", second.id, "clerk")  # never called here
    kumin = next(x for x in calling.board_document(session, catalog, "chuo")["counters"] if x["id"] == "kumin")
    assert (kumin["calling"], kumin["waiting"]) == (None, 1)
    assert calling.call(session, "no_such_counter", "clerk", first.id) is None
    figure = session.get(CaseFigure, first.id)
    assert figure.source == "assisted" and figure.characters == 0  # nothing spared: the clerk typed it all


def test_migration_0008_adds_the_tables_and_can_be_undone(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    upgrade(url)
    tables = set(sa.inspect(engine_for(url)).get_table_names())
    assert {"counter_calls", "case_figures", "counter_figures"} <= tables
    command.downgrade(migrations(url), "0007")
    engine_for(url).dispose()
    assert not {"counter_calls", "case_figures", "counter_figures"} & set(sa.inspect(engine_for(url)).get_table_names())
    upgrade(url)
    engine_for(url).dispose()
