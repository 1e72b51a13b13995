"""Nothing is cut off silently: long text shrinks, then wraps, then continues on a 続紙; big households
continue their person rows on continuation sheets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from navi.domain.planner import plan_for
from navi.pdf import render_form
from navi.pdf.fit import fit
from navi.pdf.fonts import width
from tests.pdf.conftest import TODAY, household
from tests.pdf.readback import MM, Box, chars_in, compact, page_text, pages, text_in

EXTRA_PEOPLE = [("次郎", "ジロウ", "male"), ("三郎", "サブロウ", "male"), ("梅", "ウメ", "female"),
                ("菊", "キク", "female"), ("蘭", "ラン", "female")]


def nine_people(data: dict) -> None:
    """The family of four plus five more children: nine people moving in together."""
    for i, (given_name, kana, sex) in enumerate(EXTRA_PEOPLE, start=5):
        data["members"].append({"id": f"m{i}", "relation": "child", "family_name": "熊本", "given_name": given_name,
                                "family_name_kana": "クマモト", "given_name_kana": kana,
                                "birth_date": f"20{10 + i}-0{i}-1{i}", "sex": sex, "moving": True})


def with_address(street: str, building: str, city: str = "熊本市中央区"):
    def change(data: dict) -> None:
        data["to_address"] = {**data["to_address"], "city": city, "street": street, "building": building}
    return change


def test_nine_people_continue_on_a_continuation_sheet(catalog):
    facts = household(catalog, "family4_employee", nine_people)
    plan = plan_for(facts, catalog)
    layout = catalog.form("jumin_idou").layout
    sheets = pages(render_form("jumin_idou", facts, catalog, plan, TODAY))
    print(f"\n9 people on jumin_idou: {len(sheets)} pages, {layout.rows.per_page} rows on the form")
    assert len(sheets) == 2
    assert "住民異動届（続紙1/1）" in page_text(sheets[1])
    name = next(c for c in layout.rows.columns if c.field == "name")
    for index, member in enumerate(facts.members):
        if index < layout.rows.per_page:
            page, top = sheets[0], layout.rows.row_top(index)
        else:  # on the continuation sheet the rows start under its own headings
            slot = index - layout.rows.per_page
            page, top = sheets[1], layout.continuation.rows_y + layout.rows.header + slot * layout.rows.pitch
        box = Box(name.x, top + name.dy, name.w, name.height(layout.rows.pitch))
        assert compact(text_in(page, box)) == member.family_name + member.given_name
    assert page_text(sheets[0]).endswith("1/2") and page_text(sheets[1]).endswith("2/2")


def test_a_forty_character_address_shrinks_or_wraps_and_reads_back_whole(catalog):
    building = "グランドメゾン花畑サウスタワー東棟二〇三号"
    facts = household(catalog, "family4_employee", with_address("花畑町一丁目二番三号", building))
    address = facts.to_address.one_line()
    assert len(compact(address)) == 40
    plan = plan_for(facts, catalog)
    adjusted = 0
    for form_id in ("jumin_idou", "jido_teate_seikyu", "kodomo_iryo_shinsei"):
        form = catalog.form(form_id)
        placement = next(p for p in form.layout.fields if p.field in ("new_address", "address"))
        sheets = pages(render_form(form_id, facts, catalog, plan, TODAY))
        assert len(sheets) == 1, "it fits on the form itself"
        box = Box(placement.x, placement.y + 3.2, placement.w, placement.h - 3.2)
        assert compact(text_in(sheets[0], box)) == compact(address)
        found = chars_in(sheets[0], box)
        sizes, lines = {round(c["size"], 1) for c in found}, {round(c["top"]) for c in found}
        print(f"\n{form_id}: address at {sorted(sizes)} pt on {len(lines)} line(s), box {placement.w} mm wide")
        assert min(sizes) >= placement.min_size - 0.01
        if width(address, placement.size) > (placement.w - 2) * MM:  # too wide at the layout's size
            assert max(sizes) < placement.size or len(lines) > 1
            adjusted += 1
    assert adjusted >= 2, "the portrait forms' address boxes are narrower than 40 characters"


def test_an_address_too_long_even_wrapped_continues_on_a_continuation_sheet(catalog):
    building = "コーポラティブハウス花畑" * 6 + "東棟" * 4  # 80 characters, the most a building name may have
    city = "熊本市中央区" + "新市街" * 10
    facts = household(catalog, "family4_employee", with_address("花畑町一丁目二番三号" * 8, building, city))
    address = facts.to_address.one_line()
    plan = plan_for(facts, catalog)
    form = catalog.form("kodomo_iryo_shinsei")
    placement = next(p for p in form.layout.fields if p.field == "address")
    sheets = pages(render_form(form.id, facts, catalog, plan, TODAY))
    assert len(sheets) == 2
    shown = compact(text_in(sheets[0], Box(placement.x, placement.y + 3.2, placement.w, placement.h - 3.2)))
    assert shown.endswith("…※続紙へ"), "the box shows where the text goes on"
    assert compact(address).startswith(shown.removesuffix("…※続紙へ"))
    continued = page_text(sheets[1])
    assert "住所（続き）" in continued
    assert compact(address) in continued, "the whole address on the continuation sheet"


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet="熊本市中央区花畑町一丁目コーポABC 123-、。）ー", min_size=1, max_size=90),
       box_width=st.floats(20, 400), box_height=st.floats(8, 60))
def test_fitting_never_loses_or_widens_text(text, box_width, box_height):
    fitted = fit(text, box_width, box_height, 12, 6)
    joined = "".join(fitted.lines)
    if fitted.overflow:
        assert compact(text).startswith(compact(joined))
    else:
        assert compact(joined) == compact(text)
    assert 6 <= fitted.size <= 12
    for line in fitted.lines:
        assert len(line) == 1 or width(line, fitted.size) <= box_width + 0.01


def test_fitting_order_shrink_then_wrap():
    one_line = fit("熊本県熊本市中央区花畑町1-1", 45 * MM, 5 * MM, 12, 6)
    assert len(one_line.lines) == 1 and 6 <= one_line.size < 12
    wrapped = fit("熊本県熊本市中央区花畑町1-1 コーポ花畑101号室", 30 * MM, 12 * MM, 12, 6)
    assert len(wrapped.lines) > 1 and not wrapped.overflow
