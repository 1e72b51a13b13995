"""`navi forms`: a household's completed forms or route slip as PDF, and a form's blank for overlay printing."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from navi.pdf.overlay import BackgroundInvalid, check_background


@click.group()
def forms() -> None:
    """Completed forms as PDF (counter) and the blank forms they print over."""


def _facts_and_plan(source: str, catalog_dir: str | None, lang: str):
    """The catalog, facts and plan for a facts file; bad facts exit 2 with every problem's JSON path."""
    from navi.cli.support import facts_or_exit, load_or_exit
    from navi.domain.planner import plan_for

    loaded = load_or_exit(catalog_dir)
    facts = facts_or_exit(source, loaded, lang)
    return loaded, facts, plan_for(facts, loaded, lang)


def _office_today() -> dt.date:
    """Today in the office's time zone (NAVI_TIMEZONE, as the app reads it), whatever the host's TZ."""
    import os
    from zoneinfo import ZoneInfo

    from navi.domain.dates import OFFICE_TIMEZONE

    return dt.datetime.now(ZoneInfo(os.environ.get("NAVI_TIMEZONE", OFFICE_TIMEZONE))).date()


@forms.command("render")
@click.argument("source", metavar="FACTS|-")
@click.option("--out", required=True, type=click.Path(dir_okay=False, writable=True), help="The PDF to write.")
@click.option("--form", "form_id", default=None, help="Only this form (default: every form of the plan).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Print date (届出日); default today.")
@click.option("--catalog-dir", type=click.Path(file_okay=False), default=None)
def render(source: str, out: str, form_id: str | None, today: dt.datetime | None, catalog_dir: str | None) -> None:
    """Every completed form of the household's plan in one PDF, in counter visiting order."""
    from navi.cli.support import default_lang
    from navi.pdf.render import NothingToPrint, packet_forms, render_form, render_packet

    # Forms print in Japanese whatever the plan's language; problems are worded in the user's language.
    loaded, facts, plan = _facts_and_plan(source, catalog_dir, default_lang())
    day = today.date() if today else _office_today()
    backgrounds = Path(catalog_dir) / "forms" / "backgrounds" if catalog_dir else None
    if form_id is not None and form_id not in {f.id for f in loaded.forms}:
        click.echo(f"ERROR unknown form {form_id!r}", err=True)
        sys.exit(1)
    try:
        pdf = (render_form(form_id, facts, loaded, plan, day, backgrounds=backgrounds) if form_id
               else render_packet(facts, loaded, plan, day, backgrounds=backgrounds))
    except NothingToPrint:
        click.echo("この手続には印刷する届出書がありません (the plan files no form)", err=True)
        sys.exit(1)
    Path(out).write_bytes(pdf)
    printed = [loaded.form(form_id)] if form_id else packet_forms(plan, loaded)
    click.echo(f"{out}: {', '.join(f.id for f in printed)}")
    from navi.pdf.values import missing_fields

    # The facts may leave out the address (planning never needs it): say which boxes stay blank.
    for form, label in missing_fields(printed, facts):
        click.echo(f"{form}: 「{label}」は入力されていないため空欄です (not in the facts: fill it in by hand)",
                   err=True)


@forms.command("slip")
@click.argument("source", metavar="FACTS|-")
@click.option("--out", required=True, type=click.Path(dir_okay=False, writable=True), help="The PDF to write.")
@click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True)
@click.option("--receipt", "receipt_no", default=None, help="The receipt number (受付番号) to print.")
@click.option("--catalog-dir", type=click.Path(file_okay=False), default=None)
def slip(source: str, out: str, lang: str, receipt_no: str | None, catalog_dir: str | None) -> None:
    """The resident's route slip (受付案内票) for a household."""
    from navi.pdf.slip import render_route_slip

    loaded, facts, plan = _facts_and_plan(source, catalog_dir, lang)
    Path(out).write_bytes(render_route_slip(facts, loaded, plan, lang, receipt_no))
    click.echo(out)


@forms.command("set-background")
@click.argument("form_id")
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False))
@click.option("--catalog-dir", type=click.Path(file_okay=False), default=None)
def set_background(form_id: str, pdf: str, catalog_dir: str | None) -> None:
    """Copy a city's blank form PDF into forms/backgrounds/FORM_ID.pdf after checking it prints over."""
    from navi.domain.catalog.loader import DEFAULT_CATALOG_DIR, CatalogInvalid, load_catalog

    directory = Path(catalog_dir) if catalog_dir else DEFAULT_CATALOG_DIR
    try:
        form = next((f for f in load_catalog(directory).forms if f.id == form_id), None)
    except CatalogInvalid as error:
        click.echo(f"ERROR the catalog does not load ({len(error.problems)} problem(s)): run navi catalog check",
                   err=True)
        sys.exit(1)
    if form is None:
        click.echo(f"ERROR unknown form {form_id!r}", err=True)
        sys.exit(1)
    try:
        info = check_background(Path(pdf).read_bytes(), form.layout.page if form.layout else None)
    except BackgroundInvalid as error:
        click.echo(f"ERROR {pdf}: {error}", err=True)
        sys.exit(1)
    target = directory / "forms" / "backgrounds" / f"{form_id}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(Path(pdf).read_bytes())
    click.echo(f"{target}: saved ({info.width_mm:.0f}×{info.height_mm:.0f} mm; page 1 of {info.pages} is used)")
    if not (form.layout and form.layout.mode == "overlay" and form.layout.background == target.name):
        click.echo(f"Next: in forms/{form_id}.yaml set layout.mode: overlay and layout.background: {target.name}, "
                   "then run navi catalog check")
