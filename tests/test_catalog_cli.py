"""`navi catalog check` and `navi catalog test` on the default catalog and on broken copies."""

import shutil
from pathlib import Path

import pytest
import yaml

from navi.cli import main
from navi.domain.catalog.loader import DEFAULT_CATALOG_DIR


@pytest.fixture
def broken_copy(tmp_path, catalog):
    """A copy of the default catalog to break, and the file that holds kokuho_join."""
    target = tmp_path / "catalog"
    shutil.copytree(DEFAULT_CATALOG_DIR, target)
    return target, target / catalog.procedure_files["kokuho_join"]


def edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_default_catalog_passes_check(runner):
    result = runner.invoke(main, ["catalog", "check"])
    assert result.exit_code == 0, result.output
    assert ": OK (" in result.output


def test_every_example_household_passes(runner, catalog):
    result = runner.invoke(main, ["catalog", "test"])
    assert result.exit_code == 0, result.output
    passed = int(result.output.strip().splitlines()[-1].split()[0])
    assert passed >= 3 * len(catalog.procedures)
    assert result.output.strip().endswith(" passed, 0 failed")


def test_check_reports_each_semantic_error_with_file_and_path(runner, broken_copy):
    directory, procedures_file = broken_copy

    def break_procedure(items):
        procedure = next(p for p in items if p["id"] == "kokuho_join")
        procedure["counter"] = "no_such_counter"
        procedure["condition"] = {"fact": "favourite_colour", "op": "eq", "value": "blue"}

    edit_yaml(procedures_file, break_procedure)
    edit_yaml(directory / "forms" / "jumin_idou.yaml",
              lambda form: form["fields"].append({"id": "shoe", "label": {"ja": "靴", "en": "Shoe"},
                                                  "source": "member.shoe_size", "repeat": "member"}))
    result = runner.invoke(main, ["catalog", "check", str(directory)])
    assert result.exit_code == 1
    name = procedures_file.relative_to(directory)
    assert f"{name}: $[id=kokuho_join].condition.fact: unknown fact 'favourite_colour'" in result.output
    assert f"{name}: $[id=kokuho_join].counter: unknown counter 'no_such_counter'" in result.output
    assert "forms/jumin_idou.yaml: $.fields[" in result.output
    assert "unknown source 'member.shoe_size'" in result.output


def test_check_reports_a_yaml_syntax_error_with_its_line(runner, broken_copy):
    directory, procedures_file = broken_copy
    lines = procedures_file.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "  title: {ja: 閉じない括弧")
    procedures_file.write_text("\n".join(lines), encoding="utf-8")
    result = runner.invoke(main, ["catalog", "check", str(directory)])
    assert result.exit_code == 1
    assert f"ERROR {procedures_file.relative_to(directory)}: line " in result.output
    assert "YAML syntax error" in result.output


def test_check_reports_schema_errors_with_path(runner, broken_copy):
    directory, _ = broken_copy
    edit_yaml(directory / "offices.yaml", lambda data: data["offices"][0].update(kind="castle"))
    result = runner.invoke(main, ["catalog", "check", str(directory)])
    assert result.exit_code == 1
    assert "offices.yaml: $.offices[0].kind:" in result.output


def test_catalog_test_fails_when_an_example_breaks(runner, broken_copy):
    directory, procedures_file = broken_copy

    def widen(items):
        procedure = next(p for p in items if p["id"] == "kokuho_join")
        procedure["condition"] = {"fact": "concerned", "op": "eq", "value": True}

    edit_yaml(procedures_file, widen)
    result = runner.invoke(main, ["catalog", "test", str(directory)])
    assert result.exit_code == 1
    assert "FAIL kokuho_join: must not trigger for " in result.output


def test_the_committed_schema_is_the_models_schema(runner):
    result = runner.invoke(main, ["catalog", "schema"])
    assert result.exit_code == 0
    committed = (DEFAULT_CATALOG_DIR / "schema.json").read_text(encoding="utf-8")
    assert result.output == committed, "run: navi catalog schema > forms_catalog/schema.json"


def test_the_catalog_covers_at_least_100_procedures_each_with_a_reference_and_examples(runner, catalog):
    assert len(catalog.procedures) >= 100
    for procedure in catalog.procedures:
        assert procedure.reference.strip(), procedure.id
        assert len(procedure.examples.must) >= 2 and len(procedure.examples.must_not) >= 1, procedure.id
    result = runner.invoke(main, ["catalog", "test"])
    assert result.exit_code == 0 and ", 0 failed" in result.output, result.output


@pytest.mark.parametrize("note", ["（要確認）", "(to verify)", "TODO: ask the city", "（verify）"])
def test_check_refuses_an_editors_note_in_a_resident_text(runner, broken_copy, note):
    folder, file = broken_copy

    def add_note(items):
        procedure = next(p for p in items if p["id"] == "kokuho_join")
        procedure["notes"]["ja"] += note
        procedure["notes"]["en"] += note

    edit_yaml(file, add_note)
    result = runner.invoke(main, ["catalog", "check", str(folder)])
    assert result.exit_code != 0
    assert "$[id=kokuho_join].notes.ja: editor's note" in result.output


def test_check_requires_a_reference(runner, broken_copy):
    folder, file = broken_copy
    edit_yaml(file, lambda items: next(p for p in items if p["id"] == "kokuho_join").pop("reference"))
    result = runner.invoke(main, ["catalog", "check", str(folder)])
    assert result.exit_code != 0 and "$[id=kokuho_join].reference: every procedure needs a reference" in result.output


def test_check_lists_a_text_without_easy_ja_as_a_warning_and_still_passes(runner, broken_copy):
    folder, file = broken_copy
    edit_yaml(file, lambda items: next(p for p in items if p["id"] == "kokuho_join")["notes"].pop("easy_ja"))
    result = runner.invoke(main, ["catalog", "check", str(folder)])
    assert result.exit_code == 0, result.output
    assert "WARNING " in result.output and "$[id=kokuho_join].notes.easy_ja: no easy_ja" in result.output
    assert "1 warning(s): the catalog can still be published" in result.output and ": OK (" in result.output
