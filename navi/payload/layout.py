"""The one place that knows where each household fact sits in a QR payload (layout schema versions 1 and 2).

Facts travel as positions, not names: enums as indexes into the tables below, dates as YYYYMMDD
integers, booleans and "is this optional field present" flags packed into one mixed-radix integer
per record, answer keys as positions in the named catalog version's sorted question ids, members named
by the facts (who files, who claims) as their positions in the household. Changing anything here (a
table, an order, a field) needs a new SCHEMA_VERSION; codes already printed keep reading with theirs.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from enum import Enum
from typing import Any

from navi.domain.catalog.model import Catalog
from navi.domain.facts import Address, CareLevel, Facts, HealthInsurance, Member, Pension, Relation, Sex
from navi.payload.binary import Reader, Writer
from navi.payload.errors import Damaged

SCHEMA_VERSION = 2
# Every version a counter reads: 2 added who files and who claims (two flags, then member positions).
SCHEMA_VERSIONS = (1, 2)


def _table(enum: type[Enum], values: str) -> tuple[str, ...]:
    # Written out rather than iterated from the enum, so reordering facts.py cannot silently renumber
    # codes already printed; `enum(value)` fails at import if a value was renamed or removed.
    return tuple(enum(value).value for value in values.split())


RELATIONS = _table(Relation, "head spouse child parent grandchild sibling other")
SEXES = _table(Sex, "male female")
HEALTH_INSURANCES = _table(HealthInsurance, "employee employee_dependent national late_elderly welfare none")
PENSIONS = _table(Pension, "category1 category2 category3 pensioner none")
CARE_LEVELS = _table(CareLevel, "none support1 support2 care1 care2 care3 care4 care5")
ENUM_TABLES: dict[type[Enum], tuple[str, ...]] = {
    Relation: RELATIONS,
    Sex: SEXES,
    HealthInsurance: HEALTH_INSURANCES,
    Pension: PENSIONS,
    CareLevel: CARE_LEVELS,
}
# Identifiers from design.md §3 travel as one small number; any other id (a catalog may add events or
# offices) travels as text after a 0.
EVENTS = ("moving_in", "moving_out", "moving_within", "birth", "death", "marriage", "divorce", "job_start", "job_end")
OFFICES = (
    *("chuo", "higashi", "nishi", "minami", "kita"),
    *("takuma", "kawachi", "koda", "jonan", "tenmei", "shimizu", "tatsuda"),
)
_ADDRESSES = ("from_address", "to_address", "address")
# The facts record opens with one integer: event index, office index, one "present" flag per address and
# (from schema 2) one per role a member is named for.
_ROLES = ("notifier", "claimant")
_TOP_RADICES = {1: [len(EVENTS) + 1, len(OFFICES) + 1, 2, 2, 2]}
_TOP_RADICES[2] = _TOP_RADICES[1] + [2] * len(_ROLES)
_HEX16 = re.compile(r"[0-9a-f]{16}")

# A member record opens with one integer whose mixed-radix digits are, in this order: the enums, the
# booleans, "nationality is not JP", then one "present" flag per optional field. Values follow in order.
_MEMBER_ENUMS = (
    ("relation", RELATIONS),
    ("sex", SEXES),
    ("health_insurance", HEALTH_INSURANCES),
    ("pension", PENSIONS),
    ("care_level", CARE_LEVELS),
)
_MEMBER_BOOLS = ("has_my_number_card", "disability_handbook", "moving", "subject")
_MEMBER_OPTIONAL = ("residence_status", "residence_card_number", "period_of_stay_until", "phone")
_MEMBER_NAMES = ("family_name", "given_name", "family_name_kana", "given_name_kana")
_MEMBER_RADICES = [len(table) for _, table in _MEMBER_ENUMS] + [2] * (len(_MEMBER_BOOLS) + 1 + len(_MEMBER_OPTIONAL))
_ADDRESS_TEXT = ("prefecture", "city", "street", "building")
_ANSWER_NONE, _ANSWER_FALSE, _ANSWER_TRUE, _ANSWER_INT, _ANSWER_TEXT = range(5)

# Every field the layout carries, per model: a test compares these with facts.py, so a field added
# there fails loudly instead of being dropped on the way to the counter.
CARRIED: dict[type, frozenset[str]] = {
    Facts: frozenset({"event", "event_date", "office", *_ADDRESSES, "members", "answers", *_ROLES}),
    Member: frozenset(
        {"id", "birth_date", "nationality", *_MEMBER_NAMES, *_MEMBER_BOOLS, *_MEMBER_OPTIONAL}
        | {name for name, _ in _MEMBER_ENUMS}
    ),
    Address: frozenset({"postal_code", *_ADDRESS_TEXT, "country"}),
}


def question_ids(catalog: Catalog) -> tuple[str, ...]:
    """The catalog's question ids in the order answer keys are numbered: sorted, so it is content-determined."""
    return tuple(sorted(q.id for q in catalog.questions))


def pack(facts: Facts, catalog_version: str, questions: Sequence[str] = ()) -> bytes:
    """Facts and their catalog version as layout bytes; `questions` are that version's question_ids()."""
    if not _HEX16.fullmatch(catalog_version):
        raise ValueError(f"catalog version must be 16 lowercase hex digits, not {catalog_version!r}")
    out = Writer()
    out.raw(bytes.fromhex(catalog_version))
    present = [getattr(facts, name) is not None for name in (*_ADDRESSES, *_ROLES)]
    top = [_index(EVENTS, facts.event), _index(OFFICES, facts.office), *present]
    out.uint(_mix(top, _TOP_RADICES[SCHEMA_VERSION]))
    if facts.event not in EVENTS:
        out.text(facts.event)
    if facts.office not in OFFICES:
        out.text(facts.office)
    out.uint(_date(facts.event_date))
    for name in _ADDRESSES:
        if (address := getattr(facts, name)) is not None:
            _pack_address(out, address)
    out.uint(len(facts.members))
    for position, member in enumerate(facts.members):
        _pack_member(out, member, position)
    out.uint(len(facts.answers))
    for key, value in facts.answers.items():
        # The catalog version travels with the code, so a question's position there names it in a byte.
        out.uint(_index(questions, key))
        if key not in questions:
            out.text(key)
        _pack_answer(out, value)
    ids = [member.id for member in facts.members]
    for name in _ROLES:
        if (member_id := getattr(facts, name)) is not None:
            if member_id not in ids:
                raise ValueError(f"{name} {member_id!r} is not a member of the household")
            out.uint(ids.index(member_id))
    return out.getvalue()


def catalog_version_of(data: bytes) -> str:
    """The catalog version named by layout bytes, read before the rest because the rest needs its questions."""
    return Reader(data).raw(8).hex()


def unpack(
    data: bytes, questions: Sequence[str] = (), schema_version: int = SCHEMA_VERSION
) -> tuple[str, dict[str, Any]]:
    """Layout bytes of a schema version back to (catalog version, facts as plain data); still untrusted."""
    source = Reader(data)
    catalog_version = source.raw(8).hex()
    event, office, *present = _unmix(source.uint(), _TOP_RADICES[schema_version])
    roles = [name for name, here in zip(_ROLES, present[len(_ADDRESSES):], strict=False) if here]
    facts: dict[str, Any] = {
        "event": EVENTS[event - 1] if event else source.text(),
        "office": OFFICES[office - 1] if office else source.text(),
    }
    facts["event_date"] = _iso(source.uint())
    for name, here in zip(_ADDRESSES, present[: len(_ADDRESSES)], strict=True):
        if here:
            facts[name] = _unpack_address(source)
    facts["members"] = [_unpack_member(source, position) for position in range(source.uint())]
    answers = {}
    for _ in range(source.uint()):
        position = source.uint()
        if position > len(questions):
            raise Damaged("answer to a question the catalog does not have")
        key = questions[position - 1] if position else source.text()
        answers[key] = _unpack_answer(source)
    facts["answers"] = answers
    for name in roles:
        position = source.uint()
        if position >= len(facts["members"]):
            raise Damaged(f"{name} names a member the code does not have")
        facts[name] = facts["members"][position]["id"]
    source.end()
    return catalog_version, facts


def _pack_member(out: Writer, member: Member, position: int) -> None:
    digits = [table.index(getattr(member, name).value) for name, table in _MEMBER_ENUMS]
    digits += [int(getattr(member, name)) for name in _MEMBER_BOOLS]
    digits.append(int(member.nationality != "JP"))
    digits += [int(getattr(member, name) is not None) for name in _MEMBER_OPTIONAL]
    out.uint(_mix(digits, _MEMBER_RADICES))
    # The usual ids m1, m2, … cost one byte: an empty id (never valid) stands for "m<position+1>".
    out.text("" if member.id == f"m{position + 1}" else member.id)
    for name in _MEMBER_NAMES:
        out.text(getattr(member, name))
    out.uint(_date(member.birth_date))
    if member.nationality != "JP":
        out.text(member.nationality)
    for name in _MEMBER_OPTIONAL:
        value = getattr(member, name)
        if isinstance(value, dt.date):
            out.uint(_date(value))
        elif value is not None:
            out.text(value)


def _unpack_member(source: Reader, position: int) -> dict[str, Any]:
    digits = iter(_unmix(source.uint(), _MEMBER_RADICES))
    member: dict[str, Any] = {name: table[next(digits)] for name, table in _MEMBER_ENUMS}
    member.update({name: bool(next(digits)) for name in _MEMBER_BOOLS})
    foreign = next(digits)
    present = [name for name in _MEMBER_OPTIONAL if next(digits)]
    member["id"] = source.text() or f"m{position + 1}"
    for name in _MEMBER_NAMES:
        member[name] = source.text()
    member["birth_date"] = _iso(source.uint())
    member["nationality"] = source.text() if foreign else "JP"
    for name in present:
        member[name] = _iso(source.uint()) if name == "period_of_stay_until" else source.text()
    return member


def _pack_address(out: Writer, address: Address) -> None:
    # A postal code is 7 digits: sent as the number plus one (0 = none), padded back to 7 on reading.
    out.uint(0 if address.postal_code is None else int(address.postal_code) + 1)
    for name in _ADDRESS_TEXT:
        out.text(getattr(address, name))
    out.text("" if address.country == "JP" else address.country)


def _unpack_address(source: Reader) -> dict[str, Any]:
    postal = source.uint()
    address: dict[str, Any] = {"postal_code": str(postal - 1).zfill(7) if postal else None}
    for name in _ADDRESS_TEXT:
        address[name] = source.text()
    address["country"] = source.text() or "JP"
    return address


def _pack_answer(out: Writer, value: bool | int | str | None) -> None:
    if value is None:
        out.uint(_ANSWER_NONE)
    elif isinstance(value, bool):
        out.uint(_ANSWER_TRUE if value else _ANSWER_FALSE)
    elif isinstance(value, int):
        out.uint(_ANSWER_INT)
        out.sint(value)
    else:
        out.uint(_ANSWER_TEXT)
        out.text(value)


def _unpack_answer(source: Reader) -> bool | int | str | None:
    kind = source.uint()
    if kind in (_ANSWER_NONE, _ANSWER_FALSE, _ANSWER_TRUE):
        return (None, False, True)[kind]
    if kind == _ANSWER_INT:
        return source.sint()
    if kind == _ANSWER_TEXT:
        return source.text()
    raise Damaged("unknown answer type")


def _index(table: Sequence[str], value: str) -> int:
    return table.index(value) + 1 if value in table else 0


def _mix(digits: list[int], radices: list[int]) -> int:
    value = 0
    for digit, radix in zip(digits, radices, strict=True):
        value = value * radix + digit
    return value


def _unmix(value: int, radices: list[int]) -> list[int]:
    if value >= math.prod(radices):
        raise Damaged("record flags out of range")
    digits = []
    for radix in reversed(radices):
        value, digit = divmod(value, radix)
        digits.append(digit)
    return digits[::-1]


def _date(day: dt.date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def _iso(value: int) -> str:
    # Not checked here: an impossible date such as 20271340 fails later in parse_facts, like any form post.
    return f"{value // 10000:04d}-{value // 100 % 100:02d}-{value % 100:02d}"
