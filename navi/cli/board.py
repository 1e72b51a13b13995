"""`navi board export --out DIR`: the lobby boards as static pages and JSON for the city's public site.

Residents see the numbers being called on their phones without any connection into the counter network:
the files are carried out (or pushed one way) and served from the public site.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import click

from navi.cli.support import app_session
from navi.web.extensions import catalog_source

STATIC = Path(__file__).resolve().parent.parent / "static"


@click.group()
def board() -> None:
    """The lobby's waiting board."""


def _page(app, document: dict, refresh: int) -> str:
    from flask import render_template

    with app.test_request_context("/"):
        return render_template("counter/board.html", board=document, refresh_seconds=refresh, source=None,
                               exported=True, css_href="board.css", base_css_href="navi.css")


@board.command("export")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write <office>.html, <office>.json, board.json and board.css into.")
def board_export(out: Path) -> None:
    """Write every office's board (numbers only: no name, kana, address or birth date) as HTML and JSON."""
    from navi.records.calling import board_document

    app, session = app_session()
    current = catalog_source(app).running
    refresh = int(app.config["BOARD_REFRESH_SECONDS"])
    with session:
        documents = [board_document(session, current, office.id) for office in current.offices]
    try:
        _write(out, documents, lambda document: _page(app, document, refresh))
    except OSError as error:
        click.echo(f"ERROR cannot write the boards to {out}: {error.strerror}", err=True)
        sys.exit(1)
    click.echo(f"wrote the boards of {len(documents)} office(s) to {out}")


def _write(out: Path, documents: list[dict], page) -> None:
    """Each office's JSON and page, all of them in board.json, and the style sheets, into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for document in documents:
        (out / f"{document['office']}.json").write_text(json.dumps(document, ensure_ascii=False, indent=1),
                                                       encoding="utf-8")
        (out / f"{document['office']}.html").write_text(page(document), encoding="utf-8")
    (out / "board.json").write_text(json.dumps(documents, ensure_ascii=False, indent=1), encoding="utf-8")
    shutil.copyfile(STATIC / "navi.css", out / "navi.css")
    shutil.copyfile(STATIC / "counter" / "board.css", out / "board.css")
