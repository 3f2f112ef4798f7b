from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from liaison.services.pipeline import heap


@pytest.fixture
def thawed() -> Iterator[None]:
    # One test process runs many tests: give back what a settle froze.
    gc.unfreeze()
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("thawed")
def test_a_worker_settles_its_heap_again_after_every_so_many_travellers() -> None:
    settler = heap.Settler(every=100)
    assert not settler.screened(60)
    assert gc.get_freeze_count() == 0
    assert settler.screened(40)  # a message that brings the count to 100
    frozen = gc.get_freeze_count()
    assert frozen > 0
    assert not settler.screened(99)  # counted afresh from the settle
    assert gc.get_freeze_count() == frozen
    assert settler.screened(1)


@pytest.mark.usefixtures("thawed")
def test_a_settler_does_nothing_when_freezing_is_off() -> None:
    settler = heap.Settler(every=1, enabled=False)
    assert not settler.screened(10)
    assert gc.get_freeze_count() == 0
