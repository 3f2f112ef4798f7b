"""Keep long-lived data out of the cyclic garbage collector's sight.

A process holding register indexes keeps hundreds of thousands of objects
that never form cycles. Every full collection walks them all again: in a
served app that was a pause of about 400 ms in the middle of a request (seen
by bench/pages.py). Freezing moves what is alive now into the permanent
generation; reference counting still frees it when it is dropped.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from liaison.matching import screen

if TYPE_CHECKING:
    from liaison.services.runtime import Runtime


def settle(*, collect: bool = True) -> None:
    """Freeze the heap as it is, after collecting its garbage when ``collect``
    (a full collection is a pause of its own: at start-up, not per request)."""
    if collect:
        gc.collect()
    gc.freeze()


def warm(runtime: Runtime) -> None:
    """Load the matching engine's tables and build the register indexes before
    taking work, so the first message or query is not slow (the indexes settle
    the heap, see PersonIndexes)."""
    screen.warm_up()
    with runtime.sessions() as session:
        runtime.person_indexes.current(session)
