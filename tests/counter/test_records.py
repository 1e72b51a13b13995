"""Record operations on SQLite and on a real PostgreSQL: cases, receipt numbers, races, search, purge."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import func, select

from navi.domain.validation import parse_facts
from navi.records import audit, cases, corrections, retention
from navi.records.db import session_factory
from navi.records.models import AuditEntry, CaseProcedure, CaseRecord
from tests.factories import default_catalog, example_facts

CATALOG = default_catalog()


def facts(**changes):
    """The example family, optionally with top-level changes."""
    return parse_facts({**example_facts(), **changes}, CATALOG)


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_a_scanned_code_becomes_a_case_with_plan_receipt_and_statuses(session):
    case, created = cases.receive_code(session, facts(), CATALOG, "a" * 64, "clerk")
    assert created
    assert case.receipt_no.endswith("-0001") and len(case.receipt_no) == 13
    assert case.catalog_version == CATALOG.version
    assert [m["given_name"] for m in case.facts["members"]] == ["太郎", "花子", "一郎", "桜"]
    # One status row per procedure a counter here does: not automatic ones, nor pointers to other offices.
    planned = [p["id"] for p in case.plan["procedures"] if not p["automatic"] and not p["elsewhere"]]
    assert [p.procedure_id for p in case.procedures] == planned
    assert any(p["elsewhere"] for p in case.plan["procedures"])  # 運転免許証 at the police: listed, no row
    assert {p.status for p in case.procedures} == {"not_started"}
    assert "tennyu_todoke" in planned


def test_the_same_code_twice_opens_the_first_case(session):
    first, created = cases.receive_code(session, facts(), CATALOG, "b" * 64, "clerk")
    again, created_again = cases.receive_code(session, facts(), CATALOG, "b" * 64, "other")
    assert (created, created_again) == (True, False)
    assert again.id == first.id
    assert count(session, CaseRecord) == 1


def test_two_clerks_submitting_the_same_code_at_the_same_moment_make_one_case(db_url, monkeypatch):
    # Both clerks must get past "is this code known?" before either inserts: the barrier holds each
    # thread right after that check, so the insert race happens on every run, not by luck.
    barrier = threading.Barrier(2, timeout=30)
    original = cases.case_by_digest
    checked = threading.local()

    def check_then_wait(session, digest):
        found = original(session, digest)
        if not getattr(checked, "done", False):
            checked.done = True
            barrier.wait()
        return found

    monkeypatch.setattr(cases, "case_by_digest", check_then_wait)
    results, errors = [], []

    def clerk(name):
        try:
            with session_factory(db_url)() as own:
                case, created = cases.receive_code(own, facts(), CATALOG, "c" * 64, name)
                results.append((case.id, created))
        except Exception as error:  # reported below with the thread's name
            errors.append((name, repr(error)))

    threads = [threading.Thread(target=clerk, args=(f"clerk{i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    print("results:", results, "errors:", errors)
    assert errors == []
    assert sorted(created for _, created in results) == [False, True]
    assert len({case_id for case_id, _ in results}) == 1
    with session_factory(db_url)() as check:
        assert count(check, CaseRecord) == 1
        assert count(check, CaseProcedure) == len(check.scalars(select(CaseRecord)).one().procedures)


def test_receipt_numbers_count_up_per_day_even_when_clerks_race(db_url):
    barrier = threading.Barrier(4, timeout=30)
    numbers = []

    def clerk(index):
        with session_factory(db_url)() as own:
            barrier.wait()
            case, _ = cases.receive_code(own, facts(), CATALOG, f"{index:064d}", "clerk")
            numbers.append(case.receipt_no)

    threads = [threading.Thread(target=clerk, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    print("receipt numbers:", sorted(numbers))
    assert sorted(n[-4:] for n in numbers) == ["0001", "0002", "0003", "0004"]
    assert len({n[:8] for n in numbers}) == 1


def test_assisted_cases_have_no_code_and_say_who_helped(session):
    one = cases.create_case_from_facts(session, facts(), CATALOG, "clerk")
    two = cases.create_case_from_facts(session, facts(), CATALOG, "clerk")
    assert (one.source, one.code_digest, one.received_by) == ("assisted", None, "clerk")
    assert one.receipt_no != two.receipt_no


def test_a_status_change_is_audited_and_moves_the_case_through_the_queue(session):
    case, _ = cases.receive_code(session, facts(), CATALOG, "d" * 64, "clerk")
    kumin = [p.procedure_id for p in case.procedures if p.counter_id == "kumin"]
    assert [item.case.id for item in cases.queue_for(session, "kumin")] == [case.id]
    for procedure_id in kumin:
        assert cases.set_status(session, case, procedure_id, "done", "clerk")
    assert cases.queue_for(session, "kumin") == []
    assert [item.case.id for item in cases.queue_for(session, "kumin", include_finished=True)] == [case.id]
    entry = audit.entries(session, case_id=case.id)[0]
    assert (entry.action, entry.field, entry.before, entry.after) == ("status", kumin[-1], "not_started", "done")
    assert not cases.set_status(session, case, "no_such_procedure", "done", "clerk")


def test_queues_list_cases_in_arrival_order(session):
    first, _ = cases.receive_code(session, facts(), CATALOG, "e" * 64, "clerk")
    second, _ = cases.receive_code(session, facts(), CATALOG, "f" * 64, "clerk")
    assert [item.case.id for item in cases.queue_for(session, "kumin")] == [first.id, second.id]


def test_a_correction_changes_the_case_and_logs_before_and_after(session):
    case, _ = cases.receive_code(session, facts(), CATALOG, "1" * 64, "clerk")
    problems = corrections.correct(session, case, "members.m1.given_name", "次郎", "届出人の申出", "clerk", CATALOG)
    assert problems == []
    assert case.facts["members"][0]["given_name"] == "次郎"
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "correction")).one()
    assert (entry.actor, entry.field, entry.before, entry.after) == ("clerk", "members.m1.given_name", "太郎", "次郎")
    assert entry.detail == {"reason": "届出人の申出"}


def test_an_invalid_correction_is_refused_with_the_problem(session):
    case, _ = cases.receive_code(session, facts(), CATALOG, "2" * 64, "clerk")
    problems = corrections.correct(session, case, "members.m1.birth_date", "2027-13-45", "誤記", "clerk", CATALOG)
    assert [p.code for p in problems] == ["invalid_date"]
    assert case.facts["members"][0]["birth_date"] == "1988-05-10"
    assert session.scalars(select(AuditEntry).where(AuditEntry.action == "correction")).all() == []


def test_a_correction_that_changes_the_plan_adds_and_drops_procedures(session):
    case, _ = cases.receive_code(session, facts(), CATALOG, "3" * 64, "clerk")
    before = {p.procedure_id for p in case.procedures}
    corrections.correct(session, case, "members.m2.health_insurance", "national", "国保加入中と判明", "clerk", CATALOG)
    after = {p.procedure_id: p.status for p in case.procedures}
    print("procedures before:", sorted(before), "after:", after)
    assert set(after) >= before
    assert after["kokuho_join"] == "not_started"  # 国民健康保険の加入: now due for the spouse
    assert "kokuho_join" in {p["id"] for p in case.plan["procedures"]}


def test_search_by_receipt_number_kana_and_day(session):
    case, _ = cases.receive_code(session, facts(), CATALOG, "4" * 64, "clerk")
    other = example_facts()
    for member in other["members"]:
        member["family_name_kana"] = "ヤマダ"
    cases.receive_code(session, parse_facts(other, CATALOG), CATALOG, "5" * 64, "clerk")
    assert [c.id for c in cases.search(session, receipt=case.receipt_no)] == [case.id]
    assert [c.id for c in cases.search(session, kana="くまもと　たろう")] == [case.id]
    assert [c.id for c in cases.search(session, kana="ｸﾏﾓﾄ")] == [case.id]
    assert len(cases.search(session, day=case.received_on)) == 2
    assert cases.search(session, day=case.received_on - dt.timedelta(days=1)) == []
    assert cases.search(session, kana="%") == []


def test_purge_deletes_old_cases_and_audits_only_the_count(session):
    old, _ = cases.receive_code(session, facts(), CATALOG, "6" * 64, "clerk")
    corrections.correct(session, old, "members.m1.given_name", "次郎", "誤記", "clerk", CATALOG)
    old.received_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=CATALOG.info.retention_days + 1)
    session.commit()
    recent, _ = cases.receive_code(session, facts(), CATALOG, "7" * 64, "clerk")
    assert retention.purge(session, CATALOG.info.retention_days) == 1
    assert [c.id for c in session.scalars(select(CaseRecord))] == [recent.id]
    assert {p.case_id for p in session.scalars(select(CaseProcedure))} == {recent.id}
    purge = session.scalars(select(AuditEntry).where(AuditEntry.action == "purge")).one()
    assert purge.detail == {"deleted": 1, "retention_days": CATALOG.info.retention_days}
    leftovers = [(e.action, e.before, e.after) for e in session.scalars(select(AuditEntry)) if e.case_id == old.id]
    print("audit entries of the purged case:", leftovers)
    assert {action for action, _, _ in leftovers} == {"case_created", "correction"}
    assert all(before is None and after is None for _, before, after in leftovers)


def test_purge_keeps_cases_inside_the_retention_period(session):
    cases.receive_code(session, facts(), CATALOG, "8" * 64, "clerk")
    assert retention.purge(session, CATALOG.info.retention_days) == 0
    assert count(session, CaseRecord) == 1
