"""Test data: household facts shaped as design.md §3 fixes them, and apps on a temporary instance (one
factory for every test folder: keys, the default catalog and one staff account per role)."""

from __future__ import annotations

import copy
import json
import random
from functools import cache
from pathlib import Path
from typing import Any

from navi import create_app
from navi.domain.catalog.loader import DEFAULT_CATALOG_DIR, load_catalog, read_catalog_files
from navi.domain.catalog.model import Catalog, Question
from navi.domain.validation import parse_facts
from navi.instance import prepare as instance
from navi.instance.prepare import prepare_instance
from navi.payload import codec, keys
from navi.records.db import session_factory
from navi.records.staff import create_staff
from navi.web import app as web
from navi.web.extensions import catalog_source

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "family4_moving_in.json"

PASSWORD = "correct horse battery staple"

ROLES = ("clerk", "supervisor", "admin")

@cache
def default_catalog():
    """The default catalog, loaded once per test session (parsing the YAML takes about a second)."""
    return load_catalog(DEFAULT_CATALOG_DIR)

@cache
def default_catalog_files() -> dict:
    """The default catalog's raw files, read once per test session."""
    return read_catalog_files(DEFAULT_CATALOG_DIR)

def cached_catalog(monkeypatch) -> None:
    """Apps made from now on in this test reuse the session's parsed default catalog."""
    monkeypatch.setattr(web, "load_catalog", lambda _directory: default_catalog())
    monkeypatch.setattr(instance, "read_catalog_files", lambda _directory: default_catalog_files())

def make_app(tmp_path: Path, monkeypatch, **settings):
    """A counter app on a temporary instance: schema, catalog, QR keys and one account per role."""
    monkeypatch.setenv("NAVI_INSTANCE", str(tmp_path / "instance"))
    cached_catalog(monkeypatch)
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "NAVI_ROLE": "all", **settings})
    prepare_instance(app)
    keys_dir = Path(app.config["KEYS_DIR"])
    keys_dir.mkdir(parents=True, exist_ok=True)
    if not keys.list_keys(keys_dir):
        keys.generate(keys_dir)
    with session_factory(app.config["DATABASE_URL"])() as session:
        app.config["TEST_STAFF_IDS"] = {role: create_staff(session, role, PASSWORD, role).id for role in ROLES}
    return app

def app_with_case(tmp_path: Path, monkeypatch, **settings):
    """A counter app (as make_app) that already holds the README's family as case TEST_CASE_ID."""
    app = make_app(tmp_path, monkeypatch, **settings)
    app.config["TEST_CASE_ID"] = add_example_case(app)
    return app

def add_example_case(app, facts: dict | None = None) -> int:
    """Record the README's family of four (or `facts`) as a case, as a clerk would, and return its id."""
    from navi.records.cases import create_case_from_facts

    with session_factory(app.config["DATABASE_URL"])() as session:
        return create_case_from_facts(session, parse_facts(facts or example_facts(), default_catalog()),
                                      default_catalog(), "clerk").id


def example_facts() -> dict:
    """The README's family of four moving in, as a dict."""
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))

def codes_for(app, facts: dict | None = None, *, now: float | None = None) -> list[str]:
    """The digits of the QR code(s) the kiosk would show for these facts (the real codec)."""
    catalog = catalog_source(app).running
    parsed = parse_facts(facts or example_facts(), catalog)
    return codec.make_codes(parsed, catalog, keys.current_recipient(Path(app.config["KEYS_DIR"])), now=now)

def large_household() -> dict:
    """Fourteen people with long, different names: too much for one code, so the kiosk splits it into parts."""
    pick = random.Random(7)  # fixed seed: the same household every run

    def text(alphabet: str, length: int) -> str:
        return "".join(pick.choice(alphabet) for _ in range(length))

    kanji = "東西南北春夏秋冬山川森林海空花鳥風月雪松竹梅桜菊蘭藤"
    katakana = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホ"
    facts = example_facts()
    relations = ["head", "spouse", *["child"] * 4, "parent", "parent", *["other"] * 6]
    facts["members"] = [
        {"id": f"m{i + 1}", "relation": relation, "family_name": text(kanji, 12), "given_name": text(kanji, 12),
         "family_name_kana": text(katakana, 20), "given_name_kana": text(katakana, 20),
         "birth_date": f"{1940 + 5 * i}-{1 + i % 12:02d}-{10 + i}", "sex": ("male", "female")[i % 2],
         "health_insurance": "national", "pension": "category1", "moving": True}
        for i, relation in enumerate(relations)
    ]
    return facts


def url_values(app) -> dict:
    """A value for every URL argument of the app's routes (the example case, a counter, a catalog item…)."""
    return {"case_id": app.config["TEST_CASE_ID"], "procedure_id": "tennyu_todoke", "counter_id": "kumin",
            "field": "members.m1.family_name", "kind": "json",
            "user_id": app.config.get("TEST_TARGET_USER_ID", app.config["TEST_STAFF_IDS"]["clerk"]),
            "filename": "navi.css", "step_id": "event", "form_id": "jumin_idou", "section": "procedures",
            "item_id": "tennyu_todoke", "publication_id": 1, "office_id": "chuo"}


MOVE_IN: dict[str, Any] = {
    "event": "moving_in",
    "event_date": "2027-04-01",
    "office": "chuo",
    "from_address": {
        "postal_code": "8120011",
        "prefecture": "福岡県",
        "city": "福岡市博多区",
        "street": "博多駅前1-1-1",
    },
    "to_address": {
        "postal_code": "8600806",
        "prefecture": "熊本県",
        "city": "熊本市中央区",
        "street": "花畑町1-1",
        "building": "コーポ花畑101",
    },
}

# One person per line: relation, 姓, 名, セイ, メイ, birth date, sex, insurance, pension, extras.
_PEOPLE: list[tuple[str, str, str, str, str, str, str, str, str, dict[str, Any]]] = [
    (
        "head",
        "熊本",
        "太郎",
        "クマモト",
        "タロウ",
        "1988-05-10",
        "male",
        "employee",
        "category2",
        {"has_my_number_card": True, "phone": "090-1234-5678"},
    ),
    (
        "spouse",
        "熊本",
        "花子",
        "クマモト",
        "ハナコ",
        "1990-08-20",
        "female",
        "employee_dependent",
        "category3",
        {"has_my_number_card": True},
    ),
    ("child", "熊本", "一郎", "クマモト", "イチロウ", "2018-06-15", "male", "employee_dependent", "none", {}),
    ("child", "熊本", "桜", "クマモト", "サクラ", "2023-11-03", "female", "employee_dependent", "none", {}),
    (
        "parent",
        "熊本",
        "ハル",
        "クマモト",
        "ハル",
        "1947-02-28",
        "female",
        "late_elderly",
        "pensioner",
        {"care_level": "care2", "disability_handbook": True},
    ),
    (
        "other",
        "NGUYEN",
        "THI MAI",
        "グエン",
        "ティ マイ",
        "1996-12-01",
        "female",
        "national",
        "category1",
        {
            "nationality": "VN",
            "residence_status": "技術・人文知識・国際業務",
            "residence_card_number": "AB12345678CD",
            "period_of_stay_until": "2029-03-31",
        },
    ),
]

# The answers of eight procedures' questions (kinds: yes/no, choice, number, unknown).
EIGHT_ANSWERS: dict[str, Any] = {
    "inkan_registration": True,
    "moved_with_my_number_card": True,
    "school_transfer": True,
    "nursery_application": False,
    "child_allowance_claimant": "m1",
    "previous_insurance": "employee",
    "dog_count": 1,
    "public_servant": None,
}


def member(index: int, row: tuple) -> dict[str, Any]:
    """One member dict from a row of _PEOPLE, with the id m<index+1>."""
    relation, family, given, family_kana, given_kana, birth, sex, insurance, pension, extras = row
    return {
        "id": f"m{index + 1}",
        "relation": relation,
        "family_name": family,
        "given_name": given,
        "family_name_kana": family_kana,
        "given_name_kana": given_kana,
        "birth_date": birth,
        "sex": sex,
        "health_insurance": insurance,
        "pension": pension,
        "moving": True,
        **extras,
    }


def household(size: int, answers: dict[str, Any] | None = None) -> dict[str, Any]:
    """A household moving into 中央区 with the first `size` people of the pool (1–6)."""
    facts = copy.deepcopy(MOVE_IN)
    facts["members"] = [member(i, row) for i, row in enumerate(_PEOPLE[:size])]
    facts["answers"] = dict(answers or {})
    return facts


def family_of_four() -> dict[str, Any]:
    """The family of four with eight procedures' answers (the size target: one code, version ≤ 16)."""
    return household(4, EIGHT_ANSWERS)


def foreign_household() -> dict[str, Any]:
    """Two foreign residents with residence card fields, names as on the card (Latin letters)."""
    facts = household(0)
    facts["from_address"] = {"country": "VN", "street": "HA NOI"}
    facts["members"] = [
        member(
            0,
            (
                "head",
                "NGUYEN",
                "VAN AN",
                "グエン",
                "ヴァン アン",
                "1994-07-07",
                "male",
                "national",
                "category1",
                {
                    "nationality": "VN",
                    "residence_status": "特定技能",
                    "residence_card_number": "XY98765432ZW",
                    "period_of_stay_until": "2028-09-30",
                },
            ),
        ),
        member(
            1,
            (
                "spouse",
                "SILVA SANTOS",
                "MARIA APARECIDA",
                "シルバ サントス",
                "マリア アパレシーダ",
                "1995-01-31",
                "female",
                "national",
                "category1",
                {
                    "nationality": "BR",
                    "residence_status": "家族滞在",
                    "residence_card_number": "CD00000001EF",
                    "period_of_stay_until": "2028-09-30",
                },
            ),
        ),
    ]
    return facts


def long_address_household() -> dict[str, Any]:
    """Three people with the longest addresses the facts model allows (80 characters a field)."""
    facts = household(3)
    facts["from_address"] = {
        "postal_code": "0600001",
        "prefecture": "北海道",
        "city": "札幌市中央区",
        "street": "北一条西二十丁目" + "大通公園前" * 14,
        "building": "サンシャインレジデンス北一条ウエストタワー" * 3 + "第三号棟一二〇三号室",
    }
    facts["to_address"] = {
        "postal_code": "8620950",
        "prefecture": "熊本県",
        "city": "熊本市中央区",
        "street": "水前寺六丁目一八番一号" + "江津湖畔通り" * 10,
        "building": "グランドメゾン水前寺公園" * 5 + "四〇二",
    }
    return facts


_NAME_KANJI = (
    "龍之介錦右京太夫美智恵佐和藤衛門紗清四郎真理菜百合絵"
    "勘解由小路左三東坊城長宗我部五旗頭比類巻八月一源丸十二田番瀬階堂"
)
_KATAKANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
_LATIN = ["MONTGOMERY-WILLIAMSON", "ALEXANDRA CHARLOTTE", "MUHAMMAD IBRAHIM", "FERNANDES DA COSTA", "JOAO PEDRO"]


def oversized_household() -> dict[str, Any]:
    """Fourteen people with long, different names: too much for one code, so it splits."""
    pick = random.Random(14)  # a fixed seed: the same names every run

    def name(pool: str, low: int, high: int) -> str:
        return "".join(pick.choice(pool) for _ in range(pick.randint(low, high)))

    facts = household(0, EIGHT_ANSWERS)
    relations = ["head", "spouse", *["child"] * 4, "parent", "parent", *["other"] * 6]
    facts["members"] = []
    for i, relation in enumerate(relations):
        family, given = (
            (name(_NAME_KANJI, 5, 8), name(_NAME_KANJI, 6, 10)) if i < 9 else (_LATIN[i - 9], _LATIN[13 - i])
        )
        row = (
            relation,
            family,
            given,
            name(_KATAKANA, 12, 20),
            name(_KATAKANA, 12, 20),
            f"{1940 + 5 * i}-{1 + i % 12:02d}-{10 + i:02d}",
            ("male", "female")[i % 2],
            "national",
            "category1",
            {"has_my_number_card": i % 3 == 0, "phone": f"096-{300 + i}-{4000 + 7 * i}"},
        )
        facts["members"].append(member(i, row))
    return facts


def with_questions(catalog: Catalog) -> Catalog:
    """The catalog with moving-in questions that take EIGHT_ANSWERS (replacing real ones of the same id)."""
    kinds = {bool: "yes_no", int: "number", str: "choice", type(None): "yes_no"}
    questions = [
        Question.model_validate(
            {
                "id": key,
                "events": ["moving_in"],
                "text": {"ja": key, "en": key},
                "kind": kinds[type(value)],
                "choices": [{"value": value, "label": {"ja": value, "en": value}}] if isinstance(value, str) else [],
                "allow_unknown": value is None,
            }
        )
        for key, value in EIGHT_ANSWERS.items()
    ]
    kept = [q for q in catalog.questions if q.id not in EIGHT_ANSWERS]
    return catalog.model_copy(update={"questions": [*kept, *questions]})
