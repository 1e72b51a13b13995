"""Persistence: database models, migrations and the operations that change records."""
