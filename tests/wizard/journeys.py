"""Residents' journeys through the wizard as data, and a runner that walks them with the test client."""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.pages import parse

PERSON_FIELDS = ("family_name", "given_name", "family_name_kana", "given_name_kana",
                 "birth_era", "birth_year", "birth_month", "birth_day", "sex", "relation")


@dataclass
class Journey:
    """What a resident answers, page by page (pages not listed get their default: nothing chosen, 「いいえ」)."""

    answers: dict[str, dict]
    people: list[tuple[str, ...]]
    expected: list[str] = field(default_factory=list)

    def data_for(self, step_id: str) -> dict:
        if step_id in self.answers:
            return self.answers[step_id]
        if step_id.startswith("person-"):
            return dict(zip(PERSON_FIELDS, self.people[int(step_id[7:])], strict=True))
        if step_id.startswith("q-"):
            return {"value": "no"}
        if step_id.startswith("qs-"):  # several questions on one page: each as its own page would be answered
            return {f"q_{question_id}": self.answers.get(f"q-{question_id}", {"value": "no"})["value"]
                    for question_id in step_id[3:].split("+")}
        return {}


FAMILY_MOVING_IN = Journey(
    answers={
        "event": {"value": "moving_in"},
        "date": {"date_era": "reiwa", "date_year": "9", "date_month": "4", "date_day": "1"},
        "address-from_address": {"country": "JP", "postal_code": "812-0011", "street": "博多駅前1-1-1"},
        "address-to_address": {"country": "JP", "postal_code": "８６０－０００４", "street": "新町9-9-9",
                               "building": "ハイツ夢野202", "phone": "096-123-4567"},
        "count": {"count": "4"},
        "moving": {"value": ["m1", "m2", "m3", "m4"]},
        "attr-has_my_number_card": {"value": ["m1", "m2"]},
        "flags": {"m_m1": ["has_my_number_card"], "m_m2": ["has_my_number_card"]},
        "attr-health_insurance": {"m_m1": "employee", "m_m2": "employee_dependent", "m_m3": "employee_dependent",
                                  "m_m4": "employee_dependent"},
        "attr-pension": {"m_m1": "category2", "m_m2": "category3"},
        # A choice question (no 「いいえ」 to default to): neither a dog nor a moped.
        "q-dog_or_moped": {"value": "none"},
        # The check page asks who files (two adults could) and who claims the child allowance (two parents).
        "check": {"notifier": "m1", "claimant": "m1"},
    },
    # A family the catalog's examples don't contain, so finding their data anywhere is a real leak.
    people=[("夢野", "太一", "ゆめの", "たいち", "showa", "62", "9", "9", "male", "head"),
            ("夢野", "花音", "ユメノ", "カノン", "heisei", "3", "1", "15", "female", "spouse"),
            ("夢野", "一輝", "ﾕﾒﾉ", "ｶｽﾞｷ", "heisei", "30", "7", "7", "male", "child"),
            ("夢野", "桜子", "ゆめの", "さくらこ", "reiwa", "5", "12", "12", "female", "child")],
    expected=["tennyu_todoke", "mynumber_continue", "jido_teate_nintei", "kodomo_iryo", "tennyugaku"],
)

BEREAVEMENT = Journey(
    answers={
        "event": {"value": "death"},
        "date": {"date_era": "reiwa", "date_year": "9", "date_month": "6", "date_day": "3"},
        "address-address": {"country": "JP", "postal_code": "8620950", "street": "水前寺6-18-1"},
        "count": {"count": "2"},
        "subject": {"value": "m1"},
        "attr-health_insurance": {"m_m1": "late_elderly", "m_m2": "late_elderly"},
        "attr-pension": {"m_m1": "pensioner", "m_m2": "pensioner"},
        "attr-care_level": {"m_m1": "care2", "m_m2": "none"},
        "attr-has_my_number_card": {"value": ["m1"]},
        "flags": {"m_m1": ["has_my_number_card"]},
    },
    people=[("肥後", "一郎", "ひご", "いちろう", "showa", "20", "3", "3", "male", "head"),
            ("肥後", "ミツ", "ヒゴ", "ミツ", "showa", "23", "7", "7", "female", "spouse")],
    expected=["shibou_todoke", "maikasou_kyoka", "kouki_loss", "kouki_sousaihi", "kaigo_loss", "nenkin_mishikyu"],
)



def walk(client, journey: Journey, *, limit: int = 40, on_page=None, begin: dict | None = None,
         until: str = "/result") -> list[str]:
    """Answer every page from the start page to the result (or `until`); returns the URLs shown."""
    start = client.get("/")
    if on_page:
        on_page("/", start)
    response = client.post("/begin", data=begin or {})
    location, shown = response.headers["Location"], ["/"]
    for _ in range(limit):
        page = client.get(location)
        assert page.status_code == 200, (location, page.status_code)
        shown.append(location)
        if on_page:
            on_page(location, page)
        if location.startswith(until):
            return shown
        step_id = location.rsplit("/", 1)[-1]
        data = journey.data_for(step_id)
        response = client.post(location, data=data)
        assert response.status_code == 302, (location, errors(response.get_data(as_text=True)))
        location = response.headers["Location"]
    raise AssertionError("journey did not reach the result page")


def errors(html: str) -> list[str]:
    """The error messages a page shows beside its fields."""
    found = [p.get_text() for p in parse(html).find_all("p", class_="error-message")]
    return [e.replace("エラー:", "").replace("Error:", "").strip() for e in found]
