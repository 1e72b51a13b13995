"""The counter: staff accounts, cases and their procedures, receipt numbers, scan buffers, audit log.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "staff_users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("username", sa.String(40), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", TZ, nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("last_login_at", TZ, nullable=True),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("receipt_no", sa.String(16), nullable=False, unique=True),
        sa.Column("received_on", sa.Date(), nullable=False, index=True),
        sa.Column("received_at", TZ, nullable=False, index=True),
        sa.Column("code_digest", sa.String(64), nullable=True, unique=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("catalog_version", sa.String(16), nullable=False),
        sa.Column("event", sa.String(40), nullable=False),
        sa.Column("office", sa.String(40), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("plan", sa.JSON(), nullable=False),
        sa.Column("kana_index", sa.String(2000), nullable=False),
        sa.Column("received_by", sa.String(40), nullable=False),
    )
    op.create_table(
        "case_procedures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("procedure_id", sa.String(40), nullable=False),
        sa.Column("counter_id", sa.String(40), nullable=False, index=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("updated_by", sa.String(40), nullable=False),
        sa.UniqueConstraint("case_id", "procedure_id", name="uq_case_procedure"),
    )
    op.create_table(
        "receipt_sequences",
        sa.Column("day", sa.String(8), primary_key=True),
        sa.Column("last", sa.Integer(), nullable=False),
    )
    op.create_table(
        "scan_buffers",
        sa.Column("staff_id", sa.Integer(), sa.ForeignKey("staff_users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("parts", sa.JSON(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", TZ, nullable=False, index=True),
        sa.Column("actor", sa.String(40), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True, index=True),
        sa.Column("receipt_no", sa.String(16), nullable=True),
        sa.Column("field", sa.String(80), nullable=True),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=True),
    )


def downgrade() -> None:
    for table in ("audit_log", "scan_buffers", "receipt_sequences", "case_procedures", "cases", "staff_users"):
        op.drop_table(table)
