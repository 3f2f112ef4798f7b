"""Shared fixtures: settings and databases on SQLite and, when LIAISON_TEST_DATABASE_URL
is set, on PostgreSQL too.

A test that asks for `database_url` alone gets an empty database (a SQLite file, or a
PostgreSQL schema of its own). A test that needs it initialised (`initialised`,
`runtime`, `db`…) gets a copy of a template migrated once per test process, and one that
also asks for `world` a copy of a template that holds the test world (tests/databases.py)."""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import make_url, text
from sqlalchemy.orm import Session

from liaison.services.demo import DemoResult, build_demo, demo_settings
from liaison.services.identity import accounts
from liaison.services.identity.installation import InitResult
from liaison.services.runtime import Runtime, open_runtime
from liaison.settings import Settings
from tests.databases import Level, Postgres, Template, Templates, make_settings

# Argon2 at the app's parameters costs 0.1–0.2 s of CPU a hash or check, and the tests
# sign in hundreds of times: in the test processes it runs at its cheapest. The app
# (and every `liaison` command a test runs in a subprocess) keeps its own parameters:
# tests/test_cli.py checks them on the hash `liaison init` stores.
accounts._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)

POSTGRES_ENV = "LIAISON_TEST_DATABASE_URL"
SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"
DEMO_DAY = date(2026, 3, 14)
DEMO_SCALE = 0.2  # the full-size world takes half a minute to push through the pipeline


def _postgres_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres | None]:
    base = _postgres_url()
    if base is None:
        yield None
        return
    server = Postgres(base)
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory, postgres: Postgres | None) -> Iterator[Templates]:
    built = Templates(tmp_path_factory.mktemp("templates"), postgres)
    try:
        yield built
    finally:
        built.close()


def _level(request: pytest.FixtureRequest) -> Level | None:
    """What the test's database must hold before the test starts, from the fixtures it uses."""
    if "initialised" not in request.fixturenames:
        return None
    return Level.WORLD if "world" in request.fixturenames else Level.INITIALISED


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgresql", marks=pytest.mark.postgres),
    ]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path, postgres: Postgres | None) -> Iterator[str]:
    """A new database: a SQLite file, or on PostgreSQL a schema of its own when the test
    starts from empty, a database of its own when `initialised` will copy a template into it."""
    if request.param == "sqlite":
        yield f"sqlite:///{(tmp_path / 'liaison.db').as_posix()}"
        return
    if postgres is None:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV} (CI sets it; see .ci/run)")
    if _level(request) is not None:
        database = f"t_{uuid.uuid4().hex[:12]}"
        try:
            yield postgres.url_of(database)
        finally:
            postgres.drop_later(database)
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with postgres.engine.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(postgres.base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with postgres.engine.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return make_settings(tmp_path / "data", database_url)


@pytest.fixture
def provisioned(request: pytest.FixtureRequest, settings: Settings, templates: Templates) -> Template:
    """The test's database, copied from the template its fixtures call for."""
    level = _level(request)
    assert level is not None
    backend = make_url(settings.effective_database_url).get_backend_name()
    template = templates.get(backend, level)
    templates.install(template, settings)
    return template


@pytest.fixture
def initialised(provisioned: Template) -> InitResult:
    return provisioned.init


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


@pytest.fixture(scope="session")
def demo_built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, DemoResult]:
    """The demo world built once through the services: read by the demo's tests, and
    compared with what `liaison demo` builds from the same seed and day (tests/test_cli.py).

    Under xdist the first worker to need it builds it into the run's shared temporary
    directory, under a lock; the others read what it left there."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, saved = root / "demo", root / "demo.json"
    with open(root / "demo.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        settings = demo_settings(folder, Settings())
        if saved.exists():
            fields = json.loads(saved.read_text())
            return settings, DemoResult(**{**fields, "truth_file": Path(fields["truth_file"])})
        result = build_demo(settings, day=DEMO_DAY, scale=DEMO_SCALE)
        saved.write_text(json.dumps({**dataclasses.asdict(result), "truth_file": str(result.truth_file)}))
        return settings, result
