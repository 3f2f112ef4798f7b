"""Workers behind a real NATS JetStream broker: kill one mid-batch, lose nothing, repeat nothing."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import nats
import pytest
from sqlalchemy import func, select

from liaison.domain.codes import MessageStatus
from liaison.domain.dates import PartialDate
from liaison.domain.passenger import Booking, Leg, PnrMessage, Traveller
from liaison.formats import write_pnrgov
from liaison.services import broker, pipeline
from liaison.services.runtime import Runtime, open_runtime
from liaison.settings import Settings
from liaison.store import schema
from tests.test_cli import LIAISON, run

BROKER_ENV = "LIAISON_TEST_BROKER_URL"
MESSAGES = 40
PER_MESSAGE = 20


@pytest.fixture(autouse=True)
def _close_publishers() -> Any:
    """Each test publishes to a stream of its own: close its shared connection after."""
    yield
    broker.close_publishers()


def _broker_url() -> str:
    url = os.environ.get(BROKER_ENV)
    if not url:
        pytest.skip(f"broker tests need {BROKER_ENV} (CI sets it; see .ci/run)")
    parsed = urlparse(url)
    try:
        socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 4222), timeout=1).close()
    except OSError:
        pytest.fail(f"{BROKER_ENV} is set but nothing answers at {url}")
    return url


def _message(number: int) -> bytes:
    leg = Leg(
        "LH", f"{400 + number}", "FRA", "JFK", datetime(2026, 11, 23, 10, 0), datetime(2026, 11, 23, 13, 0)
    )
    travellers = tuple(
        Traveller(
            surname="AGHA" if index == 0 else f"TRAVELLER{number:02d}X{index:02d}",
            given_names="JANAN" if index == 0 else "PAT",
            reference=str(index + 1),
            birth_date=PartialDate(1958, 3, 3)
            if index == 0
            else PartialDate(1980, 1 + index % 12, 1 + index),
        )
        for index in range(PER_MESSAGE)
    )
    booking = Booking(
        record_locator=f"W{number:05d}", record_locator_owner="LH", itinerary=(leg,), travellers=travellers
    )
    return write_pnrgov(
        PnrMessage(
            sender="LH",
            reference=f"{number}",
            interchange_reference=f"W{number:08d}",
            flight=leg,
            bookings=(booking,),
        )
    )


def _processed(runtime: Runtime) -> int:
    with runtime.sessions() as session:
        return (
            session.scalar(
                select(func.count()).where(schema.InboundMessage.status == MessageStatus.PROCESSED)
            )
            or 0
        )


def _worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LIAISON_")} | env
    return subprocess.Popen([*LIAISON, "worker", "--batch", "4"], env=environment, stderr=subprocess.DEVNULL)


def _wait(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


async def _work_until_processed(runtime: Runtime, count: int, *, batch: int) -> None:
    """Run a worker in this process until `count` messages are processed (10 s at most)."""
    stop = asyncio.Event()
    task = asyncio.create_task(broker.run_worker(runtime, batch=batch, stop=stop))
    for _ in range(100):
        if await asyncio.to_thread(_processed, runtime) == count:
            break
        await asyncio.sleep(0.1)
    stop.set()
    await task


def test_a_killed_worker_loses_and_repeats_nothing(tmp_path: Path) -> None:
    url = _broker_url()
    env = {
        "LIAISON_DATA_DIR": str(tmp_path),
        "LIAISON_BROKER_URL": url,
        "LIAISON_BROKER_STREAM": f"T{uuid.uuid4().hex[:12].upper()}",
    }
    assert run(["init"], env).returncode == 0
    register = tmp_path / "wanted.csv"
    register.write_text("full_name,date_of_birth,nationality\nJANAN AGHA,1958-03-03,af\n")
    assert run(["registers", "import", str(register), "--owner", "HUB"], env).returncode == 0

    settings = Settings(data_dir=tmp_path, broker_url=url, broker_stream=env["LIAISON_BROKER_STREAM"])
    runtime = open_runtime(settings)
    try:
        with runtime.sessions() as session:
            hub = session.scalar(select(schema.Agency.id).where(schema.Agency.code == "HUB"))
        assert hub is not None
        ids = [
            pipeline.receive(runtime, agency_id=hub, machine_client_id=None, body=_message(n)).message_id
            for n in range(MESSAGES)
        ]
        assert broker.publish(runtime, ids)

        first = _worker(env)
        assert _wait(lambda: _processed(runtime) >= 5, 60), "the first worker processed nothing"
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        done_when_killed = _processed(runtime)
        assert done_when_killed < MESSAGES, "the worker finished before it could be killed"

        second = _worker(env)
        try:
            assert _wait(lambda: _processed(runtime) == MESSAGES, 120), f"stuck at {_processed(runtime)}"
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=20)

        with runtime.sessions() as session:
            travellers = session.scalar(select(func.count()).select_from(schema.Traveller))
            hits = session.scalar(select(func.count()).select_from(schema.Hit))
            versions = session.scalar(select(func.count()).select_from(schema.BookingVersion))
        assert travellers == MESSAGES * PER_MESSAGE, "a message was stored twice or lost"
        assert versions == MESSAGES
        assert hits == MESSAGES, "one hit per booking: the wanted man, once"
    finally:
        runtime.dispose()
        asyncio.run(_drop_stream(url, env["LIAISON_BROKER_STREAM"]))


async def _drop_stream(url: str, stream: str) -> None:
    connection = await nats.connect(url)
    try:
        await connection.jetstream().delete_stream(stream)
    finally:
        await connection.close()


@pytest.fixture
def broker_runtime(tmp_path: Path) -> Any:
    """An initialised installation publishing to a stream of its own, removed after."""
    from liaison.services.installation import initialise

    url = _broker_url()
    stream = f"T{uuid.uuid4().hex[:12].upper()}"
    settings = Settings(data_dir=tmp_path, broker_url=url, broker_stream=stream)
    initialise(settings)
    runtime = open_runtime(settings)
    try:
        yield runtime
    finally:
        runtime.dispose()
        asyncio.run(_drop_stream(url, stream))


def test_the_api_hands_pushes_to_the_workers(broker_runtime: Runtime) -> None:
    """With a broker configured, the API stores and publishes; a worker reads and screens."""
    from fastapi.testclient import TestClient

    from liaison.api.app import create_app
    from liaison.domain.permissions import Permission
    from liaison.services.principals import create_machine_client

    runtime = broker_runtime
    with runtime.transaction() as session:
        hub = session.scalar(select(schema.Agency).where(schema.Agency.code == "HUB"))
        assert hub is not None
        token = create_machine_client(session, agency=hub, name="LH", scopes={Permission.PUSH_MESSAGES})[
            1
        ].clear
    with TestClient(create_app(runtime=runtime)) as client:
        answer = client.post(
            "/api/v1/messages", content=_message(1), headers={"Authorization": f"Bearer {token}"}
        )
    assert answer.status_code == 202
    assert _processed(runtime) == 0, "with a broker, the API process does not read the message itself"

    asyncio.run(_work_until_processed(runtime, 1, batch=2))
    assert _processed(runtime) == 1


def test_a_worker_outlives_a_fetch_that_times_out(
    broker_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """nats-py raises asyncio's own TimeoutError (not its subclass) when a fetch's
    deadline runs out between its two requests; an idle worker must carry on."""
    from nats.js.client import JetStreamContext

    real_fetch = JetStreamContext.PullSubscription.fetch
    calls = 0

    async def fetch_that_first_times_out(self: Any, *args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise TimeoutError
        return await real_fetch(self, *args, **kwargs)

    monkeypatch.setattr(JetStreamContext.PullSubscription, "fetch", fetch_that_first_times_out)
    runtime = broker_runtime
    with runtime.sessions() as session:
        hub = session.scalar(select(schema.Agency.id).where(schema.Agency.code == "HUB"))
    assert hub is not None
    message_id = pipeline.receive(runtime, agency_id=hub, machine_client_id=None, body=_message(1)).message_id
    assert broker.publish(runtime, [message_id])

    asyncio.run(_work_until_processed(runtime, 1, batch=4))
    assert calls >= 2, "the worker fetched again after the timeout"
    assert _processed(runtime) == 1


def test_publishing_reuses_one_connection_and_reconnects_after_a_failure(broker_runtime: Runtime) -> None:
    runtime = broker_runtime
    url, stream = runtime.settings.broker_url, runtime.settings.broker_stream
    assert url is not None
    assert broker.publish(runtime, [1, 2])
    publisher = broker._publisher(url, stream)
    first = publisher._connection
    assert broker.publish(runtime, [3])
    assert publisher._connection is first, "one connection for every publish"
    asyncio.run_coroutine_threadsafe(publisher._drop(), publisher._loop).result(5)  # as if it broke
    assert broker.publish(runtime, [4])
    assert publisher._connection is not None
    assert publisher._connection is not first
    assert asyncio.run(_stored(url, stream)) == 4


async def _stored(url: str, stream: str) -> int:
    connection = await nats.connect(url)
    try:
        info = await connection.jetstream().stream_info(stream)
        return int(info.state.messages)
    finally:
        await connection.close()
