"""Calling receipt numbers at the counters (counter_calls), and the office's figures (case_figures,
counter_figures): counts and times without personal data, which `navi records purge` leaves in place.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "counter_calls",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("counter_id", sa.String(40), nullable=False, index=True),
        sa.Column("office", sa.String(40), nullable=False, index=True),
        sa.Column("receipt_no", sa.String(16), nullable=False),
        sa.Column("called_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("called_by", sa.String(40), nullable=False),
        sa.Column("absent", sa.Boolean, nullable=False),
    )
    op.create_table(
        "case_figures",
        sa.Column("case_ref", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("office", sa.String(40), nullable=False),
        sa.Column("event", sa.String(40), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("procedures", sa.Integer, nullable=False),
        sa.Column("characters", sa.Integer, nullable=False),
    )
    op.create_table(
        "counter_figures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_ref", sa.Integer, nullable=False, index=True),
        sa.Column("counter_id", sa.String(40), nullable=False),
        sa.Column("called_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("case_ref", "counter_id", name="uq_counter_figure"),
    )


def downgrade() -> None:
    op.drop_table("counter_figures")
    op.drop_table("case_figures")
    op.drop_table("counter_calls")
