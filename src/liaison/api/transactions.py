"""Where a route's transaction runs: on the event loop when it is short and can
start at once, otherwise in the thread pool.

A trip to the thread pool and back, with the threads then contending for the
GIL and for SQLite's writer lock, cost more than a one-item hit / no-hit query
itself (bench/api.py, SQLite: 307 -> about 600 queries/s served). Long work
(batches, anything unbounded) still goes to the pool so it cannot hold up other
requests, and so does short work when another transaction holds the SQLite
writer: the event loop never waits on that lock, since the holder may itself
be waiting for the loop to send its response.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from liaison.services.runtime import Runtime, WriterBusy

T = TypeVar("T")

# Items of a hit / no-hit batch answered on the event loop (each is one or two
# indexed lookups); longer batches go to the thread pool.
INLINE_ITEMS = 10


async def in_transaction(runtime: Runtime, work: Callable[[Session], T], *, short: bool) -> T:
    """Run `work` in one transaction; on the event loop only if `short` and uncontended."""
    if short:
        try:
            with runtime.transaction(wait=False) as session:
                return work(session)
        except WriterBusy:
            pass
    return await run_in_threadpool(_in_pool, runtime, work)


def _in_pool(runtime: Runtime, work: Callable[[Session], T]) -> T:
    with runtime.transaction() as session:
        return work(session)
