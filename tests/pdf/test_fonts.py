"""No tofu: every font in the packet is an embedded subset, the font has every character the household
needs, and poppler renders each page to PNG without complaint."""

from __future__ import annotations

import io
import shutil
import subprocess

from PIL import Image
from pypdf import PdfReader

from navi.pdf import packet_forms
from navi.pdf.fonts import MISSING, covers, printable
from tests.pdf.readback import page_text, pages

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def fonts_of(pdf: bytes) -> list[tuple[str, bool]]:
    """Every font the pages use (descendant fonts of composite fonts included): name and whether embedded."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            for part in [font] + [d.get_object() for d in font.get("/DescendantFonts", [])]:
                descriptor = part.get("/FontDescriptor")
                if part.get("/Subtype") == "/Type0":
                    continue
                embedded = descriptor is not None and any(k in descriptor.get_object() for k in FONT_FILES)
                found.append((str(part["/BaseFont"]).lstrip("/"), embedded))
    return found


def household_text(facts, catalog, plan) -> str:
    """Every string the household brings to its forms: names, kana, addresses, words for coded values."""
    words = catalog.form_words
    parts = [m.full_name + m.full_name_kana for m in facts.members]
    parts += [a.one_line() for a in (facts.from_address, facts.to_address) if a]
    parts += [words.word("member.relation", m.relation.value, m.sex.value) + words.word("member.sex", m.sex.value)
              for m in facts.members]
    parts += [f.title.ja for f in packet_forms(plan, catalog)]
    return "".join(parts)


def test_every_font_is_an_embedded_subset(family_packet):
    fonts = fonts_of(family_packet)
    print(f"\nfonts in the packet: {sorted(set(fonts))}")
    assert fonts, "the packet uses at least one font"
    assert all(embedded for _, embedded in fonts), fonts
    # A subset is named with a six-letter tag (AAAAAA+…): only the glyphs used travel in the file.
    assert all(name[7:].startswith("BIZUDGothic") and name[6] == "+" for name, _ in fonts), fonts


def test_the_font_covers_every_character_of_the_household(catalog, family):
    facts, plan = family
    text = household_text(facts, catalog, plan)
    assert [c for c in text if not c.isspace() and not covers(c)] == []
    assert MISSING not in printable(text)


def test_a_character_the_font_lacks_prints_as_geta_not_as_an_invisible_box():
    assert not covers("𠮷")  # the 𠮷 of 𠮷野家: outside the font's character set
    assert printable("𠮷田") == "〓田"


def test_the_packet_reads_back_without_geta(family_packet):
    assert all(MISSING not in page_text(chars) for chars in pages(family_packet))


def test_poppler_renders_every_page(family_packet, tmp_path):
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "poppler-utils is needed (apt-get install poppler-utils; .ci/run installs it)"
    source = tmp_path / "packet.pdf"
    source.write_bytes(family_packet)
    result = subprocess.run([pdftoppm, "-r", "40", "-png", str(source), str(tmp_path / "page")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", "poppler reports no font or syntax problem"
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == len(pages(family_packet)) == 3
    for image in images:
        with Image.open(image) as picture:
            darkest, _ = picture.convert("L").getextrema()
            assert darkest < 80, f"{image.name} has ink on it"
