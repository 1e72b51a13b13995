"""Pictures of codes at the counter: one household per picture, and every code read counts as a scan
(issue 15, row 2: one PNG tiled with 48 codes made 48 cases and counted as one scan)."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from navi.payload.render import symbols
from navi.records.db import engine_for, session_factory
from navi.records.models import CaseRecord
from tests.factories import codes_for, example_facts, large_household, make_app

from .helpers import csrf_token, sign_in_as


def tiled(pngs: list[bytes], columns: int = 4) -> bytes:
    """One PNG with each code side by side, as a photo of several screens or a crafted sheet would show them."""
    images = [Image.open(io.BytesIO(png)).convert("L") for png in pngs]
    size = max(max(image.size) for image in images) + 20
    rows = -(-len(images) // columns)
    sheet = Image.new("L", (size * min(columns, len(images)), size * rows), 255)
    for index, image in enumerate(images):
        sheet.paste(image, ((index % columns) * size + 10, (index // columns) * size + 10))
    out = io.BytesIO()
    sheet.save(out, "PNG")
    return out.getvalue()


def household_codes(app, count: int) -> list[bytes]:
    """The single code of `count` different households (the head's given name differs)."""
    pngs = []
    for index in range(count):
        facts = example_facts()
        facts["members"][0]["given_name"] = f"太郎{'一二三四五六七八九十'[index % 10]}{index}"
        pngs.append(symbols(codes_for(app, facts))[0].png(scale=3))
    return pngs


def send_picture(client, png: bytes):
    return client.post("/counter/scan/picture", data={"csrf_token": csrf_token(client, "/counter/scan"),
                                                      "picture": (io.BytesIO(png), "codes.png")})


def cases(app) -> int:
    with session_factory(app.config["DATABASE_URL"])() as session:
        return session.scalar(select(func.count()).select_from(CaseRecord))


@pytest.fixture
def limited_app(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, RATELIMIT_SCAN="8 per minute")
    yield app
    engine_for(app.config["DATABASE_URL"]).dispose()


def test_a_picture_of_several_households_opens_no_case_and_says_why(limited_app):
    client = limited_app.test_client()
    sign_in_as(client, limited_app, "clerk")
    response = send_picture(client, tiled(household_codes(limited_app, 3)))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "1枚の画像に複数の世帯のQRコードがあります" in page
    assert cases(limited_app) == 0


def test_the_parts_of_one_split_code_in_one_picture_open_one_case(limited_app):
    client = limited_app.test_client()
    sign_in_as(client, limited_app, "clerk")
    parts = symbols(codes_for(limited_app, large_household()))
    assert len(parts) >= 2
    response = send_picture(client, tiled([part.png(scale=3) for part in parts]))
    assert response.status_code == 302 and "/counter/cases/" in response.location
    assert cases(limited_app) == 1


def test_every_code_in_a_picture_counts_against_the_scan_limit(limited_app):
    client = limited_app.test_client()
    sign_in_as(client, limited_app, "clerk")
    refused = send_picture(client, tiled(household_codes(limited_app, 9)))  # 9 codes: past 8 a minute at once
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert cases(limited_app) == 0
    again = send_picture(client, household_codes(limited_app, 1)[0])  # the 9 were counted: one more is too many
    assert again.status_code == 429
