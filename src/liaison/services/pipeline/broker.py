"""Receipts across processes through NATS JetStream.

With `LIAISON_BROKER_URL` set, the API stores a message and publishes its id to a
durable stream; `liaison worker` processes pull the ids, read and screen the
message, and acknowledge only after the results are committed. A worker that
dies before acknowledging leaves the id to be delivered again, and processing
is idempotent (a message already processed is left as it is), so every message
counts once in effect. Ids published but lost in transit are swept up: a
worker also processes messages left `received` longer than a grace period.
A message whose processing keeps failing is set aside as `failed` after a
bounded number of attempts (see `pipeline.attempt`) and terminated on the
broker, so it is not delivered for ever.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import logging
import threading
from collections.abc import Callable
from datetime import timedelta

import nats
from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, StreamConfig
from nats.js.errors import NotFoundError
from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError

from liaison.domain.codes import MessageStatus
from liaison.domain.errors import ConfigurationError
from liaison.services.exchange import deadlines
from liaison.services.pipeline import heap, pipeline
from liaison.services.pipeline import worker_state as state
from liaison.services.pipeline.failures import describe
from liaison.services.pipeline.worker_state import Backoff, WorkerHealth
from liaison.services.runtime import Runtime
from liaison.store import schema
from liaison.store.types import utcnow

log = logging.getLogger(__name__)

CONSUMER = "screeners"
ACK_WAIT_SECONDS = 10.0
# A failed message comes back after 2, 4, 8 … seconds, never longer than this.
RETRY_DELAY_CAP_SECONDS = 60.0
SWEEP_GRACE = timedelta(seconds=30)


def subject(stream: str) -> str:
    return f"{stream.lower()}.receipts"


async def _jetstream(url: str, stream: str) -> tuple[NATS, JetStreamContext]:
    try:
        connection = await nats.connect(url, connect_timeout=2, max_reconnect_attempts=2)
    except Exception as exc:
        raise ConfigurationError(f"cannot reach the broker at {url}: {exc}") from None
    js = connection.jetstream()
    try:
        await js.stream_info(stream)
    except NotFoundError:
        await js.add_stream(StreamConfig(name=stream, subjects=[subject(stream)]))
    return connection, js


PUBLISH_TIMEOUT_SECONDS = 5.0


class _Publisher:
    """One NATS connection per process and stream, kept on an event loop of its own
    thread and shared by every caller: connecting for each push cost ~7 ms, most of a
    push's time in the API. A failed publish drops the connection; the next one connects again."""

    def __init__(self, url: str, stream: str) -> None:
        self.url, self.stream = url, stream
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="nats-publisher", daemon=True)
        self._thread.start()
        self._connection: NATS | None = None
        self._js: JetStreamContext | None = None
        self._connecting: asyncio.Lock | None = None

    def publish(self, message_ids: list[int]) -> None:
        future = asyncio.run_coroutine_threadsafe(self._publish(message_ids), self._loop)
        try:
            future.result(PUBLISH_TIMEOUT_SECONDS)
        except TimeoutError:
            future.cancel()
            raise

    async def _publish(self, message_ids: list[int]) -> None:
        js = await self._stream()
        try:
            for message_id in message_ids:
                await js.publish(subject(self.stream), str(message_id).encode("ascii"))
        except Exception:
            await self._drop()
            raise

    async def _stream(self) -> JetStreamContext:
        if self._connecting is None:
            self._connecting = asyncio.Lock()
        async with self._connecting:
            if self._connection is None or self._connection.is_closed or self._js is None:
                self._connection, self._js = await _jetstream(self.url, self.stream)
            return self._js

    async def _drop(self) -> None:
        connection, self._connection, self._js = self._connection, None, None
        if connection is not None:
            with contextlib.suppress(Exception):
                await connection.close()

    def close(self) -> None:
        asyncio.run_coroutine_threadsafe(self._drop(), self._loop).result(PUBLISH_TIMEOUT_SECONDS)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(PUBLISH_TIMEOUT_SECONDS)


_publishers: dict[tuple[str, str], _Publisher] = {}
_publishers_lock = threading.Lock()


def _publisher(url: str, stream: str) -> _Publisher:
    with _publishers_lock:
        found = _publishers.get((url, stream))
        if found is None:
            found = _publishers[(url, stream)] = _Publisher(url, stream)
        return found


@atexit.register
def close_publishers() -> None:
    """Close the shared connections (at exit, or when a test is done with a broker)."""
    with _publishers_lock:
        publishers = list(_publishers.values())
        _publishers.clear()
    for publisher in publishers:
        with contextlib.suppress(Exception):
            publisher.close()


def publish(runtime: Runtime, message_ids: list[int]) -> bool:
    """Hand stored messages to the workers; False (logged) if the broker is down:
    the messages stay stored and the workers' sweep takes them later."""
    url = runtime.settings.broker_url
    assert url is not None
    try:
        _publisher(url, runtime.settings.broker_stream).publish(message_ids)
    except Exception:
        log.exception("could not publish receipts %s; the sweep will pick them up", message_ids)
        return False
    return True


def sweep(runtime: Runtime) -> int:
    """Process messages stored but left unprocessed longer than the grace period.

    Each is attempted on its own: one that fails is counted (and set aside at the
    limit) and the others go on; a database outage is raised to the caller."""
    with runtime.sessions() as session:
        stale = list(
            session.scalars(
                select(schema.InboundMessage.id)
                .where(
                    schema.InboundMessage.status == MessageStatus.RECEIVED,
                    schema.InboundMessage.received_at < utcnow() - SWEEP_GRACE,
                )
                .order_by(schema.InboundMessage.id)
                .limit(100)
            )
        )
    for message_id in stale:
        pipeline.attempt(runtime, message_id)
    return len(stale)


class _DatabaseOutage(Exception):
    """Processing stopped because the database cannot be reached (not the message's fault)."""


async def run_worker(
    runtime: Runtime,
    *,
    batch: int = 10,
    stop: asyncio.Event | None = None,
    on_ready: Callable[[], None] | None = None,
    health: WorkerHealth | None = None,
) -> None:
    """Pull receipts, process each, acknowledge after commit; until `stop` is set.

    Outlives its surroundings: when the broker or the database goes away the worker
    reports it (`health`), waits (capped exponential backoff), connects again and
    resumes; unacknowledged receipts are delivered again, so nothing is lost."""
    url = runtime.settings.broker_url
    if url is None:
        raise ConfigurationError("liaison worker needs LIAISON_BROKER_URL (a NATS server with JetStream)")
    stop = stop or asyncio.Event()
    health = health or WorkerHealth()
    health.update(state.STARTING)
    backoff = Backoff()
    warmed = False
    done = asyncio.Event()
    watcher = asyncio.create_task(deadlines.watch_deadlines(runtime, done))
    try:
        while not stop.is_set():
            connection: NATS | None = None
            waiting_for = state.WAITING_FOR_DATABASE
            try:
                # Ready means both ends answer: the database first (after an outage too).
                await asyncio.to_thread(_ping_database, runtime)
                if not warmed:
                    await asyncio.to_thread(runtime.warm)
                    warmed = True
                waiting_for = state.WAITING_FOR_BROKER
                connection, subscription = await _subscribe(url, runtime.settings.broker_stream, batch)
                health.update(state.READY)
                log.info("ready")
                if on_ready is not None:
                    on_ready()
                    on_ready = None
                backoff.reset()
                await _consume(runtime, subscription, batch, stop, health)
            except Exception as exc:
                if isinstance(exc, _DatabaseOutage | SQLAlchemyError):
                    waiting_for = state.WAITING_FOR_DATABASE
                cause = describe(exc.__cause__ or exc) if isinstance(exc, _DatabaseOutage) else describe(exc)
                delay = backoff.delay()
                log.warning("%s (%s); trying again in %.1f s", waiting_for, cause, delay)
                health.update(waiting_for, cause)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=delay)
            finally:
                if connection is not None:
                    with contextlib.suppress(Exception):
                        await connection.close()
    finally:
        health.update(state.STOPPED)
        done.set()
        await watcher


def _ping_database(runtime: Runtime) -> None:
    with runtime.engine.connect() as connection:
        connection.execute(text("SELECT 1"))


async def _subscribe(url: str, stream: str, batch: int) -> tuple[NATS, JetStreamContext.PullSubscription]:
    connection, js = await _jetstream(url, stream)
    try:
        config = ConsumerConfig(
            ack_policy=AckPolicy.EXPLICIT, ack_wait=ACK_WAIT_SECONDS, max_ack_pending=batch * 4
        )
        subscription = await js.pull_subscribe(
            subject(stream), durable=CONSUMER, stream=stream, config=config
        )
    except BaseException:
        with contextlib.suppress(Exception):
            await connection.close()
        raise
    return connection, subscription


async def _consume(
    runtime: Runtime,
    subscription: JetStreamContext.PullSubscription,
    batch: int,
    stop: asyncio.Event,
    health: WorkerHealth,
) -> None:
    """Fetch and handle receipts until `stop`; a broker error or a database outage is raised."""
    idle_rounds = 0
    settler = heap.Settler(enabled=runtime.settings.freeze_heap)
    while not stop.is_set():
        health.heartbeat()
        try:
            messages = await subscription.fetch(batch, timeout=1)
        except TimeoutError:  # nats' own timeout, or asyncio's when a fetch's deadline ran out
            idle_rounds += 1
            if idle_rounds % 10 == 0:
                try:
                    await asyncio.to_thread(sweep, runtime)
                except Exception as exc:
                    raise _DatabaseOutage from exc
            continue
        idle_rounds = 0
        # One transaction per message. Committing a fetched batch together
        # was tried: two workers then wait on each other's new flights
        # (bench/pipeline.py: 91 travellers/s instead of 1,400).
        for message in messages:
            await _handle(runtime, message, health, settler)


async def _handle(runtime: Runtime, message: Msg, health: WorkerHealth, settler: heap.Settler) -> None:
    """Process one receipt and settle it with the broker: ack when done, term when
    set aside (or not a message id at all), nak with a growing delay when it failed."""
    try:
        message_id = int(message.data.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        log.error("a receipt of %s bytes is not a message id: dropped", len(message.data))
        await message.term()
        return
    try:
        outcome = await asyncio.to_thread(pipeline.attempt, runtime, message_id)
    except Exception as exc:
        with contextlib.suppress(Exception):  # delivered again anyway once ack_wait runs out
            await message.nak(delay=ACK_WAIT_SECONDS)
        raise _DatabaseOutage(f"message {message_id}") from exc
    if isinstance(outcome, pipeline.Failure):
        if outcome.set_aside:
            health.set_aside += 1
            await message.term()
        else:
            await message.nak(delay=min(RETRY_DELAY_CAP_SECONDS, 2.0**outcome.attempts))
        return
    await message.ack()
    health.processed += 1
    settler.screened(outcome.travellers)
