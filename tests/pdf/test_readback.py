"""The family of four's 転入 packet read back: every value sits inside its layout box, in words and 和暦."""

from __future__ import annotations

from navi.domain.dates import format_wareki
from navi.domain.planner import plan_for
from navi.pdf import packet_forms, render_packet
from navi.pdf.layout import clerk_cells
from tests.pdf.conftest import TODAY, household
from tests.pdf.readback import Box, chars_in, compact, page_text, pages, text_in

# Which members each form of the family's packet lists in its person rows.
EXPECTED_ROWS = {
    "jumin_idou": ["m1", "m2", "m3", "m4"],
    "jido_teate_seikyu": ["m3", "m4"],
    "kodomo_iryo_shinsei": ["m3", "m4"],
}
NEW_ADDRESS = "熊本県熊本市中央区花畑町1-1コーポ花畑101"


def form_pages(pdf: bytes, forms) -> dict[str, list[dict]]:
    """Each form's first page, found by its title inside the layout's title box."""
    found, remaining = {}, pages(pdf)
    for form in forms:
        title = form.layout.title
        page = remaining.pop(0)
        assert compact(text_in(page, Box(title.x, title.y, title.w, title.h))) == form.title.ja
        found[form.id] = page
    assert remaining == [], "no continuation sheets expected for a family of four"
    return found


def row_box(rows, column, index: int) -> Box:
    return Box(column.x, rows.row_top(index) + column.dy, column.w, column.height(rows.pitch))


def test_every_member_value_is_inside_its_box_on_every_form(catalog, family, family_packet):
    facts, plan = family
    forms = packet_forms(plan, catalog)
    assert [f.id for f in forms] == list(EXPECTED_ROWS)
    by_form = form_pages(family_packet, forms)
    checked = 0
    for form in forms:
        page, rows = by_form[form.id], form.layout.rows
        members = [facts.member(m) for m in EXPECTED_ROWS[form.id]]
        expected = {"member.full_name": lambda m: m.family_name + m.given_name,
                    "member.full_name_kana": lambda m: m.family_name_kana + m.given_name_kana,
                    "member.birth_date": lambda m: format_wareki(m.birth_date)}
        for column in rows.columns:
            source = form.field(column.field).source
            if source not in expected:
                continue
            for index, member in enumerate(members):
                assert compact(text_in(page, row_box(rows, column, index))) == expected[source](member)
                checked += 1
            assert text_in(page, row_box(rows, column, len(members))) == "", "a row beyond the members is empty"
        for placement in form.layout.fields:
            if form.field(placement.field).source in ("new_address", "address"):
                drawn_value = Box(placement.x, placement.y + 3.2, placement.w, placement.h - 3.2)
                assert compact(text_in(page, drawn_value)) == NEW_ADDRESS
                checked += 1
    print(f"\nvalues found inside their boxes: {checked}")
    assert checked == 4 * 3 + 1 + 2 * (2 * 3 + 1)


def test_coded_values_print_as_words_and_ticks(catalog, family, family_packet):
    _, plan = family
    form = catalog.form("jumin_idou")
    page = form_pages(family_packet, packet_forms(plan, catalog))["jumin_idou"]
    rows = form.layout.rows
    columns = {c.field: c for c in rows.columns}
    for index, (relation, sex) in enumerate([("世帯主", "男"), ("妻", "女"), ("子", "男"), ("子", "女")]):
        assert text_in(page, row_box(rows, columns["relation"], index)) == relation
        box = row_box(rows, columns["sex"], index)
        text_in(page, box)  # every glyph inside the cell
        options = "".join(c["text"] for c in sorted(chars_in(page, box), key=lambda c: c["x0"]))
        # □男 □女, left to right, with ✓ in the box before the member's sex.
        assert options == ("✓男女" if sex == "男" else "男✓女"), options
        assert text_in(page, row_box(rows, columns["nationality"], index)) == "日本"
    assert "✓" not in text_in(page, row_box(rows, columns["sex"], 4)), "an empty row has no tick"


def test_the_clerk_box_ticks_the_cells_of_planned_procedures(catalog, family, family_packet):
    _, plan = family
    form = catalog.form("jumin_idou")
    page = form_pages(family_packet, packet_forms(plan, catalog))["jumin_idou"]
    cells = clerk_cells(form.layout.clerk)
    ticked = {cell.label for cell, (x, y, w, h) in cells if "✓" in text_in(page, Box(x, y, w, h))}
    print(f"\nticked clerk cells: {sorted(ticked)}")
    # The plan: 転入届, マイナンバーカード継続利用, 児童手当, 子ども医療 (and 転入学 at the school board).
    assert ticked == {"児童手当", "子ども医療", "マイナンバーカード"}


def test_the_print_date_and_event_date_are_in_wareki(catalog, family, family_packet):
    _, plan = family
    page = form_pages(family_packet, packet_forms(plan, catalog))["jumin_idou"]
    layout = catalog.form("jumin_idou").layout
    boxes = {p.field: Box(p.x, p.y + 3.2, p.w, p.h - 3.2) for p in layout.fields}
    assert text_in(page, boxes["filed_on"]) == "令和9年4月1日"
    assert text_in(page, boxes["moved_on"]) == "令和9年4月1日"
    assert text_in(page, boxes["new_postal_code"]) == "〒860-0806"
    assert compact(text_in(page, boxes["head_name_kana"])) == "クマモトタロウ"
    assert "署名" in page_text(page)


def test_the_child_allowance_claim_prints_the_spouse_the_pension_and_living_together(catalog, family, family_packet):
    facts, plan = family
    form = catalog.form("jido_teate_seikyu")
    page = form_pages(family_packet, packet_forms(plan, catalog))["jido_teate_seikyu"]
    boxes = {p.field: Box(p.x, p.y + 3.2, p.w, p.h - 3.2) for p in form.layout.fields}
    spouse = next(m for m in facts.members if m.relation.value == "spouse")
    assert compact(text_in(page, boxes["spouse_name"])) == spouse.family_name + spouse.given_name
    assert text_in(page, boxes["claimant_pension"]) == "厚生年金"  # the head: 勤め先の健康保険（本人）
    columns = {c.field: c for c in form.layout.rows.columns}
    together = [text_in(page, row_box(form.layout.rows, columns["child_living_together"], i)) for i in range(2)]
    assert together == ["同居", "同居"]


def test_the_spouse_who_files_and_claims_prints_as_notifier_and_claimant_with_the_head_as_spouse(catalog):
    def spouse_files_and_claims(data):
        data.update(notifier="m2", claimant="m2")
        data["members"][1]["phone"] = "090-8765-4321"

    facts = household(catalog, "family4_employee", spouse_files_and_claims)
    plan = plan_for(facts, catalog)
    found = form_pages(render_packet(facts, catalog, plan, TODAY), packet_forms(plan, catalog))
    printed = {}
    for form_id, page in found.items():
        boxes = {p.field: Box(p.x, p.y + 3.2, p.w, p.h - 3.2) for p in catalog.form(form_id).layout.fields}
        printed[form_id] = {name: compact(text_in(page, box)) for name, box in boxes.items()}
    claim = printed["jido_teate_seikyu"]
    assert (claim["claimant_name"], claim["claimant_relation"], claim["claimant_phone"]) == (
        "熊本花子", "妻", "090-8765-4321")
    assert claim["claimant_pension"] == "国民年金（第3号）"
    assert claim["spouse_name"] == "熊本太郎"
    # Every other form with 届出人 boxes prints the one filing, not the head.
    assert (printed["jumin_idou"]["notifier_name"], printed["jumin_idou"]["notifier_relation"]) == ("熊本花子", "妻")
    assert printed["kodomo_iryo_shinsei"]["guardian_name"] == "熊本花子"
