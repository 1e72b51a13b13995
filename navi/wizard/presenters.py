"""Shapes the wizard's data for its pages: the check-answers rows, and the QR codes shown on the result page."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import url_for

from navi.domain import interview, page_groups
from navi.domain.catalog.model import Catalog
from navi.domain.facts import Facts
from navi.domain.interview import steps
from navi.domain.steps import Draft
from navi.domain.validation import Problem
from navi.instance.layout import public_key_file
from navi.payload import codec, keys, render
from navi.web import questions
from navi.web.i18n import current_lang
from navi.web.i18n import lazy_gettext as _l
from navi.web.messages import problem_text
from navi.web.templating import format_date
from navi.wizard import labels


@dataclass
class Group:
    """A heading and its rows of (label, value, change link)."""

    title: str
    rows: list[tuple[str, str, str]] = field(default_factory=list)


def _link(step_id: str) -> str:
    return url_for("wizard.step", step_id=step_id, **{"return": "check"})


def _date(value: str | None) -> str:
    return format_date(value)


def _address(address: dict[str, Any] | None) -> str:
    if not address:
        return ""
    parts = [address.get(k, "") for k in ("postal_code", "prefecture", "city", "street", "building")]
    if address.get("postal_code"):
        parts[0] = f"〒{parts[0][:3]}-{parts[0][3:]} "
    return "".join(parts).strip()


def summary(draft: Draft, catalog: Catalog) -> list[Group]:
    """Every answer of the draft in groups, as the resident will check them."""
    lang = current_lang()
    asked = {s.id: s for s in steps(draft, catalog, ask_office=True)}
    answers = draft.facts
    event = catalog.event(answers["event"])
    general = Group(str(_l("手続")), [(str(_l("できごと")), event.title.get(lang), _link("event")),
                                      (str(_l("届出の日付")), _date(answers.get("event_date")), _link("date"))])
    address_labels = {"from_address": _l("引越し前の住所"), "to_address": _l("引越し先の住所"), "address": _l("住所")}
    general.rows += [(str(address_labels[a]), _address(answers.get(a)), _link(f"address-{a}")) for a in event.addresses]
    groups = [general]
    for index, member in enumerate(answers["members"]):
        groups.append(_person_group(index, member, asked))
    replies = Group(str(_l("質問への答え")))
    pages = question_pages(asked.values())
    for question in catalog.questions:
        if question.id in pages:
            value = questions.answer_to_form(answers.get("answers", {}).get(question.id))
            shown = dict(questions.question_choices(question, lang)).get(value, str(value))
            replies.rows.append((question.text.get(lang), shown, _link(pages[question.id])))
    phone_page = interview.phone_address(catalog, answers["event"])
    if phone_page is not None:
        replies.rows.append((str(_l("電話番号")), answers.get("phone") or str(_l("なし")),
                             _link(f"address-{phone_page}")))
    return [*groups, replies] if replies.rows else groups


def question_pages(asked) -> dict[str, str]:
    """The step id of the page that asks each question (its own page, or a page shared with others)."""
    pages = {}
    for step in asked:
        if step.kind == "q":
            pages[step.arg] = step.id
        elif step.kind == "qs":
            pages.update(dict.fromkeys(step.arg.split("+"), step.id))
    return pages


def problem_links(problems: list[Problem], draft: Draft, catalog: Catalog) -> dict[str, str]:
    """For each problem the final check found, the change link of the page that fixes it and its message
    (the check page flags those rows and links to those pages: never a dead end)."""
    shared = {f"q-{q}": step_id for q, step_id in question_pages(steps(draft, catalog, ask_office=True)).items()}
    found: dict[str, str] = {}
    for problem in problems:
        step_id = page_groups.step_for_problem(problem.path, problem.code)
        found.setdefault(_link(shared.get(step_id, step_id)), problem_text(problem))
    return found


def _person_group(index: int, member: dict[str, Any], asked: dict) -> Group:
    name = f"{member.get('family_name', '')} {member.get('given_name', '')}".strip()
    group = Group(name)
    person = f"person-{index}"
    relations, sexes = dict(labels.relations()), dict(labels.sexes())
    group.rows += [
        (str(_l("フリガナ")), f"{member.get('family_name_kana', '')} {member.get('given_name_kana', '')}",
         _link(person)),
        (str(_l("生年月日")), _date(member.get("birth_date")), _link(person)),
        (str(_l("性別")), str(sexes.get(member.get("sex"), "")), _link(person)),
        (str(_l("世帯主との続柄")), str(relations.get(member.get("relation"), "")), _link(person)),
    ]
    yes, no = str(_l("はい")), str(_l("いいえ"))
    for step_id, fact in (("moving", "moving"), ("subject", "subject")):
        if step_id in asked:
            label = _l("引越しする") if fact == "moving" else _l("対象の方")
            group.rows.append((str(label), yes if member.get(fact) else no, _link(step_id)))
    for fact in labels.ATTRIBUTE_QUESTIONS:
        step = asked.get(f"attr-{fact}")
        flags = asked.get("flags")
        if flags is not None and f"{fact}/{member['id']}" in flags.members:
            step = flags
        elif step is None or member["id"] not in step.members:
            continue
        values = labels.attribute_values(fact)
        value = dict(values).get(member.get(fact), "") if values else (yes if member.get(fact) else no)
        group.rows.append((labels.attribute_label(fact), value, _link(step.id)))
    if f"foreign-{member['id']}" in asked:
        group.rows.append((str(_l("在留カード番号")), member.get("residence_card_number", ""),
                           _link(f"foreign-{member['id']}")))
    return group


@dataclass(frozen=True)
class ShownCode:
    """One code on the screen: an image to show, its "k/n" label when the household needs several, and (on a
    personal device) a larger picture to save."""

    data_uri: str
    label: str | None
    version: int
    saved_uri: str | None = None


def codes_for(facts: Facts, catalog: Catalog, keys_dir: Path, *, to_save: bool = False) -> list[ShownCode]:
    """The household's codes; raises keys.KeysError when this kiosk has no usable public key."""
    recipient = keys.load_public(public_key_file(keys_dir))
    made = render.symbols(codec.make_codes(facts, catalog, recipient))
    # A picture saved to a phone is shown by apps that smooth it: it gets the larger scale.
    return [ShownCode(symbol.data_uri("png", scale=render.SCREEN_SCALE), symbol.label, symbol.version,
                      symbol.data_uri("png", scale=render.PICTURE_SCALE) if to_save else None) for symbol in made]


def slip_codes(facts: Facts, catalog: Catalog, keys_dir: Path) -> tuple[tuple[bytes, str | None], ...]:
    """The household's codes as PNG pictures for the printed slip (empty when this kiosk has no key)."""
    try:
        recipient = keys.load_public(public_key_file(keys_dir))
    except keys.KeysError:
        return ()
    return tuple((symbol.png(scale=4), symbol.label)
                 for symbol in render.symbols(codec.make_codes(facts, catalog, recipient)))

