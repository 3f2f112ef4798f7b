"""Name commonness learned from registers and traffic (NameFrequencies)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from liaison.matching import Record, parse_name, score
from liaison.matching.frequency import (
    NameFrequencies,
    commonness,
    learned,
    name_bits,
    part_bits,
    set_learned,
)
from liaison.matching.score import quick_score, score_prepared


@pytest.fixture(autouse=True)
def fresh_table() -> Iterator[None]:
    before = learned()
    set_learned(NameFrequencies())
    yield
    set_learned(before)


def register(names: list[str], filler: int) -> NameFrequencies:
    """A register of these names plus ``filler`` persons of distinct made-up names."""
    table = NameFrequencies()
    for name in names:
        table.observe([parse_name(name)])
    for i in range(filler):
        table.add_person({f"filler{i}x", f"other{i}y"})
    return table


def test_each_part_counts_once_per_person() -> None:
    table = NameFrequencies()
    table.observe([parse_name("Wang Fang"), parse_name("Fang Wang"), parse_name("W. Fang")])
    assert table.persons == 1
    assert table.counts == {"wang": 1, "fang": 1}  # no initial, no double count


def test_a_part_seen_once_is_the_person_itself() -> None:
    table = register(["Ngozi Okonjo"], 10)
    assert table.share("okonjo") == 0.0
    set_learned(table)
    assert commonness(name_bits([("ngozi", "ngozi"), ("okonjo", "okonjo")])) == 0.0


def test_a_name_many_persons_of_a_register_bear_becomes_common() -> None:
    agreeing = [("wang", "wang"), ("fang", "fang")]
    rare_before = commonness(name_bits(agreeing))
    set_learned(register(["Wang Fang"] * 300 + ["Wang Lei"] * 300 + ["Li Fang"] * 300, 20_000))
    assert rare_before < 0.5
    assert commonness(name_bits(agreeing)) == 1.0


def test_one_coincidence_in_a_small_register_does_not_make_a_name_common() -> None:
    set_learned(register(["Zoltan Brzeczyszczykiewicz"] * 2, 100))
    assert commonness(name_bits([("zoltan", "zoltan"), ("brzeczyszczykiewicz", "brzeczyszczykiewicz")])) < 0.5


def test_the_census_still_counts_where_the_registers_are_silent() -> None:
    set_learned(register(["Wang Fang"] * 50, 1000))
    assert part_bits("smith") < part_bits("noorzai")


def test_cached_bits_follow_the_table() -> None:
    rare = part_bits("nakamura")
    set_learned(register(["Nakamura Yumiko"] * 500, 5000))
    common = part_bits("nakamura")
    assert common < rare
    learned().observe([parse_name("Nakamura Kenji")] * 1)  # in place: bits change again
    for _ in range(2000):
        learned().observe([parse_name("Nakamura Kenji")])
    assert part_bits("nakamura") < common


def test_a_learned_common_name_with_another_birth_date_weighs_more_and_scores_agree() -> None:
    traveller = Record.of("Sato Haruto", birth_date="1970-03-02")
    listed = Record.of("Haruto Sato", birth_date="1971-09-14", nationality="jp")
    rare = score(traveller, listed)
    set_learned(register(["Sato Haruto", "Sato Yui", "Haruto Suzuki"] * 400, 50_000))
    common = score(traveller, listed)
    assert common.score < rare.score
    date = next(e for e in common.explanation.evidence if e.attribute == "birth_date")
    assert date.detail.endswith(", common name")
    q, c = traveller.prepared, listed.prepared
    assert quick_score(q, c) == score_prepared(q, c).score
