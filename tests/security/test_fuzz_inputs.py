"""Fuzzing every parser that reads outside input: whatever arrives, only the parser's own error may escape.

Household facts (JSON from a QR code or a file), catalog files (edited by hand, imported by a supervisor),
blank form PDFs (uploaded for overlay printing) and pictures of QR codes (uploaded at the counter). The QR
digits themselves are fuzzed in tests/payload/test_fuzz.py.
"""

from __future__ import annotations

import copy
import io
import json
import shutil
import warnings
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navi.domain.catalog.loader import DEFAULT_CATALOG_DIR, CatalogInvalid, load_catalog
from navi.domain.validation import FactsInvalid, parse_facts
from navi.payload.errors import PayloadError
from navi.payload.images import digits_in_picture
from navi.pdf.overlay import BackgroundInvalid, check_background
from tests.factories import default_catalog, example_facts

FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# JSON-like values: what a JSON parser (or a YAML one, without its tags) can hand over.
scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=True),
                    st.text(max_size=40), st.sampled_from(["", "m1", "JP", "2027-04-01", "9999-99-99", "moving_in",
                                                           "head", "employee", "chuo", "1988-02-30", "\u0000"]))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(
    st.text(max_size=12) | st.sampled_from(["members", "event", "answers", "birth_date", "id", "moving"]),
    inner, max_size=5), max_leaves=30)


def paths_of(value, prefix=()):
    """Every path to a node of nested dicts and lists."""
    yield prefix
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from paths_of(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from paths_of(inner, (*prefix, index))


@st.composite
def mutated(draw, original):
    """A real document with a few nodes replaced, deleted or given an extra key."""
    document = copy.deepcopy(original)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in paths_of(document) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(json_values)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent[path[-1]], dict):
            parent[path[-1]][draw(st.text(max_size=10))] = draw(json_values)
    return document


# ---- Household facts ------------------------------------------------------------------------------------------

@FUZZ
@given(data=json_values | mutated(example_facts()))
def test_only_facts_invalid_escapes_parse_facts(data):
    try:
        parse_facts(data, default_catalog())
    except FactsInvalid as error:
        assert error.problems and all(p.path.startswith("$") for p in error.problems)


@settings(FUZZ, max_examples=60)
@given(raw=st.text(max_size=200).map(str.encode) | st.binary(max_size=200)
       | mutated(example_facts()).map(lambda v: json.dumps(v, ensure_ascii=False).encode()))
def test_a_facts_file_is_read_or_refused_in_words(raw, tmp_path_factory):
    from navi.cli.support import facts_or_exit

    path = tmp_path_factory.mktemp("facts") / "facts.json"
    path.write_bytes(raw)
    try:
        facts_or_exit(str(path), default_catalog(), "en")
    except SystemExit as stop:
        assert stop.code == 2


# ---- Catalog files --------------------------------------------------------------------------------------------

SMALL_CATALOG_FILES = ["catalog.yaml", "offices.yaml", "events.yaml", "documents.yaml", "vocabulary.yaml",
                       "procedures/20_juminhyo.yaml", "forms/jumin_idou.yaml", "households/family4_employee.yaml"]


@pytest.fixture(scope="module")
def small_catalog(tmp_path_factory) -> Path:
    """The default catalog cut down to one procedure file, one form and one household (loads in 0.1 s)."""
    folder = tmp_path_factory.mktemp("catalog")
    for name in SMALL_CATALOG_FILES:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(DEFAULT_CATALOG_DIR / name, folder / name)
    load_catalog(folder)  # valid as it is
    return folder


def yaml_texts(original: str):
    """Hostile YAML: random text, YAML of random data, the real file mutated, and YAML's own corner cases."""
    data = yaml.safe_load(original)
    corner_cases = st.sampled_from([
        "born: 2023-02-30\n", "[" * 2000, "&a [*a]\n", "!!python/object:os.system ls\n", "? [1, 2]\n: x\n",
        "- {id: x, id: y}\n", "\ufeff" + original, original.replace(":", ": :", 1), "key: !!binary AAAA\n",
        "1: 2\n3: [4]\n", "- 2027-04-01\n", "a: 1e400\n",
    ])
    return st.one_of(st.text(max_size=300), json_values.map(lambda v: yaml.safe_dump(v, allow_unicode=True)),
                     mutated(data).map(lambda v: yaml.safe_dump(v, allow_unicode=True)), corner_cases,
                     st.binary(max_size=200).map(lambda b: b.decode("latin-1")))


@settings(FUZZ, max_examples=60)
@given(data=st.data())
def test_only_catalog_invalid_escapes_the_loader(small_catalog, data):
    name = data.draw(st.sampled_from(SMALL_CATALOG_FILES))
    target = small_catalog / name
    original = target.read_bytes()
    raw = data.draw(yaml_texts(original.decode("utf-8")).map(str.encode) | st.binary(max_size=64).map(
        lambda b: b"\xff\xfe" + b))
    target.write_bytes(raw)
    try:
        load_catalog(small_catalog)
    except CatalogInvalid as error:
        assert error.problems and all(p.file for p in error.problems)
    finally:
        target.write_bytes(original)


# ---- Blank form PDFs (navi forms set-background, the catalog editor's upload) ---------------------------------

def blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595.28, height=841.89)  # A4 portrait, in points
    writer.add_metadata({"/Title": "blank"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


BLANK_PDF = blank_pdf()


@st.composite
def pdf_bytes(draw):
    data = bytearray(BLANK_PDF)
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert", "number"]))
        if action == "flip":
            data[position] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[position:position + draw(st.integers(1, 64))]
        elif action == "insert":
            data[position:position] = draw(st.sampled_from(
                [b"<<", b">>", b"[", b"]", b" R ", b"obj", b"endobj", b"stream", b"/Pages", b"-1", b"999999999"]))
        else:
            data[position:position] = str(draw(st.integers(-(2**40), 2**40))).encode()
        if not data:
            break
    return bytes(data)


@settings(FUZZ, max_examples=300)
@given(data=pdf_bytes() | st.binary(max_size=300).map(lambda b: b"%PDF-1.7\n" + b))
def test_only_background_invalid_escapes_the_blank_form_check(data):
    from navi.domain.catalog.layout import Page

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pypdf warns about repairs; in production a warning is not an error
        for page in (None, Page()):
            try:
                check_background(data, page)
            except BackgroundInvalid as error:
                assert str(error)


# ---- Pictures of QR codes (the counter's picture upload) ------------------------------------------------------

def picture(kind: str) -> bytes:
    from PIL import Image

    from navi.payload import render

    codes = ["0" * 40]
    image = Image.open(io.BytesIO(render.symbols(codes)[0].png(scale=2)))
    out = io.BytesIO()
    image.convert("RGB" if kind in ("JPEG", "BMP") else "L").save(out, format=kind)
    return out.getvalue()


PICTURES = {kind: picture(kind) for kind in ("PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP")}


@st.composite
def picture_bytes(draw):
    data = bytearray(PICTURES[draw(st.sampled_from(sorted(PICTURES)))])
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip":
            data[position] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[position:]
        else:
            data[position:position] = draw(st.binary(min_size=1, max_size=16))
        if not data:
            break
    return bytes(data)


def huge_png() -> bytes:
    """A tiny file claiming 60000 × 60000 pixels (a decompression bomb's header)."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 60000, 60000, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + \
        chunk(b"IEND", b"")


@settings(FUZZ, max_examples=300)
@given(data=picture_bytes() | st.binary(max_size=400) | st.just(huge_png()))
def test_only_the_readers_own_errors_escape_a_picture_upload(data):
    try:
        texts = digits_in_picture(data)
    except PayloadError as error:
        assert error.code
    else:
        assert all(isinstance(text, str) for text in texts)


def test_a_real_picture_still_reads():
    assert digits_in_picture(PICTURES["PNG"]) == ["0" * 40]
    assert json.dumps(digits_in_picture(PICTURES["BMP"])) == json.dumps(["0" * 40])
