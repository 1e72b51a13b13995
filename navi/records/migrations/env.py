"""Alembic environment: runs migrations on the engine handed over by navi.records.db.upgrade."""

from alembic import context

from navi.records import models  # noqa: F401  (registers the tables)
from navi.records.db import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
