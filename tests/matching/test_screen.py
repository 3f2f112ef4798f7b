from __future__ import annotations

import itertools
import subprocess
import sys

from liaison.matching import Record
from liaison.matching.index import CandidateIndex
from liaison.matching.screen import screen

REGISTER = {
    "wanted-1": Record.of("Magomed Abdurakhmanov", birth_date="1976-03-02"),
    "wanted-2": Record.of("Magomed Abdurakhmanov", birth_date="1951"),
    "missing-1": Record.of("Olaf Scholz"),
}


def test_hits_above_threshold_best_first_top_k() -> None:
    index = CandidateIndex.build(REGISTER.items())
    travellers = [
        ("t1", Record.of("MAGHOMED ABDURAKHMANOV", birth_date="1976-03-02")),
        ("t2", Record.of("Angela Merkel")),
    ]
    hits = list(screen(travellers, index, top_k=1))
    assert [(h.traveller, h.record) for h in hits] == [("t1", "wanted-1")]
    all_hits = list(screen(travellers, index, top_k=5))
    assert all_hits[0].record == "wanted-1"
    assert all(a.score >= b.score for a, b in itertools.pairwise(all_hits))


def test_only_registers_the_agency_may_see() -> None:
    index = CandidateIndex.build(REGISTER.items())
    travellers = [("t1", Record.of("Magomed Abdurakhmanov"))]
    hits = list(screen(travellers, index, allowed=lambda rid: str(rid).startswith("missing")))
    assert hits == []


def test_threshold_is_configurable() -> None:
    index = CandidateIndex.build(REGISTER.items())
    travellers = [("t1", Record.of("Olaf Scholze"))]
    assert list(screen(travellers, index, threshold=0.99)) == []
    assert [h.record for h in screen(travellers, index, threshold=0.5)] == ["missing-1"]


def test_warming_up_loads_the_tables_the_first_traveller_would_wait_for() -> None:
    # In a fresh process: here, earlier tests have filled the caches in front of the tables.
    check = """
from liaison.matching import frequency
from liaison.matching.compare import _nickname_groups
from liaison.matching.names import place_words
from liaison.matching.screen import warm_up

tables = (_nickname_groups, frequency._table, place_words)
before = [table.cache_info().currsize for table in tables]
warm_up()
print(before, [table.cache_info().currsize for table in tables])
"""
    output = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True).stdout
    assert output.split("\n")[0] == "[0, 0, 0] [1, 1, 1]"
