"""Whole journeys through the wizard with the test client: screens, questions asked, the plan shown."""

import re

import pytest

from navi.domain.catalog.model import AllOf, AnyOf, CountMembers, Leaf, NotOf, SomeMember
from navi.domain.interview import ATTRIBUTES
from tests.wizard.journeys import BEREAVEMENT, FAMILY_MOVING_IN, walk


def condition_facts(condition) -> set[str]:
    """Every fact name a condition reads."""
    if isinstance(condition, Leaf):
        return {condition.fact}
    if isinstance(condition, AllOf | AnyOf):
        return set().union(*(condition_facts(c) for c in (condition.all if isinstance(condition, AllOf)
                                                           else condition.any)))
    if isinstance(condition, NotOf):
        return condition_facts(condition.not_)
    if isinstance(condition, SomeMember):
        return condition_facts(condition.some_member)
    if isinstance(condition, CountMembers):
        return condition_facts(condition.count_members)
    raise TypeError(condition)


@pytest.mark.parametrize("journey", [FAMILY_MOVING_IN, BEREAVEMENT], ids=["moving_in", "death"])
def test_journey_reaches_a_result_listing_the_plan(client, journey):
    walk(client, journey)
    html = client.get("/result").get_data(as_text=True)
    for procedure in journey.expected:
        assert f'id="procedure-{procedure}"' in html


def test_family_moving_in_asks_at_most_16_screens_and_only_questions_the_catalog_uses(client, catalog):
    shown = walk(client, FAMILY_MOVING_IN)
    assert len(shown) <= 16, shown
    procedures = [p for p in catalog.procedures if "moving_in" in p.events]
    read = set().union(*(condition_facts(p.condition) for p in procedures))
    printed = {f.source.split(".", 1)[1] for p in procedures for form in catalog.forms if form.id in p.forms
               for f in form.fields if f.source.startswith("member.")}
    for url in shown:
        step = url.rsplit("/", 1)[-1]
        if step.startswith("attr-"):
            fact = step[5:]
            assert fact in ATTRIBUTES
            assert fact in read or fact in printed or (fact == "foreign" and {"foreign", "nationality"} & read), step
        if step.startswith("q-"):
            assert f"answer.{step[2:]}" in read, step
        if step.startswith("qs-"):
            assert all(f"answer.{question_id}" in read for question_id in step[3:].split("+")), step


def test_employee_family_is_not_asked_about_care_or_told_to_join_national_insurance(client):
    shown = walk(client, FAMILY_MOVING_IN)
    assert "/step/attr-care_level" not in shown
    html = client.get("/result").get_data(as_text=True)
    assert 'id="procedure-kokuho_join"' not in html
    assert re.search(r"一輝さん（8歳）", html)


def test_result_page_is_in_english_when_chosen(client):
    walk(client, FAMILY_MOVING_IN)
    html = client.get("/result?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Counters to visit, in order" in html


def test_result_shows_a_qr_code_the_counter_reads_back_to_the_same_household(app, client, catalog):
    import base64
    import io

    import zxingcpp
    from PIL import Image

    from navi.payload import codec
    from navi.payload.keys import load_keyring

    walk(client, FAMILY_MOVING_IN)
    html = client.get("/result").get_data(as_text=True)
    images = re.findall(r'<img src="data:image/png;base64,([^"]+)"', html)
    assert len(images) == 1
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(base64.b64decode(images[0]))))
    assert len(found) == 1
    keyring = load_keyring(app.config["KEYS_DIR"])
    opened = codec.read_codes([found[0].text], keyring, {catalog.version: catalog},
                              codec.Policy.from_settings(app.config))
    assert opened.facts.members[0].family_name == "夢野"
    assert [m.given_name for m in opened.facts.members] == ["太一", "花音", "一輝", "桜子"]
    assert opened.facts.to_address.street == "新町9-9-9"


def test_a_survivor_is_not_asked_what_cannot_change_their_plan_or_print_on_their_rows(client):
    asked: dict[str, list[str]] = {}

    def look(url, page):
        if "/step/attr-" in url:
            asked[url.rsplit("/", 1)[-1]] = re.findall(r'<select[^>]*name="(m_m\d)"', page.get_data(as_text=True))

    walk(client, BEREAVEMENT, on_page=look)
    assert asked["attr-care_level"] == ["m_m1"]  # 要介護度 of the deceased (介護保険の資格喪失), not the survivor's
