"""Helpers for counter tests: an app with keys and staff, real QR codes, signing in, CSRF tokens."""

from __future__ import annotations

import json
import random
import re
import time
from functools import cache
from pathlib import Path

from navi import create_app
from navi.domain.catalog.loader import DEFAULT_CATALOG_DIR, load_catalog, read_catalog_files
from navi.domain.validation import parse_facts
from navi.instance import prepare as instance
from navi.instance.prepare import prepare_instance
from navi.payload import codec, keys
from navi.records import staff_sessions
from navi.records.db import session_factory
from navi.records.models import StaffUser
from navi.records.staff import create_staff
from navi.web import app as web

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "family4_moving_in.json"
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


def add_example_case(app) -> int:
    """Record the README's family of four as a case (as a clerk would) and return its id."""
    from navi.records.cases import create_case_from_facts

    with session_factory(app.config["DATABASE_URL"])() as session:
        return create_case_from_facts(session, parse_facts(example_facts(), default_catalog()),
                                      default_catalog(), "clerk").id


def example_facts() -> dict:
    """The README's family of four moving in, as a dict."""
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def codes_for(app, facts: dict | None = None, *, now: float | None = None) -> list[str]:
    """The digits of the QR code(s) the kiosk would show for these facts (the real codec)."""
    catalog = app.extensions["navi.catalog"]
    parsed = parse_facts(facts or example_facts(), catalog)
    return codec.make_codes(parsed, catalog, keys.current_recipient(Path(app.config["KEYS_DIR"])), now=now)


def csrf_token(client, path: str = "/counter/login") -> str:
    """The CSRF token a page of this client's session carries."""
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def sign_in_as(client, app, role: str) -> None:
    """Put a signed-in session in the client (the sign-in form itself is tested in test_staff_auth)."""
    now = time.time()
    with session_factory(app.config["DATABASE_URL"])() as session:
        token = staff_sessions.start(session, session.get(StaffUser, app.config["TEST_STAFF_IDS"][role]))
    with client.session_transaction() as sess:
        sess.update(staff_id=app.config["TEST_STAFF_IDS"][role], staff_session=token, staff_login_at=now,
                    staff_seen_at=now)


def log_in(client, username: str, password: str = PASSWORD):
    """Post the sign-in form."""
    return client.post("/counter/login", data={"csrf_token": csrf_token(client), "username": username,
                                               "password": password})


def post(client, path: str, data: dict | None = None, **kwargs):
    """POST with the CSRF token of this client's session."""
    return client.post(path, data={"csrf_token": csrf_token(client), **(data or {})}, **kwargs)


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
