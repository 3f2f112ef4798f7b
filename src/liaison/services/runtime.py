"""What every entry point (web app, command line) needs to reach the data."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from liaison.domain.errors import ConfigurationError
from liaison.matching import screen
from liaison.services.criteria.screening import RuleCache
from liaison.services.registers.person_search import PersonIndexes
from liaison.settings import Settings
from liaison.store import migrate
from liaison.store.db import check_connection, make_engine, session_factory


class WriterBusy(Exception):
    """The SQLite writer lock is taken and the caller chose not to wait."""


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    secret: str
    # SQLite has one writer at a time and makes waiting writers sleep in growing
    # steps (up to 100 ms); queueing them on a lock in this process is fairer and
    # far faster under load. PostgreSQL needs no such lock.
    _sqlite_writer: threading.Lock = field(default_factory=threading.Lock)
    person_indexes: PersonIndexes = field(default_factory=PersonIndexes)
    rules: RuleCache = field(default_factory=RuleCache)

    def _writer_lock(self) -> threading.Lock | None:
        return self._sqlite_writer if self.engine.dialect.name == "sqlite" else None

    @contextmanager
    def transaction(self, *, wait: bool = True) -> Iterator[Session]:
        """A session whose work is committed together or not at all.

        With `wait=False` it raises WriterBusy at once, before any work, when
        another transaction of this process holds SQLite's writer lock."""
        guard = self._writer_lock()
        if guard is not None and not guard.acquire(blocking=wait):
            raise WriterBusy("another transaction holds the SQLite writer")
        try:
            with self.sessions() as session, session.begin():
                yield session
        finally:
            if guard is not None:
                guard.release()

    @contextmanager
    def writer_if_free(self) -> Iterator[bool]:
        """Whether this process may write now without waiting: on SQLite, holds the
        writer lock if it was free; on PostgreSQL, always true."""
        guard = self._writer_lock()
        if guard is None:
            yield True
            return
        taken = guard.acquire(blocking=False)
        try:
            yield taken
        finally:
            if taken:
                guard.release()

    @contextmanager
    def autocommit(self) -> Iterator[Session]:
        """A session whose statements each commit at once, for a lookup of one or two
        statements: on PostgreSQL two trips to the server fewer than a transaction
        (BEGIN, COMMIT), which every API request's sign-in check would pay.

        On SQLite the driver opens no transaction for a read, so a plain session
        committed on the way out does the same; switching the connection's
        isolation level there and back cost more than the lookup (bench/api.py)."""
        if self.engine.dialect.name == "sqlite":
            with (
                self.engine.connect() as connection,
                Session(bind=connection, expire_on_commit=False) as session,
            ):
                yield session
                session.commit()
            return
        with (
            self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection,
            Session(bind=connection, expire_on_commit=False) as session,
        ):
            yield session

    def warm(self) -> None:
        """Load the matching engine's tables and build the register indexes before
        taking work, so the first message or query is not slow (the indexes settle
        the heap, see PersonIndexes)."""
        screen.warm_up()
        with self.sessions() as session:
            self.person_indexes.current(session)

    def database_reachable(self) -> bool:
        """Whether the database answers a trivial query now (for health checks)."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True

    def dispose(self) -> None:
        self.engine.dispose()


def open_runtime(settings: Settings, *, require_current_schema: bool = True) -> Runtime:
    """Check settings and database, then hand out the engine and sessions.

    Fails with one clear line (ConfigurationError) on a bad secret, an
    unreachable database, a database never initialised or one too new.
    """
    secret = settings.secret()
    engine = make_engine(settings.effective_database_url)
    check_connection(engine)
    if require_current_schema:
        migrate.check_not_newer(engine)
        if not migrate.is_current(engine):
            engine.dispose()
            raise ConfigurationError(
                "the database schema is missing or out of date: run `liaison init` first"
            )
    return Runtime(
        settings=settings,
        engine=engine,
        sessions=session_factory(engine),
        secret=secret,
        person_indexes=PersonIndexes(
            freeze_heap=settings.freeze_heap, name_count_min_persons=settings.name_count_min_persons
        ),
    )
