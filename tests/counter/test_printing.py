"""Printing at the counter: all forms, one form and the route slip, as PDFs whose text is read back."""

import io

import pdfplumber
from sqlalchemy import select

from navi.records import cases
from navi.records.db import session_factory
from navi.records.models import AuditEntry
from tests.factories import add_example_case

from .helpers import sign_in_as


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_the_case_page_offers_each_form_and_prints_them_all_in_one_pdf(counter_app, client):
    case_id = add_example_case(counter_app)
    sign_in_as(client, counter_app, "clerk")
    page = client.get(f"/counter/cases/{case_id}").get_data(as_text=True)
    assert "すべての書類を印刷" in page
    assert "住民異動届を印刷" in page
    response = client.get(f"/counter/cases/{case_id}/forms.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    assert "住民異動届" in text and "児童手当" in text
    assert "熊本" in text and "昭和63年5月10日" in text
    one = client.get(f"/counter/cases/{case_id}/forms/jumin_idou.pdf")
    assert "住民異動届" in pdf_text(one.data) and "児童手当認定請求書" not in pdf_text(one.data)
    assert client.get(f"/counter/cases/{case_id}/forms/shibou_todoke.pdf").status_code == 404
    with session_factory(counter_app.config["DATABASE_URL"])() as db:
        printed = [e.detail for e in db.scalars(select(AuditEntry).where(AuditEntry.action == "print"))]
    assert {"document": "all_forms"} in printed and {"document": "jumin_idou"} in printed


def test_the_route_slip_carries_the_receipt_number_in_either_language(counter_app, client):
    case_id = add_example_case(counter_app)
    sign_in_as(client, counter_app, "clerk")
    with session_factory(counter_app.config["DATABASE_URL"])() as db:
        receipt = cases.get_case(db, case_id).receipt_no
    japanese = pdf_text(client.get(f"/counter/cases/{case_id}/slip.pdf").data)
    english = pdf_text(client.get(f"/counter/cases/{case_id}/slip.pdf?lang=en").data)
    assert receipt in japanese and receipt in english
    assert "区民課" in japanese
    assert "Resident Services" in english
