"""Staff accounts remember when their sessions were last ended (a new password, a deactivation): sessions
signed in before that moment end at their next request.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing accounts keep NULL: nothing ended yet, so every session they have stays signed in.
    with op.batch_alter_table("staff_users") as batch:
        batch.add_column(sa.Column("sessions_ended_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("staff_users") as batch:
        batch.drop_column("sessions_ended_at")
