"""The editor's pure parts: condition rows, edits of the raw document, the structured diff, files and review."""

from __future__ import annotations

import copy
import io
import zipfile
from functools import cache

import pytest

from navi.domain.catalog import condition_rows as rows
from navi.domain.catalog import editing
from navi.domain.catalog.diff import diff_catalogs
from navi.domain.catalog.export import catalog_files, read_zip, unzip_catalog, write_catalog, zip_catalog
from navi.domain.catalog.loader import DEFAULT_CATALOG_DIR, catalog_from_raw, read_catalog_files
from navi.domain.catalog.model import Procedure
from navi.domain.catalog.review import review


@cache
def _raw() -> dict:
    return read_catalog_files(DEFAULT_CATALOG_DIR)


def raw() -> dict:
    """A fresh copy of the default catalog's raw document."""
    return copy.deepcopy(_raw())


def as_fields(node: rows.Node, path: str = "r") -> dict[str, list[str]]:
    """The fields a browser posts for an editor tree."""
    base = f"c.{path}"
    fields = {f"{base}.kind": [node.kind], f"{base}.fact": [node.fact], f"{base}.op": [node.op],
              f"{base}.value": list(node.values), f"{base}.param": [node.param]}
    for i, child in enumerate(node.children):
        fields |= as_fields(child, f"{path}.{i}")
    return fields


def test_every_condition_of_the_catalog_survives_the_editor_unchanged():
    document = raw()
    catalog = catalog_from_raw(document)
    choices = rows.fact_choices(catalog)
    conditions = [p["condition"] for p in document["procedures"]] + [
        q["ask_when"] for q in document["questions"] if "ask_when" in q]
    for condition in conditions:
        posted = rows.node_from_fields(as_fields(rows.node_from_condition(condition)))
        assert rows.condition_from_node(posted, choices, catalog.info.parameters) == (condition, [])
    assert len(conditions) > 60


def test_rows_are_added_grouped_and_removed():
    root = rows.node_from_condition({"fact": "age", "op": "ge", "value": 65})
    root = rows.apply_action(root, "add:r")  # a single row becomes a group of two
    assert root.kind == "all" and [c.fact for c in root.children] == ["age", ""]
    root = rows.apply_action(root, "group:r")
    assert [c.kind for c in root.children] == ["leaf", "leaf", "any"]
    root = rows.apply_action(root, "remove:r.1")
    assert [c.kind for c in root.children] == ["leaf", "any"]
    assert rows.apply_action(root, "remove:r") is root and root.kind == "all"  # the root stays
    assert rows.apply_action(root, "add:r.9").children == root.children  # unknown path: nothing happens


def test_values_are_typed_by_the_fact_and_problems_come_back_by_field():
    catalog = catalog_from_raw(raw())
    choices, parameters = rows.fact_choices(catalog), catalog.info.parameters
    fields = {"c.r.kind": ["all"], "c.r.0.kind": ["leaf"], "c.r.0.fact": ["age"], "c.r.0.op": ["ge"],
              "c.r.0.value": ["65"], "c.r.1.kind": ["leaf"], "c.r.1.fact": ["health_insurance"],
              "c.r.1.op": ["in"], "c.r.1.value": ["national", "welfare"], "c.r.2.kind": ["count_members"],
              "c.r.2.op": ["ge"], "c.r.2.param": ["pension_age_from"], "c.r.2.0.kind": ["leaf"],
              "c.r.2.0.fact": ["answer.public_servant"], "c.r.2.0.op": ["eq"], "c.r.2.0.value": ["true"]}
    condition, problems = rows.condition_from_node(rows.node_from_fields(fields), choices, parameters)
    assert problems == []
    assert condition == {"all": [
        {"fact": "age", "op": "ge", "value": 65},
        {"fact": "health_insurance", "op": "in", "value": ["national", "welfare"]},
        {"count_members": {"fact": "answer.public_servant", "op": "eq", "value": True}, "op": "ge",
         "value": {"param": "pension_age_from"}}]}
    bad = {"c.r.kind": ["any"], "c.r.0.kind": ["leaf"], "c.r.0.fact": [""], "c.r.1.kind": ["leaf"],
           "c.r.1.fact": ["sex"], "c.r.1.value": ["robot"], "c.r.2.kind": ["leaf"], "c.r.2.fact": ["age"],
           "c.r.2.op": ["eq"], "c.r.2.value": ["65", "66"], "c.r.3.kind": ["not"], "c.r.4.kind": ["leaf"],
           "c.r.4.fact": ["age"], "c.r.4.param": ["no_such"]}
    assert rows.condition_from_node(rows.node_from_fields(bad), choices, parameters) == (None, [
        ("c.r.0.fact", "fact_missing"), ("c.r.1.value", "value_invalid"), ("c.r.2.value", "value_one"),
        ("c.r.3.kind", "group_empty"), ("c.r.4.param", "param_unknown")])


def test_a_form_writes_defaults_only_where_the_entity_had_them():
    original = {"id": "x", "title": {"ja": "ア", "en": "a"}, "automatic": False}
    updated = editing.merged(original, {"automatic": False, "documents": [], "notes": None, "deemed_with": None},
                             Procedure)
    assert updated == original
    assert editing.merged(None, {"id": "y", "documents": ["a"], "automatic": False}, Procedure) == {
        "id": "y", "documents": ["a"]}


@pytest.mark.parametrize("file", ["procedures/30_mynumber.yaml", "procedures/95_added.yaml",
                                  "procedures/00_first.yaml"])
def test_a_new_procedure_goes_where_export_and_import_put_it(tmp_path, file):
    document = raw()
    new = copy.deepcopy(next(p for p in document["procedures"] if p["id"] == "kouki_join"))
    new["id"] = "kouki_extra"
    document = editing.put(document, "procedures", new, file=file)
    write_catalog(document, tmp_path / "a")
    again = read_catalog_files(tmp_path / "a")
    assert again["procedures"] == document["procedures"]
    assert again["procedure_files"]["kouki_extra"] == file
    assert catalog_from_raw(again).version == catalog_from_raw(document).version
    assert catalog_files(again) == catalog_files(document)


def test_files_round_trip_as_a_folder_and_as_a_zip(tmp_path):
    document = raw()
    written = write_catalog(document, tmp_path / "out")
    # Every YAML file of the default catalog folder, calendar.yaml included, and nothing else.
    source = sorted(str(p.relative_to(DEFAULT_CATALOG_DIR)) for p in DEFAULT_CATALOG_DIR.rglob("*.yaml"))
    assert sorted(written) == source and (tmp_path / "out" / "households" / "family4_employee.yaml").is_file()
    assert read_catalog_files(tmp_path / "out") == document
    data = zip_catalog(document)
    assert data == zip_catalog(read_zip(data))  # same bytes: fixed order and timestamps
    with pytest.raises(FileExistsError):
        write_catalog(document, tmp_path / "out")


def test_an_uploaded_zip_never_writes_outside_its_folder_and_may_hold_one_top_folder(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in catalog_files(raw()).items():
            archive.writestr(f"forms_catalog/{name}", text)
        archive.writestr("forms_catalog/../../evil.yaml", "x: 1\n")
        archive.writestr("forms_catalog/schema.json", "{}")
    assert read_zip(buffer.getvalue()) == raw()
    target = tmp_path / "a" / "b"
    unzip_catalog(buffer.getvalue(), target)
    assert sorted(str(p.relative_to(target)) for p in target.rglob("*.yaml")) == sorted(catalog_files(raw()))
    assert list(tmp_path.rglob("evil.yaml")) == [] and not (target / "schema.json").exists()


def test_the_diff_names_each_entity_and_field():
    before, after = raw(), raw()
    procedure = next(p for p in after["procedures"] if p["id"] == "kouki_join")
    procedure["condition"]["all"][1]["value"] = "national"
    procedure["documents"].append("bank_account")
    after["counters"].reverse()
    del after["households"]["family4_employee"]
    after["documents"].append({"id": "new_doc", "name": {"ja": "新", "en": "new"}})
    changes = {(c.section, c.id, c.change): c for c in diff_catalogs(before, after)}
    assert set(changes) == {("procedures", "kouki_join", "changed"), ("counters", "", "reordered"),
                            ("households", "family4_employee", "removed"), ("documents", "new_doc", "added")}
    fields = changes[("procedures", "kouki_join", "changed")].fields
    assert [(f.path, f.before, f.after) for f in fields] == [
        ("condition.all[1].value", "welfare", "national"),
        ("documents", '["id_document", "futan_kubun_certificate"]',
         '["id_document", "futan_kubun_certificate", "bank_account"]')]
    assert changes[("procedures", "kouki_join", "changed")].file == "procedures/50_kouki.yaml"
    assert diff_catalogs(before, before) == []


def test_the_review_blocks_on_a_failing_example_an_unknown_fact_and_a_broken_entity():
    document = raw()
    kouki = next(p for p in document["procedures"] if p["id"] == "kouki_join")
    kouki["examples"]["must_not"].append({"household": "elderly_tokyo_moving_in"})
    failing = review(document, raw())
    assert not failing.publishable and failing.problems == []
    assert [(r.procedure, r.household, r.detail) for r in failing.failed_examples] == [
        ("kouki_join", "elderly_tokyo_moving_in", "triggered for ['m1']")]
    kouki["condition"]["all"][0]["fact"] = "shoe_size"
    result = review(document, raw())
    assert not result.publishable
    assert [(p.file, p.path) for p in result.problems] == [
        ("procedures/50_kouki.yaml", "$[id=kouki_join].condition.all[0].fact")]
    assert [(r.procedure, r.detail) for r in result.failed_examples] == [
        ("kouki_join", "cannot run: unknown household fact 'shoe_size'")]
    kouki["condition"]["all"][0]["op"] = "about"
    broken = review(document, raw())
    assert broken.catalog is None and not broken.publishable
    assert ("procedures/50_kouki.yaml", "$[id=kouki_join].condition.Leaf.op") in {
        (p.file, p.path) for p in broken.problems}
    assert review(raw(), raw()).publishable is False  # nothing to publish
