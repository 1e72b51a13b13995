"""Shapes case records for the clerk's screens: members and fields with labels, procedures per counter."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import url_for

from navi.counter.labels import STATUS_LABELS
from navi.domain.catalog.model import Catalog
from navi.domain.facts import Facts
from navi.domain.figures import CaseTimes, PeriodFigures, Spread
from navi.domain.filers import reads
from navi.domain.prefill import claimant, notifier
from navi.domain.unasked import unasked_attributes
from navi.pdf.render import packet_forms
from navi.records import cases
from navi.records.case_access import CaseReading
from navi.records.corrections import ADDRESS_FIELDS, ADDRESSES, MEMBER_FIELDS
from navi.records.models import CaseFigure, CaseRecord, CounterFigure
from navi.web import charts
from navi.web.fact_labels import DATE_FIELDS, NOT_ASKED, date_label, field_label, value_label
from navi.web.i18n import current_lang
from navi.web.i18n import lazy_gettext as _l
from navi.web.questions import answer_to_form, question_choices
from navi.web.templating import format_date, format_datetime, office_time, office_today

# Fields shown for every member even when empty, so the clerk can fill them in with 「修正」.
ALWAYS_SHOWN = MEMBER_FIELDS[:10]


def _fields(prefix: str, values: dict, names: tuple[str, ...], unasked: set[str] = frozenset()) -> list[dict]:
    return [
        {"path": f"{prefix}.{name}", "label": field_label(name),
         "value": _shown(name, values.get(name), name in unasked)}
        for name in names if name in values or name in ALWAYS_SHOWN
    ]


def _shown(name: str, value: Any, unasked: bool) -> str:
    if unasked:
        return str(NOT_ASKED)
    if name in DATE_FIELDS and value:
        return date_label(name, value, office_today())
    return value_label(name, value)


def never_asked(facts: dict, current: Catalog) -> dict[str, set[str]]:
    """Per member, the household-wide attributes the wizard did not ask (no answer could change the plan)."""
    try:
        parsed = Facts.model_validate(facts)
        return unasked_attributes(parsed, current)
    except (StopIteration, KeyError, ValueError):
        return {}  # today's catalog no longer knows the event: show the values as they came


def _answers(facts: dict, current: Catalog) -> list[dict[str, Any]]:
    """Each answer with the question's words and the choice's words, as the resident saw them."""
    rows = []
    for question_id, value in sorted(facts.get("answers", {}).items()):
        question = next((q for q in current.questions if q.id == question_id), None)
        label = question.text.get(current_lang()) if question else question_id
        words = dict(question_choices(question, current_lang())) if question else {}
        rows.append({"path": f"answers.{question_id}", "label": label,
                     "value": words.get(answer_to_form(value)) or value_label(question_id, value)})
    return rows


def case_view(case: CaseRecord, current: Catalog) -> dict[str, Any]:
    """Everything the case page shows, grouped per person, per address and per counter."""
    facts = case.facts
    unasked = never_asked(facts, current)
    members = [
        {"id": m["id"], "name": f"{m['family_name']}\u3000{m.get('given_name', '')}".strip(),
         "kana": f"{m.get('family_name_kana', '')}\u3000{m.get('given_name_kana', '')}".strip(),
         "fields": _fields(f"members.{m['id']}", m, MEMBER_FIELDS, unasked.get(m["id"], set()))}
        for m in facts["members"]
    ]
    addresses = [
        {"key": key, "label": field_label(key), "fields": _fields(key, facts[key], ADDRESS_FIELDS)}
        for key in ADDRESSES if facts.get(key)
    ]
    return {
        "event": _event_title(current, case.event),
        "office": _office_name(current, case.office),
        "event_date": facts["event_date"],
        "members": members,
        "addresses": addresses,
        "answers": _answers(facts, current),
        "counters": procedures_by_counter(case, current),
        "differences": _differences(case, current),
        "member_names": {m["id"]: m["name"] for m in members},
        "open_questions": [{"question": q["question"], "text": q["text"],
                            "could_add": [_procedure_title(current, p) for p in q["could_add"]]}
                           for q in case.plan.get("open_questions", [])],
    }


def _procedure_title(current: Catalog, procedure_id: str) -> str:
    """A procedure's title in this language (its id when today's catalog no longer has it)."""
    found = next((p for p in current.procedures if p.id == procedure_id), None)
    return found.title.get(current_lang()) if found else procedure_id


def procedures_by_counter(case: CaseRecord, current: Catalog) -> list[dict[str, Any]]:
    """The case's procedures grouped by counter in visiting order, each with its plan entry and status."""
    planned = {p["id"]: p for p in case.plan["procedures"]}
    groups: dict[str, dict[str, Any]] = {}
    for row in case.procedures:
        entry = planned.get(row.procedure_id, {})
        group = groups.setdefault(row.counter_id, {
            "id": row.counter_id, "name": entry.get("counter", row.counter_id), "procedures": []})
        group["procedures"].append({"row": row, "plan": entry, "status_label": str(STATUS_LABELS[row.status])})
    order = {c.id: c.order for c in current.counters}
    return sorted(groups.values(), key=lambda g: order.get(g["id"], 99))


def _differences(case: CaseRecord, current: Catalog):
    try:
        return cases.catalog_differences(case, current)
    except (StopIteration, KeyError, ValueError):
        # Today's catalog no longer knows the case's event or office: nothing to compare with.
        return None


def _event_title(current: Catalog, event_id: str) -> str:

    event = next((e for e in current.events if e.id == event_id), None)
    return event.title.get(current_lang()) if event else event_id


def _office_name(current: Catalog, office_id: str) -> str:

    office = next((o for o in current.offices if o.id == office_id), None)
    return office.name.get(current_lang()) if office else office_id


def _elsewhere(case: CaseRecord, counter_id: str, planned: dict[str, dict]) -> list[dict[str, Any]]:
    """Progress at the case's other counters: how many of their procedures are finished."""
    progress: dict[str, dict[str, Any]] = {}
    for row in case.procedures:
        if row.counter_id != counter_id:
            name = planned.get(row.procedure_id, {}).get("counter", row.counter_id)
            entry = progress.setdefault(row.counter_id, {"counter": name, "finished": 0, "total": 0})
            entry["total"] += 1
            entry["finished"] += row.status not in cases.OPEN_STATUSES
    return list(progress.values())


def queue_rows(items: list[cases.QueueItem], counter_id: str, calls: dict | None = None) -> list[dict[str, Any]]:
    """A counter's queue as plain data, for the page and for the polling JSON (with today's calls)."""
    rows = []
    calls = calls or {}
    for item in items:
        called = calls.get(item.case.id)
        planned = {p["id"]: p for p in item.case.plan["procedures"]}
        head = next((m for m in item.case.facts["members"] if m["relation"] == "head"), item.case.facts["members"][0])
        rows.append({
            "case_id": item.case.id,
            "receipt_no": item.case.receipt_no,
            "received_at": format_datetime(item.case.received_at, "%H:%M"),
            "name": f"{head['family_name']}\u3000{head.get('given_name', '')}".strip(),
            "url": url_for("counter.case_detail", case_id=item.case.id),
            "elsewhere": _elsewhere(item.case, counter_id, planned),
            "called_at": format_datetime(called.called_at, "%H:%M") if called else None,
            "absent": bool(called and called.absent),
            "procedures": [
                {"id": p.procedure_id, "title": planned.get(p.procedure_id, {}).get("title", p.procedure_id),
                 "status": p.status, "status_label": str(STATUS_LABELS[p.status]),
                 "action": url_for("counter.set_status", case_id=item.case.id, procedure_id=p.procedure_id)}
                for p in item.procedures
            ],
        })
    return rows


def printable_forms(reading: CaseReading) -> list[tuple[str, str]]:
    """(form id, title) of each form the case's plan files, in visiting order, for the print buttons."""
    if reading.catalog is None:
        return []
    return [(form.id, form.title.ja) for form in packet_forms(reading.plan(), reading.catalog)]


ROLE_LABELS = {"notifier": _l("届出人"), "claimant": _l("請求者")}


def filer_rows(reading: CaseReading) -> list[dict[str, str]]:
    """Who files and who claims, as the case's forms print them, for each role a form has boxes for; a role
    the resident did not choose (not asked, or a code from before it was) says so."""
    if reading.catalog is None:
        return []
    facts = reading.facts
    forms = packet_forms(reading.plan(), reading.catalog)
    people = {"notifier": notifier(facts), "claimant": claimant(facts)}
    return [{"role": role, "label": str(label), "name": people[role].full_name,
             "chosen": getattr(facts, role) is not None}
            for role, label in ROLE_LABELS.items() if any(reads(form, role) for form in forms)]


def case_times(rows: list[tuple[CaseFigure, list[CounterFigure]]]) -> list[CaseTimes]:
    """The figures' rows as the domain sums them: the office's day, and seconds from receipt per counter."""
    found = []
    for case, counters in rows:
        received = office_time(case.received_at)

        def since_receipt(moment, received=received) -> float:
            return (office_time(moment) - received).total_seconds()

        found.append(CaseTimes(
            day=received.date(), office=case.office, event=case.event, procedures=case.procedures,
            characters=case.characters,
            waits={c.counter_id: since_receipt(c.called_at) for c in counters if c.called_at},
            finishes={c.counter_id: since_receipt(c.done_at) for c in counters if c.done_at}))
    return found


def _counter_names(current: Catalog) -> dict[str, str]:
    return {c.id: c.name.get(current_lang()) for c in sorted(current.counters, key=lambda c: c.order)}


def figures_view(periods: list[PeriodFigures], total: PeriodFigures | None, current: Catalog) -> dict[str, Any]:
    """The figures page: a table per topic, and a chart of each drawn from the same numbers."""
    names = _counter_names(current)
    shown = [c for c in names if total and (c in total.waits or c in total.finishes)]
    view: dict[str, Any] = {"periods": periods, "total": total, "counters": [(c, names[c]) for c in shown]}
    if total is None:
        return view
    view["charts"] = {
        "cases": charts.bar_chart("chart-cases", [format_date(p.start) for p in periods], [p.cases for p in periods],
                                  str(_l("受付件数")), str(_l("件"))),
        "waits": charts.bar_chart("chart-waits", [names[c] for c in shown],
                                  [total.waits[c].median or 0 if c in total.waits else 0 for c in shown],
                                  str(_l("受付から呼び出しまでの待ち時間（中央値）")), str(_l("分"))),
        "finishes": charts.bar_chart("chart-finishes", [names[c] for c in shown],
                                     [total.finishes[c].median or 0 if c in total.finishes else 0 for c in shown],
                                     str(_l("受付から窓口の完了までの時間（中央値）")), str(_l("分"))),
    }
    return view


CSV_COLUMNS = ("period_start", "counter", "cases", "procedures_per_case", "characters_not_typed", "minutes_saved",
               "wait_count", "wait_median_minutes", "wait_p90_minutes",
               "done_count", "done_median_minutes", "done_p90_minutes")


def _spread_cells(spread: Spread | None) -> list[Any]:
    return ["", "", ""] if spread is None else [spread.count, spread.median, spread.p90]


def figures_csv(periods: list[PeriodFigures]) -> str:
    """The figures as CSV: a row per period (counter empty), then a row per counter it had."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in periods:
        writer.writerow([p.start.isoformat(), "", p.cases, p.procedures_per_case, p.characters, p.minutes_saved,
                         *_spread_cells(None), *_spread_cells(None)])
        for counter_id in sorted(set(p.waits) | set(p.finishes)):
            writer.writerow([p.start.isoformat(), counter_id, "", "", "", "",
                             *_spread_cells(p.waits.get(counter_id)), *_spread_cells(p.finishes.get(counter_id))])
    return out.getvalue()
