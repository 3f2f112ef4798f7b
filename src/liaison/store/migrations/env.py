"""Alembic environment: runs on the engine handed over by liaison.store.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from liaison.domain.errors import ConfigurationError
from liaison.settings import load_settings
from liaison.store import migrate
from liaison.store.db import make_engine
from liaison.store.schema import Base

config = context.config
engine = config.attributes.get("engine")
if not isinstance(engine, Engine):
    # Plain `alembic` command line: take the database from the settings.
    engine = make_engine(load_settings().effective_database_url)

with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # SQLite rebuilds a table to alter it; with foreign keys on, dropping the
        # old copy would cascade into the tables that point at it. Switch them off
        # (this works only outside a transaction) and check them afterwards.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=sqlite,
        compare_type=True,
        include_name=migrate.include_name,
    )
    with context.begin_transaction():
        context.run_migrations()
        if sqlite:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise ConfigurationError(f"migration left rows with broken foreign keys: {broken[:5]}")
    connection.commit()
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
