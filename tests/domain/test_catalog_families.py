"""The families of procedures the catalog used to miss, each planned from a household written from the rules:
public assistance, a child's death, moving abroad with a card, 特別永住者, a parent's death, documents and notes
that follow the household, open questions, rules in force on the event date, pointers to other offices."""

import copy

from navi.domain.catalog.loader import load_catalog
from navi.domain.planner import plan_for
from navi.domain.validation import parse_example

CATALOG = load_catalog()


def plan(name: str, **changes):
    data = copy.deepcopy(CATALOG.households[name])
    data.update(changes)
    return plan_for(parse_example(data, CATALOG), CATALOG)


def listed(result) -> dict[str, list[str]]:
    return {p.id: p.members for p in result.procedures}


def test_public_assistance_households_get_their_welfare_office_procedures():
    moving_in = listed(plan("welfare_family_moving_in"))
    assert moving_in["hogo_tennyu"] == ["m1", "m2"]
    assert "kokuho_join" not in moving_in and "kodomo_iryo" not in moving_in  # 生活保護 covers medical costs
    assert listed(plan("welfare_moving_out"))["hogo_tenshutsu"] == ["m1"]
    assert listed(plan("welfare_death_couple"))["hogo_shibou"] == ["m1"]
    assert "保護課" in plan("welfare_single_moving_in").visit_order


def test_a_childs_death_reduces_child_allowance_and_returns_the_himawari_card():
    result = listed(plan("child_death"))
    assert result["jido_teate_genkaku_death"] == ["m4"]
    assert result["kodomo_iryo_death_return"] == ["m4"]
    assert "jido_fuyo_teate_death" not in result and "fukushi_todoke" not in result


def test_a_parents_death_brings_single_parent_support_and_optional_filings():
    result = plan("death_head_family")
    assert result.procedure("jido_fuyo_teate_death").members == ["m3", "m4"]
    assert result.procedure("hitorioya_iryo_death").members == ["m2", "m3", "m4"]
    options = [p for p in result.procedures if p.optional]
    assert {p.id for p in options} == {"fukushi_todoke", "inzoku_kankei_shuryo"}


def test_a_card_holder_moving_abroad_keeps_the_card_from_27_may_2024():
    result = listed(plan("couple_moving_abroad"))
    assert result["mynumber_kokugai_keizoku"] == ["m1", "m2"]
    assert result["nenkin_nini_kanyu"] == ["m1", "m2"] and result["nouzei_kanrinin"] == ["m1", "m2"]
    assert "mynumber_kokugai_keizoku" not in listed(plan("couple_moving_abroad_2024_05"))


def test_special_permanent_residents_file_with_their_certificate_not_a_residence_card():
    result = plan("tokubetsu_eijusha_moving_in")
    moving_in = result.procedure("tennyu_todoke")
    assert {d.id: d.members for d in moving_in.deemed}["tokubetsu_eijusha_address"] == ["m1", "m2", "m3"]
    assert "zairyu_card_address" not in {d.id for d in moving_in.deemed}
    assert "在留カード・特別永住者証明書（外国籍の方）" in moving_in.documents
    assert not any("パスポート" in d for d in moving_in.documents)


def test_documents_and_notes_follow_the_household():
    japanese = plan("family4_employee").procedure("tennyu_todoke").documents
    assert not any("在留カード" in d or "パスポート" in d for d in japanese)
    assert any("転出証明書" in d for d in japanese)
    tokurei = plan("multigen_moving_in").procedure("tennyu_todoke").documents  # moved with the card
    assert not any("転出証明書" in d for d in tokurei)
    from_abroad = plan("foreign_student_from_abroad").procedure("tennyu_todoke").documents
    assert any("パスポート" in d for d in from_abroad) and not any("転出証明書" in d for d in from_abroad)
    death = plan("death_elderly_kouki")
    assert death.procedure("kouki_loss").notes is None and death.procedure("kaigo_loss").notes is None
    assert "転出" in plan("elderly_moving_out_pref").procedure("kouki_loss").notes
    assert plan("birth_national").procedure("shussei_todoke").notes is None
    assert "在留資格" in plan("birth_foreign_first").procedure("shussei_todoke").notes
    baby = plan("birth_national").procedure("kokuho_join").documents
    assert not any("資格喪失証明書" in d for d in baby)


def test_an_unanswered_children_with_me_is_an_open_question_naming_the_allowances():
    data = copy.deepcopy(CATALOG.households["divorce_with_children"])
    data["answers"].pop("children_with_me")
    result = plan_for(parse_example(data, CATALOG), CATALOG)
    [question] = [q for q in result.open_questions if q.question == "children_with_me"]
    assert {"jido_fuyo_teate", "hitorioya_iryo", "jido_teate_juyusha_henko"} <= set(question.could_add)
    assert "jido_fuyo_teate" not in listed(result)
    assert result.to_dict()["open_questions"][0]["question"] == "children_with_me"
    assert plan("divorce_with_children").open_questions == []


def test_child_allowance_and_himawari_ages_as_in_force_on_the_event_date():
    before = listed(plan("hs_family_moving_in_2023_11"))
    assert before["jido_teate_nintei"] == ["m4"] and before["kodomo_iryo"] == ["m4"]
    between = listed(plan("hs_family_moving_in_2024_09"))
    assert between["jido_teate_nintei"] == ["m4"] and between["kodomo_iryo"] == ["m3", "m4"]
    after = listed(plan("hs_family_moving_in_2024_09", event_date="2024-10-01"))
    assert after["jido_teate_nintei"] == ["m3", "m4"]


def test_pointers_to_other_offices_are_listed_apart_from_the_counters_here():
    result = plan("death_employee_spouse")
    burial = result.procedure("maisouryou")
    assert burial.elsewhere == "勤め先の健康保険（協会けんぽ・健康保険組合など）"
    pointers = [p.id for p in result.procedures if p.elsewhere]
    assert pointers == ["maisouryou", "izoku_kousei_nenkin"]
    position = [p.id for p in result.procedures]
    here = [p for p in position if p not in pointers and not result.procedure(p).automatic]
    assert max(position.index(p) for p in here) < min(position.index(p) for p in pointers)
    assert listed(plan("birth_foreign_first"))["zairyu_shikaku_shutoku"] == ["m3"]
