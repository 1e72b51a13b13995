"""Overlay mode: a city's own blank form goes under the values, which land inside the layout's boxes;
`navi forms set-background` takes only a readable, unencrypted PDF of the layout's paper size."""

from __future__ import annotations

import io
import shutil

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from navi.cli import main
from navi.domain.catalog.loader import DEFAULT_CATALOG_DIR, load_catalog
from navi.domain.dates import format_wareki
from navi.domain.planner import plan_for
from navi.pdf import render_form, render_packet
from tests.pdf.conftest import TODAY, household
from tests.pdf.readback import MM, Box, compact, page_text, pages, text_in

MARKER = "CITY-BLANK-FORM-7"


def blank_form(layout, page_size=None) -> bytes:
    """A stand-in for the city's blank 住民異動届: the layout's boxes ruled, and a marker text."""
    page_size = page_size or landscape(A4)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=page_size)
    height = page_size[1]
    canvas.drawString(20, height - 20, MARKER)
    for p in layout.fields:
        canvas.rect(p.x * MM, height - (p.y + p.h) * MM, p.w * MM, p.h * MM)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.fixture
def overlay_catalog(tmp_path, catalog):
    """A copy of the catalog whose 住民異動届 prints over an uploaded blank (set with the CLI)."""
    directory = tmp_path / "catalog"
    shutil.copytree(DEFAULT_CATALOG_DIR, directory)
    blank = tmp_path / "blank.pdf"
    blank.write_bytes(blank_form(catalog.form("jumin_idou").layout))
    result = CliRunner().invoke(main, ["forms", "set-background", "jumin_idou", str(blank),
                                       "--catalog-dir", str(directory)])
    assert result.exit_code == 0, result.output
    assert "set layout.mode: overlay" in result.output
    path = directory / "forms" / "jumin_idou.yaml"
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    form["layout"].update(mode="overlay", background="jumin_idou.pdf")
    path.write_text(yaml.safe_dump(form, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return directory, load_catalog(directory)


def test_values_land_inside_the_boxes_of_the_uploaded_blank(overlay_catalog):
    directory, catalog = overlay_catalog
    facts = household(catalog, "family4_employee")
    plan = plan_for(facts, catalog)
    pdf = render_form("jumin_idou", facts, catalog, plan, TODAY, backgrounds=directory / "forms" / "backgrounds")
    [page] = pages(pdf)
    text = page_text(page)
    assert MARKER in text, "the blank form is under the values"
    assert "新住所の郵便番号" not in text and "署名" not in text, "no labels of our own over the city's form"
    layout = catalog.form("jumin_idou").layout
    boxes = {p.field: Box(p.x, p.y, p.w, p.h) for p in layout.fields}  # overlay: the whole box is the value's
    assert compact(text_in(page, boxes["new_address"])) == "熊本県熊本市中央区花畑町1-1コーポ花畑101"
    assert compact(text_in(page, boxes["head_name"])) == "熊本太郎"
    assert text_in(page, boxes["moved_on"]) == format_wareki(facts.event_date)
    rows = layout.rows
    name = next(c for c in rows.columns if c.field == "name")
    sex = next(c for c in rows.columns if c.field == "sex")
    for index, member in enumerate(facts.members):
        top = rows.row_top(index)
        assert compact(text_in(page, Box(name.x, top + name.dy, name.w, name.height(rows.pitch)))) == (
            member.family_name + member.given_name)
        # On a blank form the sex is printed as the word (the city's form has its own boxes).
        assert text_in(page, Box(sex.x, top, sex.w, rows.pitch)) == ("男" if member.sex.value == "male" else "女")


def test_a_packet_mixes_overlay_and_drawn_forms(overlay_catalog):
    directory, catalog = overlay_catalog
    facts = household(catalog, "family4_employee")
    backgrounds = directory / "forms" / "backgrounds"
    pdf = render_packet(facts, catalog, plan_for(facts, catalog), TODAY, backgrounds=backgrounds)
    texts = [page_text(p) for p in pages(pdf)]
    assert len(texts) == 3
    assert MARKER in texts[0] and MARKER not in texts[1] + texts[2]
    assert "児童手当認定請求書" in texts[1]


def test_catalog_check_reports_a_missing_blank(tmp_path):
    directory = tmp_path / "catalog"
    shutil.copytree(DEFAULT_CATALOG_DIR, directory)
    path = directory / "forms" / "jumin_idou.yaml"
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    form["layout"].update(mode="overlay", background="missing.pdf")
    path.write_text(yaml.safe_dump(form, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["catalog", "check", str(directory)])
    assert result.exit_code == 1
    assert "forms/jumin_idou.yaml: $.layout.background: no file forms/backgrounds/missing.pdf" in result.output


def encrypted(data: bytes) -> bytes:
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(data)).pages:
        writer.add_page(page)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def bomb(data: bytes, images: int = 3, each: int = 30 * 1024 * 1024) -> bytes:
    """The blank with images of `each` zero bytes apiece: ~30 KB compressed each, 90 MB once decompressed."""
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject

    writer = PdfWriter()
    page = writer.add_page(PdfReader(io.BytesIO(data)).pages[0])
    xobjects = DictionaryObject()
    for index in range(images):
        image = DecodedStreamObject()
        image.set_data(bytes(each))
        image.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                      NameObject("/Width"): NumberObject(each // 1024), NameObject("/Height"): NumberObject(1024),
                      NameObject("/ColorSpace"): NameObject("/DeviceGray"),
                      NameObject("/BitsPerComponent"): NumberObject(8)})
        xobjects[NameObject(f"/Bomb{index}")] = writer._add_object(image.flate_encode())
    page[NameObject("/Resources")].get_object()[NameObject("/XObject")] = xobjects
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(("kind", "message"), [
    ("bomb", "page 1 decompresses to more than 64 MB"),
    ("text", "not a PDF file"),
    ("png", "not a PDF file"),
    ("broken", "the PDF cannot be read"),
    ("encrypted", "the PDF is encrypted"),
    ("portrait", "page 1 is 210×297 mm but the form's layout is A4 landscape (297×210 mm)"),
])
def test_set_background_rejects_what_cannot_be_printed_over(tmp_path, catalog, kind, message):
    directory = tmp_path / "catalog"
    shutil.copytree(DEFAULT_CATALOG_DIR, directory)
    good = blank_form(catalog.form("jumin_idou").layout)
    content = {"text": "住民異動届\n".encode(), "png": b"\x89PNG\r\n\x1a\n" + bytes(64),
               "broken": b"%PDF-1.4\n1 0 obj garbage", "encrypted": encrypted(good),
               "portrait": blank_form(catalog.form("jumin_idou").layout, A4)} | {
                   "bomb": bomb(good) if kind == "bomb" else b""}
    content = content[kind]
    upload = tmp_path / "upload.pdf"
    upload.write_bytes(content)
    result = CliRunner().invoke(main, ["forms", "set-background", "jumin_idou", str(upload),
                                       "--catalog-dir", str(directory)])
    assert result.exit_code == 1
    assert message in result.output
    assert not (directory / "forms" / "backgrounds" / "jumin_idou.pdf").exists()
