"""The positional layout: every fact survives, enum tables stay bound to the facts model, input is checked."""

from __future__ import annotations

from enum import Enum

import pytest

from navi.domain.facts import Address, CareLevel, Facts, HealthInsurance, Member, Pension, Relation, Sex
from navi.payload import layout
from navi.payload.binary import Writer
from navi.payload.errors import Damaged
from tests import factories

from .conftest import SCHEMA_1_LAYOUT

HOUSEHOLDS = {
    "one": factories.household(1),
    "four_with_answers": factories.family_of_four(),
    "six": factories.household(6),
    "foreign": factories.foreign_household(),
    "long_address": factories.long_address_household(),
    "oversized": factories.oversized_household(),
}


@pytest.mark.parametrize("name", HOUSEHOLDS)
def test_every_fact_survives_pack_and_unpack(name, catalog, facts_of):
    facts = facts_of(HOUSEHOLDS[name])
    packed = layout.pack(facts, catalog.version, layout.question_ids(catalog))
    version, data = layout.unpack(packed, layout.question_ids(catalog))
    assert version == catalog.version
    assert facts_of(data) == facts


def test_layout_is_far_smaller_than_descriptive_json(catalog, facts_of):
    facts = facts_of(factories.family_of_four())
    packed = layout.pack(facts, catalog.version, layout.question_ids(catalog))
    assert len(packed) * 4 < len(facts.model_dump_json())


@pytest.mark.parametrize("model", [Facts, Member, Address])
def test_the_layout_carries_every_field_of_the_facts_model(model):
    # A field added to facts.py needs a place here (and a new SCHEMA_VERSION), or it would be lost.
    assert layout.CARRIED[model] == set(model.model_fields)


@pytest.mark.parametrize("enum", [Relation, Sex, HealthInsurance, Pension, CareLevel])
def test_enum_tables_cover_the_facts_model(enum: type[Enum]):
    # A value added to facts.py must be added here too, at the end, with a new SCHEMA_VERSION.
    table = layout.ENUM_TABLES[enum]
    assert sorted(table) == sorted(member.value for member in enum)
    assert len(set(table)) == len(table)


def test_the_numbers_of_every_schema_are_frozen():
    # Codes already printed depend on these positions; changing them needs a new schema version.
    assert layout.SCHEMA_VERSION == 2 and layout.SCHEMA_VERSIONS == (1, 2)
    assert layout.RELATIONS[:3] == ("head", "spouse", "child")
    assert layout.CARE_LEVELS[-1] == "care5"
    assert layout.EVENTS[0] == "moving_in"
    assert layout.OFFICES[0] == "chuo"


def test_ids_outside_the_tables_travel_as_text(catalog, facts_of):
    data = factories.household(2)
    data["members"][1]["id"] = "spouse-1"
    facts = facts_of(data).model_copy(update={"event": "adoption", "office": "minamata", "answers": {"zz_new": 3}})
    _, back = layout.unpack(layout.pack(facts, catalog.version), ())
    assert (back["event"], back["office"], back["answers"]) == ("adoption", "minamata", {"zz_new": 3})
    assert back["members"][1]["id"] == "spouse-1"


def test_answers_are_named_by_catalog_position(catalog, facts_of):
    facts = facts_of(factories.family_of_four())
    with_positions = layout.pack(facts, catalog.version, layout.question_ids(catalog))
    with_names = layout.pack(facts, catalog.version, ())
    assert b"inkan_registration" in with_names
    assert b"inkan_registration" not in with_positions


def test_a_position_past_the_catalog_questions_is_damage(catalog, facts_of):
    facts = facts_of(factories.family_of_four())
    packed = layout.pack(facts, catalog.version, layout.question_ids(catalog))
    with pytest.raises(Damaged):
        layout.unpack(packed, layout.question_ids(catalog)[:2])


def test_catalog_version_must_be_a_content_hash(facts_of):
    with pytest.raises(ValueError, match="16 lowercase hex"):
        layout.pack(facts_of(factories.household(1)), "draft")


@pytest.mark.parametrize("cut", [0, 1, 8, 9, 20, -1])
def test_truncated_or_padded_layout_is_damage(cut, catalog, facts_of):
    packed = layout.pack(facts_of(factories.household(2)), catalog.version)
    with pytest.raises(Damaged):
        layout.unpack(packed[:cut] if cut else packed + b"\x00", ())


def test_impossible_dates_pass_through_to_validation(catalog, facts_of):
    packed = layout.pack(facts_of(factories.household(1)), catalog.version)
    good, bad = Writer(), Writer()
    good.uint(20270401)
    bad.uint(20271340)  # month 13, day 40: not the layout's business, parse_facts rejects it
    assert packed.count(good.getvalue()) == 1
    _, data = layout.unpack(packed.replace(good.getvalue(), bad.getvalue()), ())
    assert data["event_date"] == "2027-13-40"


def test_several_subjects_survive_pack_and_unpack(catalog, facts_of):
    data = factories.household(4)
    data.update(event="birth", event_date="2027-01-10")
    for member in data["members"][2:]:
        member.update(subject=True, birth_date="2027-01-10", moving=False)
    for member in data["members"][:2]:
        member["moving"] = False
    data.pop("from_address", None), data.pop("to_address", None)
    facts = facts_of(data)
    packed = layout.pack(facts, catalog.version, layout.question_ids(catalog))
    _, unpacked = layout.unpack(packed, layout.question_ids(catalog))
    assert [m.id for m in facts_of(unpacked).members if m.subject] == ["m3", "m4"]
    assert facts_of(unpacked) == facts



def test_a_schema_1_layout_still_unpacks_with_nobody_named_to_file_or_claim(facts_of):
    version, data = layout.unpack(SCHEMA_1_LAYOUT, (), schema_version=1)
    assert version == "0123456789abcdef"
    facts = facts_of(data)
    assert facts == facts_of(factories.household(2, {"inkan_registration": True}))
    assert (facts.notifier, facts.claimant) == (None, None)



@pytest.mark.parametrize(("notifier", "claimant"), [("m2", "m2"), ("m2", None), (None, "m1"), ("m3", "m1")])
def test_who_files_and_who_claims_survive_pack_and_unpack(notifier, claimant, catalog, facts_of):
    facts = facts_of({**factories.household(4), "notifier": notifier, "claimant": claimant})
    packed = layout.pack(facts, catalog.version, layout.question_ids(catalog))
    _, data = layout.unpack(packed, layout.question_ids(catalog))
    assert (data.get("notifier"), data.get("claimant")) == (notifier, claimant)
    assert facts_of(data) == facts


def test_who_files_travels_as_a_member_position_in_one_byte(catalog, facts_of):
    household = factories.household(4)
    household["members"][1]["id"] = "spouse-long-id"
    plain = layout.pack(facts_of(household), catalog.version)
    named = layout.pack(facts_of({**household, "notifier": "spouse-long-id"}), catalog.version)
    assert len(named) == len(plain) + 1


def test_a_position_past_the_household_is_damage(catalog, facts_of):
    packed = layout.pack(facts_of({**factories.household(2), "notifier": "m2"}), catalog.version)
    assert packed.endswith(b"\x01")
    with pytest.raises(Damaged, match="notifier names a member"):
        layout.unpack(packed[:-1] + b"\x02", ())


def test_packing_refuses_a_role_naming_nobody_in_the_household(catalog):
    facts = Facts.model_validate({**factories.household(2), "claimant": "m9"})  # not through parse_facts
    with pytest.raises(ValueError, match="not a member"):
        layout.pack(facts, catalog.version)
