"""Published versions stay readable, catalog files round-trip byte for byte, and every change is audited."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from navi import create_app
from navi.cli import main
from navi.domain.catalog.loader import DEFAULT_CATALOG_DIR
from navi.domain.validation import parse_facts
from navi.payload import codec, keys
from navi.records.db import engine_for, session_factory
from navi.records.models import CaseRecord
from navi.web.extensions import catalog_source
from tests.counter.helpers import post, sign_in_as
from tests.factories import default_catalog, example_facts

from .helpers import audit_actions, submit


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def publish_renamed_counter(client) -> None:
    submit(client, "/counter/catalog/counters/kumin", {"name_ja": "市民課"})
    assert post(client, "/counter/catalog/publish", {"note": "N+1"}).status_code == 302


def test_a_code_made_with_version_n_is_read_after_n_plus_1_is_published(supervisor, editor_app):
    old = default_catalog()
    recipient = keys.current_recipient(Path(editor_app.config["KEYS_DIR"]))
    digits = codec.make_codes(parse_facts(example_facts(), old), old, recipient)
    publish_renamed_counter(supervisor)
    clerk = editor_app.test_client()
    sign_in_as(clerk, editor_app, "clerk")
    scanned = post(clerk, "/counter/scan", {"digits": digits[0]})
    assert scanned.status_code == 302 and "/counter/cases/" in scanned.location, scanned.get_data(as_text=True)
    page = clerk.get(scanned.location).get_data(as_text=True)
    assert catalog_source(editor_app).running.version != old.version  # the app runs N+1 now
    with session_factory(editor_app.config["DATABASE_URL"])() as session:
        case = session.query(CaseRecord).one()
        assert case.catalog_version == old.version
        assert case.procedures[0].counter_id == "kumin"
    assert "区民課" in page  # the plan the code's own version made
    print(f"code of {old.version} read as case {case.receipt_no} while {catalog_source(editor_app).running.version}"
          " is current")


def test_export_import_export_on_the_web_gives_identical_files(supervisor, editor_app):
    submit(supervisor, "/counter/catalog/procedures/kouki_join", {"deadline_days": "30"})
    draft = supervisor.get("/counter/catalog/export.zip?draft=1")
    assert draft.status_code == 200 and draft.mimetype == "application/zip"
    uploaded = supervisor.post("/counter/catalog/import", data={
        "csrf_token": _token(supervisor), "archive": (io.BytesIO(draft.data), "catalog-draft.zip")},
        content_type="multipart/form-data")
    assert uploaded.status_code == 302 and uploaded.location.endswith("/counter/catalog/review")
    again = supervisor.get("/counter/catalog/export.zip?draft=1")
    first, second = zipfile.ZipFile(io.BytesIO(draft.data)), zipfile.ZipFile(io.BytesIO(again.data))
    # Every YAML file of the catalog folder (calendar.yaml included), and nothing else.
    assert first.namelist() == second.namelist()
    assert sorted(first.namelist()) == sorted(str(p.relative_to(DEFAULT_CATALOG_DIR))
                                              for p in DEFAULT_CATALOG_DIR.rglob("*.yaml"))
    assert all(first.read(name) == second.read(name) for name in first.namelist())
    assert draft.data == again.data
    days = [p for p in yaml.safe_load(first.read("procedures/50_kouki.yaml")) if p["id"] == "kouki_join"]
    assert days[0]["deadline"]["days"] == 30


def test_a_broken_upload_names_the_file_and_path(supervisor):
    published = supervisor.get("/counter/catalog/export.zip").data
    source = zipfile.ZipFile(io.BytesIO(published))
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        for name in source.namelist():
            data = source.read(name)
            archive.writestr(name, data.replace(b"order: 1\n", b"order: first\n") if name == "offices.yaml" else data)
        archive.writestr("../../escape.yaml", b"id: x\n")  # never written outside the temporary folder
    response = supervisor.post("/counter/catalog/import", data={
        "csrf_token": _token(supervisor), "archive": (io.BytesIO(broken.getvalue()), "broken.zip")},
        content_type="multipart/form-data")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "<code>offices.yaml</code> $.counters[0].order:" in page
    assert '<a href="#import-problems">' in page
    renamed = io.BytesIO()
    with zipfile.ZipFile(renamed, "w") as archive:
        for name in source.namelist():
            archive.writestr(name.replace("family4_employee", "Family-4"), source.read(name))
    response = supervisor.post("/counter/catalog/import", data={
        "csrf_token": _token(supervisor), "archive": (io.BytesIO(renamed.getvalue()), "renamed.zip")},
        content_type="multipart/form-data")
    assert response.status_code == 422 and "<code>households/Family-4.yaml</code>" in response.get_data(as_text=True)
    assert supervisor.get("/counter/catalog/procedures/").status_code == 200  # the draft was not touched


def test_cli_export_import_export_gives_identical_files(tmp_path, monkeypatch):
    monkeypatch.setenv("NAVI_INSTANCE", str(tmp_path / "instance"))
    runner = CliRunner()
    first = runner.invoke(main, ["catalog", "export", "--out", str(tmp_path / "a")])
    assert first.exit_code == 0, first.output
    imported = runner.invoke(main, ["catalog", "import", str(tmp_path / "a")])
    assert imported.exit_code == 0, imported.output
    second = runner.invoke(main, ["catalog", "export", "--draft", "--out", str(tmp_path / "b")])
    assert second.exit_code == 0, second.output
    a, b = files_of(tmp_path / "a"), files_of(tmp_path / "b")
    assert sorted(a) == sorted(b) and a == b
    assert {"catalog.yaml", "offices.yaml", "events.yaml", "documents.yaml", "vocabulary.yaml",
            "procedures/50_kouki.yaml", "forms/kouki_idou.yaml", "households/family4_employee.yaml"} <= set(a)
    checked = runner.invoke(main, ["catalog", "check", str(tmp_path / "b")])
    assert checked.exit_code == 0, checked.output
    refused = runner.invoke(main, ["catalog", "export", "--out", str(tmp_path / "a")])
    assert refused.exit_code == 1 and "not empty" in refused.output
    print(f"{len(a)} files identical after export → import → export; {first.output.strip()}")
    engine_for(f"sqlite:///{tmp_path / 'instance' / 'navi.sqlite3'}").dispose()


def test_every_catalog_change_is_audited_by_id_without_household_data(supervisor, editor_app):
    submit(supervisor, "/counter/catalog/procedures/kouki_join", {"deadline_days": "30"})
    supervisor.get("/counter/catalog/export.zip?draft=1")
    zipped = supervisor.get("/counter/catalog/export.zip?draft=1").data
    supervisor.post("/counter/catalog/import", data={"csrf_token": _token(supervisor),
                                                     "archive": (io.BytesIO(zipped), "draft.zip")},
                    content_type="multipart/form-data")
    post(supervisor, "/counter/catalog/publish", {"note": "audit"})
    post(supervisor, "/counter/catalog/publications/1/restore")
    supervisor.get("/counter/catalog/bundle")
    entries = [e for e in audit_actions(editor_app) if e.action.startswith("catalog_")]
    actions = [e.action for e in entries]
    assert actions == ["catalog_edit", "catalog_export", "catalog_export", "catalog_import", "catalog_publish",
                       "catalog_restore", "catalog_bundle"]
    assert {e.actor for e in entries} == {"supervisor"}
    assert entries[0].field == "procedures/kouki_join" and entries[0].detail["change"] == "changed"
    logged = repr([(e.field, e.before, e.after, e.detail) for e in entries])
    for name in ("熊本", "クマモト", "太郎", "1988-05-10"):
        assert name not in logged


def _token(client) -> str:
    import re

    html = client.get("/counter/catalog/").get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def test_a_version_published_by_another_process_is_used_after_the_next_check(supervisor, editor_app):
    editor_app.config["CATALOG_CHECK_SECONDS"] = 3600
    before = catalog_source(editor_app).running.version
    assert editor_app.test_client().get("/").status_code == 200  # this process has just checked
    other = create_app({"TESTING": True, "SECRET_KEY": "test", "NAVI_ROLE": "all"})  # a second app process
    other.config["TEST_STAFF_IDS"] = editor_app.config["TEST_STAFF_IDS"]
    publisher = other.test_client()
    sign_in_as(publisher, other, "supervisor")
    publish_renamed_counter(publisher)
    publisher.get("/")
    published = catalog_source(other).running.version
    assert published != before  # the publishing process uses it from its next request
    editor_app.test_client().get("/")
    assert catalog_source(editor_app).running.version == before  # checked less than an interval ago
    editor_app.config["CATALOG_CHECK_SECONDS"] = 0  # the interval has passed
    editor_app.test_client().get("/")
    assert catalog_source(editor_app).running.version == published
    engine_for(other.config["DATABASE_URL"]).dispose()


def test_a_zip_with_a_60_mb_yaml_is_refused_by_its_declared_size_naming_the_file(supervisor):
    published = supervisor.get("/counter/catalog/export.zip").data
    source = zipfile.ZipFile(io.BytesIO(published))
    hostile = io.BytesIO()
    with zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            archive.writestr(name, source.read(name))
        archive.writestr("procedures/99_huge.yaml", b"- id: x\n  notes: " + b"a" * (60 * 1024 * 1024) + b"\n")
    assert len(hostile.getvalue()) < 1024 * 1024  # it travels small: only its declared size gives it away
    response = supervisor.post("/counter/catalog/import", data={
        "csrf_token": _token(supervisor), "archive": (io.BytesIO(hostile.getvalue()), "huge.zip")},
        content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<code>procedures/99_huge.yaml</code>" in page and "at most 1024 KB are read" in page


def test_yaml_nested_past_the_limit_or_with_aliases_is_refused_with_file_and_line(tmp_path):
    from navi.domain.catalog.loader import DEFAULT_CATALOG_DIR, CatalogInvalid, read_catalog_files

    for name, text in {"deep": "[" * 5000 + "]" * 5000, "alias": "- &a [1, 2]\n- *a\n"}.items():
        folder = tmp_path / name
        shutil.copytree(DEFAULT_CATALOG_DIR, folder)
        (folder / "households" / "zz_hostile.yaml").write_text(text, encoding="utf-8")
        with pytest.raises(CatalogInvalid) as refused:
            read_catalog_files(folder)
        problem = str(refused.value)
        print(problem)
        assert "households/zz_hostile.yaml: line 1, column" in problem
        assert ("nested more than 64 levels deep" if name == "deep" else "anchors and aliases") in problem
