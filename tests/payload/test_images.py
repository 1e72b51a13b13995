"""Round trips through real pictures: segno renders, zxing-cpp reads, the reader recovers the facts."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageFilter

from navi.payload import render
from navi.payload.errors import NotOurCode
from navi.payload.images import digits_in_image
from tests import factories

HOUSEHOLDS = {
    **{f"{n}_people": factories.household(n) for n in range(1, 7)},
    "four_with_answers": factories.family_of_four(),
    "foreign_names": factories.foreign_household(),
    "long_addresses": factories.long_address_household(),
}


def _jpeg(image: Image.Image) -> Image.Image:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=40)
    return Image.open(io.BytesIO(out.getvalue()))


DEGRADE = {
    "as_rendered": lambda image: image,
    "half_size": lambda image: image.resize((image.width // 2, image.height // 2), Image.Resampling.BILINEAR),
    "blurred": lambda image: image.filter(ImageFilter.GaussianBlur(radius=1.5)),
    "rotated_10": lambda image: image.rotate(10, expand=True, fillcolor=255),
    "jpeg_q40": _jpeg,
}


@pytest.fixture(scope="module")
def pngs(make) -> dict[str, list[bytes]]:
    """The PNG of each household's code(s), rendered once."""
    return {name: [s.png() for s in render.symbols(make(data))] for name, data in HOUSEHOLDS.items()}


@pytest.mark.parametrize("damage", DEGRADE)
@pytest.mark.parametrize("name", HOUSEHOLDS)
def test_rendered_codes_read_back_after_degradation(name, damage, pngs, read, facts_of):
    scans = []
    for png in pngs[name]:
        image = DEGRADE[damage](Image.open(io.BytesIO(png)).convert("L"))
        scans += digits_in_image(image)
    assert read(scans).facts == facts_of(HOUSEHOLDS[name])


def test_png_file_on_disk_reads(tmp_path, make, read, facts_of):
    data = factories.family_of_four()
    (symbol,) = render.symbols(make(data))
    path = tmp_path / "qr.png"
    path.write_bytes(symbol.png())
    assert read(digits_in_image(path)).facts == facts_of(data)


def test_split_codes_side_by_side_read_from_one_photo(make, read, facts_of):
    data = factories.oversized_household()
    images = [Image.open(io.BytesIO(s.png(scale=4))).convert("L") for s in render.symbols(make(data))]
    sheet = Image.new("L", (sum(i.width for i in images), max(i.height for i in images)), 255)
    x = 0
    for image in reversed(images):  # laid out in the wrong order on purpose
        sheet.paste(image, (x, 0))
        x += image.width
    assert read(digits_in_image(sheet)).facts == facts_of(data)


def test_symbols_are_labelled_only_when_split(make):
    single = render.symbols(make(factories.household(1)))
    split = render.symbols(make(factories.oversized_household()))
    assert [s.label for s in single] == [None]
    assert [s.label for s in split] == [f"{k}/{len(split)}" for k in range(1, len(split) + 1)]
    assert "<title>1/" in split[0].svg()
    assert split[0].data_uri().startswith("data:image/svg+xml")
    assert split[0].data_uri("png").startswith("data:image/png;base64,")


def test_the_quiet_zone_is_there(make):
    (symbol,) = render.symbols(make(factories.household(1)))
    image = Image.open(io.BytesIO(symbol.png(scale=1))).convert("L")
    modules = 17 + 4 * symbol.version
    assert image.size == (modules + 2 * render.BORDER,) * 2
    border = [image.getpixel((x, y)) for x in range(image.width) for y in range(render.BORDER)]
    assert set(border) == {255}


def test_a_picture_without_a_code_is_not_ours(tmp_path):
    blank = Image.new("L", (200, 200), 255)
    with pytest.raises(NotOurCode):
        digits_in_image(blank)
    path = tmp_path / "notes.txt"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(NotOurCode):
        digits_in_image(path)
