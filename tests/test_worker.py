"""Workers behind a real NATS JetStream broker: kill one mid-batch, lose nothing, repeat nothing."""

from __future__ import annotations

import asyncio
import contextlib
import json
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
from nats.js.errors import NotFoundError
from sqlalchemy import func, select

from liaison.domain.codes import READ_STATUSES, MessageStatus
from liaison.domain.dates import PartialDate
from liaison.domain.passenger import Booking, Leg, PnrMessage, Traveller
from liaison.formats import write_pnrgov
from liaison.services.pipeline import broker, pipeline
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


def _message(number: int, first: str = "AGHA") -> bytes:
    leg = Leg(
        "LH", f"{400 + number}", "FRA", "JFK", datetime(2026, 11, 23, 10, 0), datetime(2026, 11, 23, 13, 0)
    )
    travellers = tuple(
        Traveller(
            surname=first if index == 0 else f"TRAVELLER{number:02d}X{index:02d}",
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
            session.scalar(select(func.count()).where(schema.InboundMessage.status.in_(READ_STATUSES))) or 0
        )


def _worker(env: dict[str, str], *options: str) -> subprocess.Popen[bytes]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LIAISON_")} | env
    return subprocess.Popen(
        [*LIAISON, "worker", "--batch", "4", *options], env=environment, stderr=subprocess.DEVNULL
    )


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
    from liaison.services.identity.installation import initialise

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

    from liaison.app import create_app
    from liaison.domain.permissions import Permission
    from liaison.services.identity.principals import create_machine_client

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


POISON = "POISONOVA"


def _status(runtime: Runtime, message_id: int) -> tuple[MessageStatus, int]:
    with runtime.sessions() as session:
        message = session.get(schema.InboundMessage, message_id)
        assert message is not None
        return message.status, message.attempts


def _health(path: Path) -> dict[str, Any]:
    try:
        found: dict[str, Any] = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return found


@pytest.fixture
def installation(database_url: str, tmp_path: Path) -> Any:
    """An initialised database (SQLite or PostgreSQL), a stream of its own and the
    environment a worker process needs; the stream is removed after."""
    from liaison.services.identity.installation import initialise

    url = _broker_url()
    stream = f"T{uuid.uuid4().hex[:12].upper()}"
    settings = Settings(
        data_dir=tmp_path, database_url=database_url, broker_url=url, broker_stream=stream, freeze_heap=False
    )
    initialise(settings)
    runtime = open_runtime(settings)
    env = {
        "LIAISON_DATA_DIR": str(tmp_path),
        "LIAISON_DATABASE_URL": database_url,
        "LIAISON_BROKER_URL": url,
        "LIAISON_BROKER_STREAM": stream,
        "LIAISON_FREEZE_HEAP": "false",
    }
    try:
        yield runtime, env
    finally:
        runtime.dispose()
        with contextlib.suppress(NotFoundError):  # never created when the test stopped early
            asyncio.run(_drop_stream(url, stream))


def _push(runtime: Runtime, numbers: range, first: str = "AGHA") -> list[int]:
    with runtime.sessions() as session:
        hub = session.scalar(select(schema.Agency.id).where(schema.Agency.code == "HUB"))
    assert hub is not None
    ids = [
        pipeline.receive(runtime, agency_id=hub, machine_client_id=None, body=_message(n, first)).message_id
        for n in numbers
    ]
    assert broker.publish(runtime, ids)
    return ids


def test_a_poison_message_is_set_aside_while_the_worker_goes_on(
    installation: tuple[Runtime, dict[str, str]], tmp_path: Path
) -> None:
    """Was: a message failing on the database was delivered again every 10 s for ever."""
    from tests.poison import refuse_surname

    runtime, env = installation
    refuse_surname(runtime.engine, POISON)
    health = tmp_path / "worker.json"
    [poison] = _push(runtime, range(100, 101), first=POISON)
    _push(runtime, range(5))
    worker = _worker(env | {"LIAISON_MAX_PROCESSING_ATTEMPTS": "3"}, "--health-file", str(health))
    try:
        assert _wait(lambda: _status(runtime, poison)[0] is MessageStatus.FAILED, 90)
        assert _status(runtime, poison) == (MessageStatus.FAILED, 3)
        assert _wait(lambda: _processed(runtime) == 5, 60)
        _push(runtime, range(5, 8))  # and it keeps serving
        assert _wait(lambda: _processed(runtime) == 8, 60)
        assert worker.poll() is None, "the worker is still running"
        assert _wait(lambda: _health(health).get("set_aside") == 1, 20), _health(health)
        status = run(["workers", "status", str(health)])
        assert status.returncode == 0, status.stdout + status.stderr
        assert status.stdout.startswith("ready since")
        assert "set aside 1" in status.stdout
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=20)
    assert _health(health)["state"] == "stopped"
    assert run(["workers", "status", str(health)]).returncode == 1


def test_a_worker_rides_out_a_database_outage_and_a_broker_outage(
    installation: tuple[Runtime, dict[str, str]], tmp_path: Path
) -> None:
    """Was: a 20-second database outage made both workers exit for good.

    The worker reaches PostgreSQL and NATS through proxies this test cuts and restores."""
    from sqlalchemy import make_url

    from tests.proxy import Proxy

    runtime, env = installation
    if runtime.engine.dialect.name != "postgresql":
        pytest.skip("a database outage needs a database server (PostgreSQL)")
    database = make_url(env["LIAISON_DATABASE_URL"])
    nats_url = urlparse(env["LIAISON_BROKER_URL"])
    db_proxy = Proxy(database.host or "127.0.0.1", database.port or 5432)
    broker_proxy = Proxy(nats_url.hostname or "127.0.0.1", nats_url.port or 4222)
    db_proxy.start()
    broker_proxy.start()
    health = tmp_path / "worker.json"
    worker_env = env | {
        "LIAISON_DATABASE_URL": database.set(host="127.0.0.1", port=db_proxy.port).render_as_string(
            hide_password=False
        ),
        "LIAISON_BROKER_URL": f"nats://127.0.0.1:{broker_proxy.port}",
    }
    worker = _worker(worker_env, "--health-file", str(health))
    try:
        assert _wait(lambda: _health(health).get("state") == "ready", 60), _health(health)
        _push(runtime, range(5))
        assert _wait(lambda: _processed(runtime) == 5, 60)

        db_proxy.stop()
        _push(runtime, range(5, 10))
        assert _wait(lambda: _health(health).get("state") == "waiting for the database", 60), _health(health)
        time.sleep(8)  # the outage lasts; the worker keeps trying
        assert worker.poll() is None, "the worker outlived the database outage"
        assert _processed(runtime) == 5
        db_proxy.start()
        assert _wait(lambda: _processed(runtime) == 10, 120), f"stuck at {_processed(runtime)}"
        assert _wait(lambda: _health(health).get("state") == "ready", 60), _health(health)

        broker_proxy.stop()
        assert _wait(lambda: _health(health).get("state") == "waiting for the broker", 60), _health(health)
        _push(runtime, range(10, 15))  # the API still publishes (directly); the worker cannot fetch
        time.sleep(5)
        assert worker.poll() is None, "the worker outlived the broker outage"
        broker_proxy.start()
        assert _wait(lambda: _processed(runtime) == 15, 120), f"stuck at {_processed(runtime)}"
        assert _wait(lambda: _health(health).get("state") == "ready", 60), _health(health)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
        db_proxy.stop()
        broker_proxy.stop()
    with runtime.sessions() as session:
        travellers = session.scalar(select(func.count()).select_from(schema.Traveller))
        versions = session.scalar(select(func.count()).select_from(schema.BookingVersion))
    assert versions == 15, "each message once: none lost, none repeated"
    assert travellers == 15 * PER_MESSAGE


def test_workers_status_reads_the_health_file_in_one_line(tmp_path: Path) -> None:
    from tests.test_cli import assert_one_line_error

    missing = tmp_path / "absent.json"
    assert_one_line_error(run(["workers", "status", str(missing)]), "no worker health file")
    stale = tmp_path / "stale.json"
    stale.write_text(
        json.dumps(
            {
                "state": "ready",
                "since": "2026-01-01T00:00:00+00:00",
                "updated_at": "2026-01-01T00:00:00+00:00",
            }
        )
    )
    answer = run(["workers", "status", str(stale)])
    assert answer.returncode == 1
    assert answer.stdout.startswith("not responding")
