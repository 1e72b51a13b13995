"""Each kind of bad input gets its own message, in Japanese and English, and what was typed stays."""

import re

import pytest

from tests.pages import parse
from tests.wizard.journeys import FAMILY_MOVING_IN, errors, walk


def reach(client, step_id: str) -> str:
    """Answer pages from the start until `step_id` is the page shown; returns its URL."""
    location = client.post("/begin").headers["Location"]
    for _ in range(30):
        if location.endswith(f"/step/{step_id}"):
            return location
        response = client.post(location, data=FAMILY_MOVING_IN.data_for(location.rsplit("/", 1)[-1]))
        location = response.headers["Location"]
    raise AssertionError(f"never reached {step_id}")


PERSON = dict(zip(("family_name", "given_name", "family_name_kana", "given_name_kana", "birth_era", "birth_year",
                   "birth_month", "birth_day", "sex", "relation"),
                  ("夢野", "太一", "ユメノ", "タイチ", "showa", "62", "9", "9", "male", "head"), strict=True))

CASES = [
    ("person-0", {"family_name": ""}, "姓を入力してください", "Enter the family name", "family_name"),
    ("person-0", {"family_name_kana": "Kumamoto"}, "セイはカタカナで入力してください",
     "Family name (katakana): use katakana only", "family_name_kana"),
    ("person-0", {"birth_era": "reiwa", "birth_year": "7", "birth_month": "2", "birth_day": "30"},
     "生年月日に存在する日付を入力してください", "Date of birth: enter a date that exists", "birth_day"),
    ("person-0", {"birth_era": "seireki", "birth_year": "2099", "birth_month": "1", "birth_day": "1"},
     "生年月日に未来の日付は入力できません", "The date of birth cannot be in the future", "birth_year"),
    ("address-to_address", {"country": "JP", "postal_code": "8699999", "street": "花畑町1-1"},
     "郵便番号「8699999」は見つかりません。確かめてもう一度入力してください",
     "Postal code 8699999 does not exist. Check it and enter it again", "postal_code"),
    ("address-to_address", {"country": "JP", "postal_code": "860080", "street": "花畑町1-1"},
     "郵便番号を7桁の数字で入力してください", "Enter the postal code as 7 digits", "postal_code"),
    ("person-0", {"birth_era": "reiwa", "birth_year": "1988", "birth_month": "5", "birth_day": "10"},
     "1988年は西暦の年です。「西暦」を選ぶか、昭和63年と入力してください",
     "1988 is a Western-calendar year. Choose “Western calendar”, or enter it as Showa63", "birth_year"),
    ("person-1", {"relation": "head", "given_name": "花音"},
     "世帯主は1人だけです。ほかの方を世帯主にしています。この方の続柄を選んでください",
     "There can be only one head of household, and another person is already the head. Choose how this "
     "person is related to the head", "given_name"),
    ("address-to_address", {"postal_code": "8600004", "street": "新町" + "9" * 298},
     "町名・番地は80文字以内で入力してください", "Town and block number must be 80 characters or fewer", "postal_code"),
]


def typed_value(html: str, name: str) -> str | None:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html) or \
        re.search(rf'<input[^>]*value="([^"]*)"[^>]*name="{name}"', html)
    return match.group(1) if match else None


@pytest.mark.parametrize(("step", "change", "japanese", "english", "kept"), CASES,
                         ids=["empty-name", "non-kana", "feb-30", "future-birth", "unknown-postal", "six-digit",
                              "western-year-under-reiwa", "second-head", "300-character-address"])
def test_bad_input_is_named_in_both_languages_and_kept(client, step, change, japanese, english, kept):
    url = reach(client, step)
    base = PERSON if step.startswith("person") else FAMILY_MOVING_IN.data_for(step)
    data = {**base, **change}
    for lang, message in (("ja", japanese), ("en", english)):
        response = client.post(f"{url}?lang={lang}", data=data)
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert message in errors(html), errors(html)
        assert '<a href="#' in html and message in html  # the error summary links to the field
        assert typed_value(html, kept) == data[kept]


def test_the_era_and_the_relation_start_unchosen_and_later_members_start_with_the_household_name(client):
    url = reach(client, "person-0")
    html = client.get(url).get_data(as_text=True)
    for name in ("birth_era", "relation"):
        select = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S).group(0)
        assert re.findall(r"<option[^>]*selected[^>]*>", select) in ([], ['<option selected value="">']), select
    client.post(url, data=PERSON)
    second = client.get(url.replace("person-0", "person-1")).get_data(as_text=True)
    assert typed_value(second, "family_name") == "夢野" and typed_value(second, "family_name_kana") == "ユメノ"
    assert typed_value(second, "given_name") in (None, "")


def test_a_destination_in_the_city_does_not_ask_the_country(client):
    html = client.get(reach(client, "address-to_address")).get_data(as_text=True)
    assert 'name="country"' not in html
    first = client.get("/step/address-from_address").get_data(as_text=True)
    assert 'name="country"' in first


def test_answers_that_no_longer_fit_together_send_back_to_the_check_page_with_the_rows_flagged(client):
    walk(client, FAMILY_MOVING_IN, until="/check")
    # 平成30年4月1日: inside the event-date window (household_rules), before both children were born.
    moved = client.post("/step/date?return=check",
                        data={"date_era": "heisei", "date_year": "30", "date_month": "4", "date_day": "1"})
    assert moved.status_code == 302
    html = client.post("/check", data=FAMILY_MOVING_IN.data_for("check")).get_data(as_text=True)
    page = parse(html)
    summary = page.find(class_="error-summary")
    assert summary is not None and "生年月日が届出の日付より後になっています" in summary.get_text()
    links = [a["href"] for a in summary.find_all("a")]
    assert links == ["/step/person-2?return=check", "/step/person-3?return=check"]  # both born after 平成30年4月1日
    assert len(page.find_all(class_="summary-row-error")) == 8  # those two people's rows, every answer still shown
    assert "夢野 桜子" in page.get_text() and client.get("/result").status_code == 302
