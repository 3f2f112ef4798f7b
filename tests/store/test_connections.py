"""Pooled connections: a connection the server closed while it sat idle is
replaced at checkout, not handed to a request (PostgreSQL; a SQLite file's
connection cannot go away)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text

from liaison.store import db
from tests.conftest import POSTGRES_ENV, _postgres_url


@pytest.fixture
def url() -> str:
    found = _postgres_url()
    if found is None:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV} (CI sets it; see .ci/run)")
    return found


@pytest.fixture
def engine(url: str) -> Iterator[Engine]:
    made = db.make_engine(url)
    yield made
    made.dispose()


@pytest.mark.postgres
def test_a_connection_the_server_dropped_while_idle_is_replaced(
    url: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = create_engine(url)
    try:
        with engine.connect() as connection:
            first = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
        with admin.begin() as connection:
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        # Idle long enough to be tested (the test does not wait ten seconds).
        monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 0.0)
        with engine.connect() as connection:
            second = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
        assert second != first
    finally:
        admin.dispose()


@pytest.mark.postgres
def test_a_connection_in_steady_use_is_not_tested_at_each_checkout(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    pings: list[object] = []
    ping = engine.dialect.do_ping

    def counted(dbapi_connection: object) -> bool:
        pings.append(dbapi_connection)
        return ping(dbapi_connection)  # type: ignore[arg-type]

    monkeypatch.setattr(engine.dialect, "do_ping", counted)
    for _ in range(3):
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    assert pings == []
    monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 0.0)
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    assert len(pings) == 1
