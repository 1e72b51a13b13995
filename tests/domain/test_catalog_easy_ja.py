"""やさしい日本語 in the catalog: every text residents read has easy_ja, and one without it is a warning only."""

from __future__ import annotations

import copy

import pytest
from pydantic import ValidationError

from navi.domain.catalog import editing
from navi.domain.catalog.check import catalog_warnings, check_catalog
from navi.domain.catalog.check_texts import NO_EASY_JA
from navi.domain.catalog.loader import catalog_from_raw
from navi.domain.catalog.model import Text
from navi.domain.catalog.review import review
from tests.factories import default_catalog, default_catalog_files


def raw() -> dict:
    """A fresh copy of the default catalog's raw document."""
    return copy.deepcopy(default_catalog_files())


def test_the_shipped_catalog_has_easy_ja_for_every_resident_text():
    assert catalog_warnings(default_catalog()) == []


def test_the_office_names_counters_and_reason_format_residents_see_are_checked_too():
    document = raw()
    document["offices"][0]["name"].pop("easy_ja")
    document["counters"][0]["name"].pop("easy_ja")
    document["info"]["reason_format"].pop("easy_ja")
    document["counters"][0]["handles"]["easy_ja"] = "スタッフ用"  # staff read it: neither needed nor checked
    found = {(w.file, w.path) for w in catalog_warnings(catalog_from_raw(document))}
    office, counter = document["offices"][0]["id"], document["counters"][0]["id"]
    assert found == {("offices.yaml", f"offices#{office}.name.easy_ja"),
                     ("offices.yaml", f"counters#{counter}.name.easy_ja"),
                     ("catalog.yaml", "$.reason_format.easy_ja")}


def test_a_text_without_easy_ja_is_reported_with_file_and_path_as_a_warning_not_a_problem():
    document = raw()
    procedure = editing.item(document, "procedures", "kokuho_join")
    procedure["reason"].pop("easy_ja")
    procedure["deadline"]["note"]["easy_ja"] = "  "  # blank is missing
    editing.item(document, "questions", "insurance_after_job")["choices"][1]["label"].pop("easy_ja")
    catalog = catalog_from_raw(document)
    file = catalog.procedure_files["kokuho_join"]
    warnings = catalog_warnings(catalog)
    assert {(w.file, w.path) for w in warnings} == {
        (file, "$[id=kokuho_join].reason.easy_ja"),
        (file, "$[id=kokuho_join].deadline.note.easy_ja"),
        ("events.yaml", "questions#insurance_after_job.choices[1].label.easy_ja"),
    }
    assert all(w.message == NO_EASY_JA for w in warnings) and "can still be published" in NO_EASY_JA
    assert check_catalog(catalog) == []  # a catalog without easy_ja still loads, starts and ships to kiosks


def test_a_draft_missing_easy_ja_can_still_be_published_and_the_review_lists_the_warning():
    document = raw()
    editing.item(document, "documents", "seal")["name"] = {"ja": "実印", "en": "Registered seal"}
    result = review(document, raw())
    assert result.publishable
    assert [(w.file, w.path) for w in result.warnings] == [("documents.yaml", "documents#seal.name.easy_ja")]


def test_a_city_adds_a_language_to_a_text_under_its_code():
    """A fourth language is one more key (its message catalog's code); anything else is refused."""
    text = Text.model_validate({"ja": "転入届", "en": "Moving-in notification", "zh_Hans": "迁入申报"})
    assert text.get("zh_Hans") == "迁入申报" and text.get("ko") == "転入届"
    for bad in ({"Bad Key": "x"}, {"ko": 3}):
        with pytest.raises(ValidationError, match="language codes"):
            Text.model_validate({"ja": "転入届", "en": "Moving-in notification", **bad})
