"""Each kind of bad input gets its own message, in Japanese and English, and what was typed stays."""

import re

import pytest

from tests.wizard.journeys import FAMILY_MOVING_IN, errors


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
    ("person-0", {"family_name": ""}, "姓を入力してください", "Enter the Family name", "family_name"),
    ("person-0", {"family_name_kana": "Kumamoto"}, "セイはカタカナで入力してください",
     "Use only katakana for the Family name (katakana)", "family_name_kana"),
    ("person-0", {"birth_era": "reiwa", "birth_year": "7", "birth_month": "2", "birth_day": "30"},
     "生年月日に存在する日付を入力してください", "Enter a real date for the Date of birth", "birth_day"),
    ("person-0", {"birth_era": "seireki", "birth_year": "2099", "birth_month": "1", "birth_day": "1"},
     "生年月日に未来の日付は入力できません", "The date of birth cannot be in the future", "birth_year"),
    ("address-to_address", {"country": "JP", "postal_code": "8699999", "street": "花畑町1-1"},
     "郵便番号「8699999」は見つかりません。確かめてもう一度入力してください",
     "Postal code 8699999 does not exist. Check it and enter it again", "postal_code"),
    ("address-to_address", {"country": "JP", "postal_code": "860080", "street": "花畑町1-1"},
     "郵便番号を7桁の数字で入力してください", "Enter the postal code as 7 digits", "postal_code"),
]


def typed_value(html: str, name: str) -> str | None:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html) or \
        re.search(rf'<input[^>]*value="([^"]*)"[^>]*name="{name}"', html)
    return match.group(1) if match else None


@pytest.mark.parametrize(("step", "change", "japanese", "english", "kept"), CASES,
                         ids=["empty-name", "non-kana", "feb-30", "future-birth", "unknown-postal", "six-digit"])
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
