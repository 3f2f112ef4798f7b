"""Template databases: migrating from empty and building the test world cost seconds a
test, so each is done once per test process and every test gets a fresh copy (a copied
SQLite file; on PostgreSQL a database created with `CREATE DATABASE … TEMPLATE …`).

The migration tests still migrate from empty: they ask for `database_url` alone."""

from __future__ import annotations

import copy
import os
import queue
import shutil
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from sqlalchemy import Engine, create_engine, make_url, text

from liaison.domain.codes import Mode
from liaison.services.identity.installation import InitResult, initialise
from liaison.services.runtime import open_runtime
from liaison.settings import SECRET_FILE_NAME, Settings
from tests.api import world as test_world
from tests.api.world import World


class Level(Enum):
    """What a template holds: the newest schema and the first administrator, or that
    plus the three-agency test world of tests/api/world.py."""

    INITIALISED = "initialised"
    WORLD = "world"


@dataclass(frozen=True)
class Template:
    init: InitResult
    world: World | None
    data_dir: Path  # holds the secret the world's card numbers were keyed with
    location: str  # SQLite file path, or PostgreSQL database name

    def fresh_world(self) -> World:
        """A copy: a test may change its World without the next test seeing it."""
        assert self.world is not None, "this database was not copied from the world template"
        return copy.deepcopy(self.world)


def worker_tag() -> str:
    """Names unique to this test process: xdist's worker id, and a random part, since
    other checkouts may run their suites against the same PostgreSQL server."""
    return f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{uuid.uuid4().hex[:6]}"


def make_settings(data_dir: Path, database_url: str) -> Settings:
    # One test process runs many apps: freezing each one's heap would keep its garbage for good.
    return Settings(mode=Mode.DEVELOPMENT, data_dir=data_dir, database_url=database_url, freeze_heap=False)


class Postgres:
    """A connection to the server's maintenance database for creating and dropping databases."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.engine: Engine = create_engine(base_url, isolation_level="AUTOCOMMIT", pool_size=2)
        # PostgreSQL 15 forces a checkpoint on every DROP DATABASE (a second or more on a
        # busy server): a thread drops the tests' databases while the next tests run.
        self._doomed: queue.Queue[str | None] = queue.Queue()
        self._dropper = threading.Thread(target=self._drop_queued, daemon=True)
        self._dropper.start()

    def url_of(self, database: str) -> str:
        return make_url(self.base_url).set(database=database).render_as_string(hide_password=False)

    def create(self, database: str, template: str | None = None) -> None:
        source = f' TEMPLATE "{template}"' if template else ""
        with self.engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{database}"{source}'))

    def drop(self, database: str) -> None:
        with self.engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))

    def drop_later(self, database: str) -> None:
        self._doomed.put(database)

    def _drop_queued(self) -> None:
        while (database := self._doomed.get()) is not None:
            self.drop(database)

    def close(self) -> None:
        self._doomed.put(None)
        self._dropper.join()
        self.engine.dispose()


class Templates:
    """This process's templates, one per backend and level, each built on first use."""

    def __init__(self, root: Path, postgres: Postgres | None) -> None:
        self.root = root
        self.postgres = postgres
        self.tag = worker_tag()
        self._built: dict[tuple[str, Level], Template] = {}

    def get(self, backend: str, level: Level) -> Template:
        key = (backend, level)
        if key not in self._built:
            self._built[key] = self._build(backend, level)
        return self._built[key]

    def _build(self, backend: str, level: Level) -> Template:
        data_dir = self.root / f"{backend}-{level.value}"
        if backend == "sqlite":
            location = str(data_dir / "liaison.db")
            url = f"sqlite:///{Path(location).as_posix()}"
        else:
            assert self.postgres is not None
            location = f"tpl_{self.tag}_{level.value}"
            url = self.postgres.url_of(location)
        if level is Level.INITIALISED:
            if backend != "sqlite":
                assert self.postgres is not None
                self.postgres.create(location)
            init = initialise(make_settings(data_dir, url))
            world = None
        else:
            base = self.get(backend, Level.INITIALISED)
            data_dir.mkdir(parents=True)
            shutil.copyfile(base.data_dir / SECRET_FILE_NAME, data_dir / SECRET_FILE_NAME)
            self._copy(base.location, url)
            runtime = open_runtime(make_settings(data_dir, url))
            try:
                with runtime.sessions() as session, session.begin():
                    world = test_world.build(session, runtime.secret.encode("utf-8"))
            finally:
                runtime.dispose()
            init = base.init
        if backend == "sqlite":
            _seal_sqlite(location)
        return Template(init=init, world=world, data_dir=data_dir, location=location)

    def install(self, template: Template, settings: Settings) -> None:
        """Make the test's (not yet existing) database a copy of the template, and give
        its data directory the template's secret."""
        if settings.secret_key is None:
            settings.data_dir.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(template.data_dir / SECRET_FILE_NAME, settings.data_dir / SECRET_FILE_NAME)
        self._copy(template.location, settings.effective_database_url)

    def _copy(self, location: str, url: str) -> None:
        target = make_url(url)
        if target.get_backend_name() == "sqlite":
            assert target.database is not None
            path = Path(target.database)
            assert not path.exists(), f"{path} already exists: a template copy needs a new database"
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(location, path)
            return
        assert self.postgres is not None
        assert target.database is not None
        self.postgres.create(target.database, template=location)

    def close(self) -> None:
        if self.postgres is None:
            return
        for (backend, _level), template in self._built.items():
            if backend != "sqlite":
                self.postgres.drop(template.location)


def _seal_sqlite(path: str) -> None:
    """Fold the write-ahead log into the file, so that copying the file copies everything."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()
