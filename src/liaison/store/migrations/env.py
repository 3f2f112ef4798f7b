"""Alembic environment: runs on the engine handed over by liaison.store.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from liaison.settings import load_settings
from liaison.store.db import make_engine
from liaison.store.schema import Base

config = context.config
engine = config.attributes.get("engine")
if not isinstance(engine, Engine):
    # Plain `alembic` command line: take the database from the settings.
    engine = make_engine(load_settings().effective_database_url)

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
