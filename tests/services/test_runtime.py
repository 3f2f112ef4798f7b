"""Transactions that must not wait, and the sign-in check that runs on the event loop."""

from __future__ import annotations

import asyncio
import threading

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from liaison.api.transactions import in_transaction
from liaison.domain.codes import AgencyKind
from liaison.domain.errors import NotAuthenticated
from liaison.domain.permissions import Permission
from liaison.services.identity import accounts
from liaison.services.identity.principals import create_machine_client, principal_for_token
from liaison.services.runtime import Runtime, WriterBusy
from liaison.store.schema import ApiToken
from liaison.store.types import utcnow


def _issue_token(runtime: Runtime) -> str:
    with runtime.transaction() as session:
        agency = accounts.create_agency(
            session, code="NL-PIU", name="PIU", country="NL", kind=AgencyKind.PASSENGER_INFORMATION_UNIT
        )
        _client, issued = create_machine_client(
            session, agency=agency, name="airline", scopes={Permission.QUERY}
        )
        return issued.clear


def _last_used(runtime: Runtime) -> object:
    with runtime.sessions() as session:
        return session.scalar(select(ApiToken.last_used_at))


def test_a_transaction_that_must_not_wait_is_refused_while_the_writer_is_taken(
    runtime: Runtime,
) -> None:
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with runtime.transaction():
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(10)
    try:
        if runtime.engine.dialect.name == "sqlite":
            with pytest.raises(WriterBusy), runtime.transaction(wait=False):
                pytest.fail("the body must not run")
            with runtime.writer_if_free() as free:
                assert free is False
        else:  # PostgreSQL has no single writer: nothing to wait for
            with runtime.transaction(wait=False) as session:
                assert session is not None
            with runtime.writer_if_free() as free:
                assert free is True
    finally:
        release.set()
        holder.join(10)
    with runtime.transaction(wait=False) as session:  # free again
        assert session is not None


def test_short_work_runs_on_the_event_loop_unless_the_writer_is_taken(runtime: Runtime) -> None:
    ran_on: list[str] = []

    def work(_session: Session) -> int:
        ran_on.append(threading.current_thread().name)
        return 7

    async def uncontended() -> int:
        return await in_transaction(runtime, work, short=True)

    async def contended() -> int:
        release = threading.Event()

        def hold() -> None:
            with runtime.transaction():
                release.wait(10)

        holder = threading.Thread(target=hold)
        holder.start()
        await asyncio.sleep(0.1)
        task = asyncio.get_running_loop().create_task(in_transaction(runtime, work, short=True))
        await asyncio.sleep(0.1)
        assert not task.done()  # it waits in a pool thread; the loop runs on
        release.set()
        result = await task
        holder.join(10)
        return result

    loop_thread = threading.current_thread().name
    assert asyncio.run(uncontended()) == 7
    assert ran_on[-1] == loop_thread
    if runtime.engine.dialect.name == "sqlite":
        assert asyncio.run(contended()) == 7
        assert ran_on[-1] != loop_thread


def test_a_token_use_is_recorded_only_when_the_caller_may_write(runtime: Runtime) -> None:
    token = _issue_token(runtime)
    with runtime.autocommit() as session:
        principal = principal_for_token(session, token, record_use=False)
    assert principal.agency_code == "NL-PIU"
    assert principal.permissions == {Permission.QUERY}
    assert _last_used(runtime) is None
    with runtime.autocommit() as session:
        principal_for_token(session, token)
    assert _last_used(runtime) is not None


def test_a_revoked_token_is_refused_at_once(runtime: Runtime) -> None:
    token = _issue_token(runtime)
    with runtime.transaction() as session:
        session.execute(update(ApiToken).values(revoked_at=utcnow()))
    with runtime.autocommit() as session, pytest.raises(NotAuthenticated):
        principal_for_token(session, token)
