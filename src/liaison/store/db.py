"""Engine and session set-up for SQLite (WAL) and PostgreSQL."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, ExceptionContext, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, DisconnectionError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from liaison.domain.errors import ConfigurationError

SUPPORTED_BACKENDS = ("sqlite", "postgresql")
POOL_SIZE = 20
POOL_OVERFLOW = 20


def make_engine(url: str) -> Engine:
    """Create an engine, with a one-line error for a URL that cannot work."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigurationError(f"database URL is not valid: {url!r}") from None
    if parsed.get_backend_name() not in SUPPORTED_BACKENDS:
        raise ConfigurationError(
            f"database URL {parsed.render_as_string(hide_password=True)!r}: "
            "only sqlite:// and postgresql:// are supported"
        )
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    try:
        # The pool holds as many connections as requests run at once (uvicorn's
        # thread pool runs up to 40): beyond pool_size each request would open,
        # configure and close a connection of its own.
        # hide_parameters: an error's text (logged by workers and the app) shows the
        # statement but never its values, which are surnames and birth dates.
        engine = create_engine(parsed, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW, hide_parameters=True)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise ConfigurationError(f"database URL cannot be used: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _configure_sqlite)
    else:
        _ping_idle_connections(engine)
        event.listen(engine, "handle_error", _quote_no_values)
    return engine


def _quote_no_values(context: ExceptionContext) -> None:
    """Reduce a PostgreSQL error raised by a statement to its SQLSTATE and the schema
    names the server reports. Its text quotes values ("DETAIL: Failing row contains
    (…, AGHA, …)", a trigger's message), and whoever logs the error — a worker, the
    app's handler of unexpected errors — would write personal data into the log.
    Connection errors (class 08, or none) keep their text: it names hosts, not people."""
    orig = context.original_exception
    diag = getattr(orig, "diag", None)
    sqlstate = getattr(orig, "sqlstate", None)
    if diag is None or not sqlstate or sqlstate.startswith("08"):
        return
    names = [
        f"{label} {value}"
        for label, value in (
            ("table", diag.table_name),
            ("column", diag.column_name),
            ("constraint", diag.constraint_name),
        )
        if value
    ]
    text = f"SQLSTATE {sqlstate}" + (f" ({', '.join(names)})" if names else "")
    orig.args = (text,)
    wrapped = context.sqlalchemy_exception
    if wrapped is not None:
        wrapped.args = (f"({type(orig).__module__}.{type(orig).__name__}) {text}",)


# A server may drop a connection that sat idle in the pool (a restart, a
# firewall's timeout), so one idle this long is tested before it is handed
# out. Testing every checkout (pool_pre_ping) cost a round trip to the server
# twice a request, a fifth of a served hit / no-hit query (bench/api.py); a
# connection in steady use is known to be alive, and should the server drop
# it anyway the first statement's disconnect error invalidates the pool.
# A SQLite file's connection cannot go away.
PING_AFTER_IDLE_SECONDS = 10.0


def _ping_idle_connections(engine: Engine) -> None:
    dialect = engine.dialect

    @event.listens_for(engine, "checkin")
    def _note_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info["checked_in"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        checked_in = record.info.get("checked_in")
        if checked_in is None or time.monotonic() - checked_in < PING_AFTER_IDLE_SECONDS:
            return
        try:
            alive = dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            if not dialect.is_disconnect(error, dbapi_connection, None):
                raise
            alive = False
        if not alive:
            # The pool discards this connection and checks out another.
            raise DisconnectionError("the database closed an idle connection")


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """WAL for concurrent readers, enforced foreign keys, patience with writers."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def check_connection(engine: Engine) -> None:
    """Raise ConfigurationError naming the database if it cannot be reached."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        where = engine.url.render_as_string(hide_password=True)
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise ConfigurationError(f"cannot reach database {where}: {reason}") from None


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose work is committed together or not at all."""
    with factory() as session, session.begin():
        yield session
