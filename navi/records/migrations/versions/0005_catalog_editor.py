"""The supervisor's catalog editor: publications (which version is current) and the working draft.

Revision ID: 0005
Revises: 0004
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    publications = op.create_table(
        "publications",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("version", sa.String(16), sa.ForeignKey("catalog_versions.version"), nullable=False, index=True),
        sa.Column("published_at", TZ, nullable=False),
        sa.Column("published_by", sa.String(80), nullable=False),
        sa.Column("note", sa.String(200), nullable=False),
        sa.Column("restored_from", sa.Integer(), sa.ForeignKey("publications.id"), nullable=True),
    )
    op.create_table(
        "catalog_drafts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("base_version", sa.String(16), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("updated_by", sa.String(80), nullable=False),
    )
    # Versions stored before this revision were each the running catalog once: the newest stays current.
    versions = sa.table("catalog_versions", sa.column("version", sa.String), sa.column("published_at", TZ),
                        sa.column("published_by", sa.String))
    rows = op.get_bind().execute(
        sa.select(versions.c.version, versions.c.published_at, versions.c.published_by)
        .order_by(versions.c.published_at, versions.c.version)).all()
    if rows:
        op.bulk_insert(publications, [
            {"version": version, "published_at": at or dt.datetime.now(dt.UTC), "published_by": by,
             "note": "", "restored_from": None} for version, at, by in rows])


def downgrade() -> None:
    op.drop_table("catalog_drafts")
    op.drop_table("publications")
