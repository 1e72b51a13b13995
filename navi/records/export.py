"""A case as JSON or CSV, in the layout docs/case-export.md documents (format todokede-navi/case/1)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from navi.records.audit import as_utc
from navi.records.models import CaseRecord

FORMAT = "todokede-navi/case/1"
CSV_COLUMNS = ("receipt_no", "section", "member_id", "field", "value")
# Spreadsheet programs run cells starting with these as formulas; a leading ' keeps them text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def case_document(case: CaseRecord) -> dict:
    """The case as one JSON document."""
    titles = {p["id"]: p for p in case.plan["procedures"]}
    return {
        "format": FORMAT,
        "receipt_no": case.receipt_no,
        "received_at": as_utc(case.received_at).isoformat(),
        "received_on": case.received_on.isoformat(),
        "source": case.source,
        "catalog_version": case.catalog_version,
        "facts": case.facts,
        "plan": case.plan,
        "procedures": [
            {"id": p.procedure_id, "title": titles.get(p.procedure_id, {}).get("title", p.procedure_id),
             "counter_id": p.counter_id, "status": p.status, "updated_at": as_utc(p.updated_at).isoformat(),
             "updated_by": p.updated_by}
            for p in case.procedures
        ],
    }


def case_json(case: CaseRecord) -> str:
    """The case document as JSON text (UTF-8, readable Japanese)."""
    return json.dumps(case_document(case), ensure_ascii=False, indent=2)


def case_rows(case: CaseRecord) -> Iterator[tuple[str, str, str, str]]:
    """(section, member_id, field, value) for every value of the case, in a fixed order."""
    facts = case.facts
    yield "case", "", "receipt_no", case.receipt_no
    yield "case", "", "received_at", as_utc(case.received_at).isoformat()
    yield "case", "", "source", case.source
    yield "case", "", "catalog_version", case.catalog_version
    for key in ("event", "event_date", "office"):
        yield "case", "", key, facts[key]
    for key in ("notifier", "claimant"):  # member ids, when the resident chose them
        if facts.get(key):
            yield "case", "", key, facts[key]
    for address in ("from_address", "to_address", "address"):
        for key, value in (facts.get(address) or {}).items():
            yield "address", "", f"{address}.{key}", _text(value)
    for member in facts["members"]:
        for key, value in member.items():
            if key != "id":
                yield "member", member["id"], key, _text(value)
    for key, value in sorted(facts.get("answers", {}).items()):
        yield "answer", "", key, _text(value)
    for row in case.procedures:
        yield "procedure", "", row.procedure_id, row.status


def case_csv(case: CaseRecord) -> str:
    """The case as CSV (UTF-8 with BOM for spreadsheet programs, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for section, member_id, field, value in case_rows(case):
        writer.writerow((case.receipt_no, section, member_id, field, _safe(value)))
    return "\ufeff" + out.getvalue()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value
