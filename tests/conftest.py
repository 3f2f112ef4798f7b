"""Shared fixtures: settings and migrated databases on SQLite and, when
LIAISON_TEST_DATABASE_URL is set, on PostgreSQL too (each test in a schema of its own)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.orm import Session

from liaison.domain.codes import Mode
from liaison.services.identity.installation import InitResult, initialise
from liaison.services.runtime import Runtime, open_runtime
from liaison.settings import Settings

POSTGRES_ENV = "LIAISON_TEST_DATABASE_URL"
SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"


def _postgres_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgresql", marks=pytest.mark.postgres),
    ]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{(tmp_path / 'liaison.db').as_posix()}"
        return
    base = _postgres_url()
    if base is None:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV} (CI sets it; see .ci/run)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    # One test process runs many apps: freezing each one's heap would keep its garbage for good.
    return Settings(
        mode=Mode.DEVELOPMENT, data_dir=tmp_path / "data", database_url=database_url, freeze_heap=False
    )


@pytest.fixture
def initialised(settings: Settings) -> InitResult:
    return initialise(settings)


@pytest.fixture
def runtime(settings: Settings, initialised: InitResult) -> Iterator[Runtime]:
    opened = open_runtime(settings)
    try:
        yield opened
    finally:
        opened.dispose()


@pytest.fixture
def db(runtime: Runtime) -> Iterator[Session]:
    with runtime.sessions() as session:
        yield session
        session.rollback()
