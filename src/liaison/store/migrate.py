"""Alembic migrations driven from code, so `liaison init` needs no alembic.ini."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from liaison.domain.errors import DatabaseTooNew

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Leave out what the models do not describe: full-text search structures made by
    migration 0005 for one database only (the FTS5 table and its shadow tables on
    SQLite, an expression index on PostgreSQL)."""
    return not (name or "").startswith(("exchange_search", "ix_case_messages_search"))


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    script = ScriptDirectory.from_config(_script_only_config())
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def check_not_newer(engine: Engine) -> None:
    """Refuse a database migrated by a newer Liaison: running on it would corrupt it."""
    revision = current_revision(engine)
    if revision is None:
        return
    script = ScriptDirectory.from_config(_script_only_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if revision not in known:
        raise DatabaseTooNew(
            f"the database is at schema revision {revision}, which this Liaison does not know; "
            "it was migrated by a newer version — upgrade Liaison"
        )


def upgrade(engine: Engine, revision: str = "head") -> None:
    check_not_newer(engine)
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    command.downgrade(alembic_config(engine), revision)


def is_current(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()


def _script_only_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config
