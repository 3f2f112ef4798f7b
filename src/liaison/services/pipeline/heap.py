"""Keep long-lived data out of the cyclic garbage collector's sight.

A process holding register indexes keeps hundreds of thousands of objects
that never form cycles. Every full collection walks them all again: in a
served app that was a pause of about 400 ms in the middle of a request (seen
by bench/pages.py). Freezing moves what is alive now into the permanent
generation; reference counting still frees it when it is dropped.
"""

from __future__ import annotations

import gc


def settle(*, collect: bool = True) -> None:
    """Freeze the heap as it is, after collecting its garbage when ``collect``
    (a full collection is a pause of its own: at start-up, not per request)."""
    if collect:
        gc.collect()
    gc.freeze()


# A screening worker fills the matching engine's caches as it goes (part
# similarities, parsed names, register names' runs of parts): the cyclic
# collector's full collections then walk them all again, a pause that grew
# to 0.6 s every 70,000 travellers or so (`bench/matching_speed.py --long
# 100000` shows it beside a worker that settles). Settling again every 2,000
# travellers costs about 10 ms each time: a collection walks only what is
# new since the last settle.
SETTLE_EVERY_TRAVELLERS = 2_000


class Settler:
    """Settles the heap again between messages, after every ``every``
    travellers screened.

    The trade-off of freezing: an object alive at a settle that later
    becomes part of a garbage cycle is never collected. Between two
    messages little is alive but the worker's own long-lived state.
    """

    def __init__(self, every: int = SETTLE_EVERY_TRAVELLERS, *, enabled: bool = True) -> None:
        self.every = every
        self.enabled = enabled
        self._since = 0

    def screened(self, travellers: int) -> bool:
        """Count travellers just screened; settle when ``every`` have been
        since the last settle. Says whether it settled."""
        if not self.enabled:
            return False
        self._since += travellers
        if self._since < self.every:
            return False
        settle()
        self._since = 0
        return True
