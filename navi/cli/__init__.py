"""The `navi` command (design.md §5): one group, one module per command group under navi/cli/."""

from __future__ import annotations

import click

# Modules, not their commands: each module is named after its command group, which would shadow it.
from navi.cli import backup, board, catalog, forms, keys, kiosk, plan, qr, records, serve, staff


@click.group()
def main() -> None:
    """届出ナビ (Todokede Navi): life-event navigator for ward offices."""


for _command in (serve.serve, serve.prepare, catalog.catalog, plan.plan, keys.keys, qr.qr, kiosk.kiosk, forms.forms,
                 staff.staff, records.records, backup.backup, backup.restore, board.board):
    main.add_command(_command)
