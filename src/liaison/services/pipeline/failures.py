"""Describing a failure without the data that caused it.

A database error's text carries what was being written: SQLAlchemy adds the
statement's parameters, and PostgreSQL's own message and detail quote values
("Failing row contains (…, AGHA, …)", "invalid input syntax …: \"…\""). Worker
logs and a message's stored error are read by operators who may not see
personal data, so they get the exception's class, the SQLSTATE and the schema
names the server reports (table, column, constraint), and where in Liaison it
happened — never the text.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from sqlalchemy.exc import (
    DBAPIError,
    DisconnectionError,
    InterfaceError,
    OperationalError,
    StatementError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeout

import liaison

_PACKAGE = str(Path(liaison.__file__).parent)


def describe(exc: BaseException) -> str:
    """`DataError (SQLSTATE 22001) on traveller_identities at services/pipeline/ingest.py:263` style."""
    parts = [type(exc).__name__]
    if isinstance(exc, StatementError) and exc.orig is not None:
        orig = exc.orig
        parts = [f"{type(exc).__name__} ({type(orig).__name__})"]
        sqlstate = getattr(orig, "sqlstate", None)
        if sqlstate:
            parts.append(f"SQLSTATE {sqlstate}")
        diag = getattr(orig, "diag", None)
        for label in ("table_name", "column_name", "constraint_name"):
            name = getattr(diag, label, None) if diag is not None else None
            if name:
                parts.append(f"{label.removesuffix('_name')} {name}")
    where = _where(exc)
    if where:
        parts.append(f"at {where}")
    return " ".join(parts)


def _where(exc: BaseException) -> str | None:
    """The innermost frame in Liaison's own code (file and line: no values)."""
    found = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.startswith(_PACKAGE):
            found = f"{Path(frame.filename).relative_to(_PACKAGE).as_posix()}:{frame.lineno}"
    return found


def is_outage(exc: BaseException) -> bool:
    """The database went away, is unreachable or busy: not the message's fault, so
    not counted against it (psycopg and sqlite3 report these as operational errors)."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, OperationalError | InterfaceError | DisconnectionError | PoolTimeout)
