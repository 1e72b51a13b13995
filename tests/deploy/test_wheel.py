"""The wheel starts anywhere: installed in a fresh virtualenv, every command works from an empty folder."""

from __future__ import annotations

import subprocess
import zipfile

import zxingcpp
from PIL import Image
from pypdf import PdfReader

from tests.deploy.wheel import ROOT, clean_environment
from tests.test_serve import free_port, wait_for

EXAMPLE = ROOT / "docs" / "examples" / "family4_moving_in.json"


def run(bin_dir, folder, *args, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(bin_dir / "navi"), *args], cwd=folder, input=stdin, capture_output=True,
                          text=True, timeout=120, env=clean_environment(NAVI_INSTANCE=str(folder / "instance")))


def test_the_wheel_carries_the_catalog_templates_translations_static_files_font_and_migrations(installed_navi):
    (wheel,) = installed_navi.parent.parent.glob("dist/*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("navi/forms_catalog/catalog.yaml", "navi/forms_catalog/schema.json", "navi/templates/base.html",
                 "navi/translations/en/LC_MESSAGES/messages.mo", "navi/static/navi.css",
                 "navi/pdf/fonts/BIZUDGothic-Regular.ttf", "navi/records/migrations/env.py",
                 "navi/records/migrations/versions/0001_catalog_versions.py", "navi/web/wsgi.py"):
        assert name in names, name
    checkout_files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "forms_catalog").rglob("*") if p.is_file()}
    assert {f"navi/{name}" for name in checkout_files} <= names


def test_prepare_plan_and_serve_from_an_empty_folder(installed_navi, tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    prepared = run(installed_navi, folder, "prepare")
    assert prepared.returncode == 0, prepared.stderr
    assert f"instance ready: {folder / 'instance'} (all)" in prepared.stdout
    checked = run(installed_navi, folder, "catalog", "check")
    assert checked.returncode == 0 and ": OK (" in checked.stdout, checked.stderr
    planned = run(installed_navi, folder, "plan", "-", "--format", "text", stdin=EXAMPLE.read_text("utf-8"))
    assert planned.returncode == 0, planned.stderr
    assert "■ 転入届" in planned.stdout and "太郎、花子、一郎、桜" in planned.stdout
    port = free_port()
    server = subprocess.Popen([str(installed_navi / "navi"), "serve", "--port", str(port)], cwd=folder,
                              env=clean_environment(NAVI_INSTANCE=str(folder / "instance")),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        page = wait_for(f"http://127.0.0.1:{port}/", server)
        english = wait_for(f"http://127.0.0.1:{port}/?lang=en", server)
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()
    assert "はじめる" in page and '<link rel="stylesheet" href="/static/' in page
    assert ">Start<" in english
    assert sorted(p.name for p in folder.iterdir()) == ["instance"]


def test_the_catalog_forms_and_qr_commands_work_from_an_empty_folder(installed_navi, tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    assert run(installed_navi, folder, "prepare").returncode == 0
    tested = run(installed_navi, folder, "catalog", "test")
    assert tested.returncode == 0 and tested.stdout.strip().endswith(" passed, 0 failed"), tested.stderr
    facts = EXAMPLE.read_text("utf-8")
    rendered = run(installed_navi, folder, "forms", "render", "-", "--out", "forms.pdf", stdin=facts)
    assert rendered.returncode == 0, rendered.stderr
    text = "".join(page.extract_text() for page in PdfReader(folder / "forms.pdf").pages)
    assert "太郎" in text  # the printed forms carry the family's names, in the shipped font
    made = run(installed_navi, folder, "qr", "make", "-", "--out", "qr", stdin=facts)
    assert made.returncode == 0, made.stderr
    with Image.open(folder / "qr" / "qr.png") as picture:
        (code,) = zxingcpp.read_barcodes(picture.convert("L"))
    assert code.text.isdigit()
