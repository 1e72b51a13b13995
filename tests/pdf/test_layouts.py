"""The catalog's print layouts: every form has one, `navi catalog check` catches a broken one, and every
form prints for every example household."""

from __future__ import annotations

import shutil

import pytest
import yaml
from click.testing import CliRunner

from navi.cli import main
from navi.domain.catalog.loader import DEFAULT_CATALOG_DIR
from navi.domain.planner import plan_for
from navi.pdf import render_form
from navi.pdf.layout import default_layout
from tests.pdf.conftest import TODAY, household
from tests.pdf.readback import compact, page_text, pages


def test_every_catalog_form_has_a_layout(catalog):
    assert len(catalog.forms) >= 11
    assert [f.id for f in catalog.forms if f.layout is None] == []


def break_layout(tmp_path, form_id: str, change) -> CliRunner:
    directory = tmp_path / "catalog"
    shutil.copytree(DEFAULT_CATALOG_DIR, directory)
    path = directory / "forms" / f"{form_id}.yaml"
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(form["layout"])
    path.write_text(yaml.safe_dump(form, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return CliRunner().invoke(main, ["catalog", "check", str(directory)])


@pytest.mark.parametrize(("form_id", "change", "message"), [
    ("jumin_idou", lambda layout: layout["fields"][0].update(field="shoe_size"),
     "forms/jumin_idou.yaml: $.layout.fields[0].field: unknown field 'shoe_size'"),
    ("kokuho_idou", lambda layout: layout["fields"][1].update(x=150, w=90),
     "forms/kokuho_idou.yaml: $.layout.fields[1]: box runs off the 210×297 mm page"),
    ("jumin_idou", lambda layout: layout["signature"].update(y=200),
     "forms/jumin_idou.yaml: $.layout.signature: box runs off the 297×210 mm page"),
    ("kouki_idou", lambda layout: layout["rows"].update(per_page=14),
     "forms/kouki_idou.yaml: $.layout.rows: 14 rows run off the 297 mm page"),
    ("jumin_idou", lambda layout: layout["clerk"]["cells"][0]["procedures"].append("kokuho_party"),
     "forms/jumin_idou.yaml: $.layout.clerk.cells[0].procedures: unknown procedure 'kokuho_party'"),
    ("jido_teate_seikyu", lambda layout: layout["rows"]["columns"].pop(1),
     "forms/jido_teate_seikyu.yaml: $.layout: field 'child_name' is filled from the facts but has no place"),
    ("jido_teate_seikyu", lambda layout: layout["rows"]["columns"][0].update(field="address"),
     "$.layout.rows.columns[0].field: field 'address' repeats 'once': place it in layout.fields"),
    ("kokuho_idou", lambda layout: layout["rows"]["columns"][3].update(choices=["male", "robot"]),
     "$.layout.rows.columns[3].choices: 'robot' has no word in vocabulary.yaml for 'sex'"),
    ("kaigo_idou", lambda layout: layout["rows"]["columns"][0].update(dy=14),
     "forms/kaigo_idou.yaml: $.layout.rows.columns[0]: cell runs off the page or out of its row"),
])
def test_catalog_check_reports_a_broken_layout(tmp_path, form_id, change, message):
    result = break_layout(tmp_path, form_id, change)
    assert result.exit_code == 1
    assert message in result.output


def test_an_overlay_layout_without_a_blank_is_a_schema_error(tmp_path):
    result = break_layout(tmp_path, "jumin_idou", lambda layout: layout.update(mode="overlay"))
    assert result.exit_code == 1
    assert "forms/jumin_idou.yaml: $.layout: Value error, an overlay layout needs a background" in result.output


def test_every_form_prints_for_every_example_household(catalog):
    printed = 0
    for name in catalog.households:
        facts = household(catalog, name)
        plan = plan_for(facts, catalog)
        for form_id in {f for p in plan.procedures for f in p.forms}:
            pdf = render_form(form_id, facts, catalog, plan, TODAY)
            text = page_text(pages(pdf)[0])
            assert compact(catalog.form(form_id).title.ja) in text
            printed += 1
    print(f"\nforms printed for the example households: {printed}")
    assert printed > 60


def test_a_form_without_a_layout_still_prints_plainly(catalog, family):
    facts, plan = family
    form = catalog.form("jido_teate_seikyu").model_copy(update={"layout": None})
    layout = default_layout(form)
    unplaced = {f.id for f in form.fields} - {p.field for p in layout.fields} - {c.field for c in layout.rows.columns}
    assert unplaced == {"signature"} or unplaced == set()
    bare = catalog.model_copy(update={"forms": [form]})
    text = page_text(pages(render_form(form.id, facts, bare, plan, TODAY))[0])
    assert "児童手当認定請求書" in text and "熊本一郎" in text and "令和5年11月3日" in text
