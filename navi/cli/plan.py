"""`navi plan FILE|-`: household facts → the plan as JSON or as text a person reads (design.md §4)."""

from __future__ import annotations

import datetime as dt
import json

import click
from babel.dates import format_date

from navi.cli.support import cli_locale, default_lang, facts_or_exit, load_or_exit
from navi.domain.catalog.model import Catalog
from navi.domain.dates import format_wareki_weekday
from navi.domain.facts import Facts
from navi.domain.planner import Plan, PlannedProcedure, plan_for
from navi.web.i18n import gettext as _


@click.command()
@click.argument("source", metavar="FILE|-")
@click.option("--format", "output", type=click.Choice(["json", "text"]), default="json", show_default=True)
@click.option("--lang", type=click.Choice(["ja", "en"]), default=None, help="Language of titles and reasons.")
@click.option("--catalog-dir", type=click.Path(file_okay=False), default=None)
def plan(source: str, output: str, lang: str | None, catalog_dir: str | None) -> None:
    """Household facts → the plan (exit 0), or every problem with its JSON path (exit 2)."""
    lang = lang or default_lang()
    loaded = load_or_exit(catalog_dir)
    facts = facts_or_exit(source, loaded, lang)
    result = plan_for(facts, loaded, lang)
    if output == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        with cli_locale(lang):
            click.echo(plan_as_text(result, facts, loaded, lang))


def plan_as_text(plan: Plan, facts: Facts, catalog: Catalog, lang: str) -> str:
    """The plan grouped by counter in visiting order, then other offices, then the open questions."""
    names = {m.id: m.given_name or m.family_name for m in facts.members}
    office = catalog.office(facts.office).name.get(lang)
    lines = [_("届出ナビ 手続の一覧（%(office)s）", office=office),
             _("回る順番: %(order)s", order=" → ".join(plan.visit_order) or "-"), ""]
    for item in (p for p in plan.procedures if p.elsewhere is None):
        lines += _procedure_lines(item, names, lang)
    elsewhere = [p for p in plan.procedures if p.elsewhere is not None]
    if elsewhere:
        lines += ["", _("■ ほかの窓口での手続（市役所の外）")]
        for item in elsewhere:
            lines.append(f"□ {item.title}  [{item.elsewhere}]")
            lines += _procedure_lines(item, names, lang)[1:]
    if plan.open_questions:
        titles = {p.id: p.title.get(lang) for p in catalog.procedures}
        lines += ["", _("■ まだ答えていない質問（答えによって手続が増えます）")]
        for question in plan.open_questions:
            added = "、".join(titles[p] for p in question.could_add)
            lines.append(f"? {question.text}")
            lines.append("  " + _("増えるかもしれない手続: %(titles)s", titles=added))
    return "\n".join(lines)


def _procedure_lines(item: PlannedProcedure, names: dict[str, str], lang: str) -> list[str]:
    mark = _("（自動）") if item.automatic else _("（希望する方のみ）") if item.optional else ""
    lines = [f"■ {item.title}{mark}  [{item.counter}]",
             "  " + _("対象: %(names)s", names="、".join(names[m] for m in item.members))]
    if item.due_date:
        lines.append("  " + _("期限: %(date)s まで", date=due_text(item.due_date, lang)))
    if not item.office_available and item.elsewhere is None:
        lines.append("  " + _("この庁舎ではできません。%(office)s へ", office=item.go_to_office or "-"))
    lines += ["  " + _("持ち物: %(document)s", document=document) for document in item.documents]
    lines += ["  " + _("この届出で同時に済みます: %(title)s", title=d.title) for d in item.deemed]
    lines += [f"  - {reason}" for reason in item.reasons]
    if item.notes:
        lines.append(f"  ※ {item.notes}")
    return lines


def due_text(iso: str, lang: str) -> str:
    """A due date as residents read it, with its weekday: 令和10年1月4日（火）, "Tuesday, January 4, 2028"."""
    day = dt.date.fromisoformat(iso)
    return format_wareki_weekday(day) if lang == "ja" else format_date(day, "full", locale=lang)
