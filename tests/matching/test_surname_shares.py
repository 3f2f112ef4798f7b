"""Concentrated surname stocks (Korean, Chinese, Vietnamese) and syllabic
given names weigh as common as national statistics say (examples of our
own, not from any bench)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from liaison.matching import Record, score
from liaison.matching.compare import agreement_bits
from liaison.matching.frequency import (
    CHINESE_SURNAMES,
    KOREAN_SURNAMES,
    NameFrequencies,
    commonness,
    learned,
    part_probability,
    romanised_surnames,
    set_learned,
    syllable_bits,
)
from liaison.matching.priority import Priority, hit_priority


@pytest.fixture(autouse=True)
def fresh_table() -> Iterator[None]:
    before = learned()
    set_learned(NameFrequencies())
    yield
    set_learned(before)


def name_only(name: str, other: str | None = None) -> tuple[float, Priority, float]:
    """A dated traveller against an undated record: score, grade, commonness."""
    match = score(Record.of(name, birth_date="1990-01-05"), Record.of(other or name))
    e = match.explanation
    return match.score, hit_priority(e), commonness(agreement_bits(e.name.aligned, e.name.syllabic))


COMMON_CJK = ["김민준", "이지은", "박서연", "김정은", "최수빈", "한지민", "王伟", "李娜", "张志强", "劉德明"]


@pytest.mark.parametrize("name", COMMON_CJK)
def test_common_hangul_and_han_names_grade_common(name: str) -> None:
    _, grade, common = name_only(name)
    assert grade is Priority.COMMON_NAME
    assert common >= 0.5


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("Kim Minjun", "KIM MIN-JUN"),
        ("Lee Jieun", "LEE JI-EUN"),
        ("Park Seo-yeon", "PARK SEOYEON"),
        ("Choi Subin", "CHOE SU-BIN"),
        ("Zhang Zhiqiang", "ZHANG ZHIQIANG"),
        ("Chen Xiaoming", "CHEN XIAO MING"),
    ],
)
def test_common_romanised_names_grade_common_and_pay_without_a_date(name: str, other: str) -> None:
    value, grade, common = name_only(name, other)
    assert grade is Priority.COMMON_NAME
    assert common >= 0.5
    # The name alone is weak evidence: below what a rare exact name keeps.
    assert value < 0.9


def test_the_commonest_surnames_carry_their_national_share() -> None:
    assert part_probability("김") == pytest.approx(0.215)
    assert part_probability("王") == pytest.approx(0.0725)
    assert part_probability("張") == part_probability("张")
    # Vietnamese surnames are written in Latin letters, read in any name.
    assert part_probability("nguyen") >= 0.3
    # Romanised, in a name read as Korean or Chinese only.
    assert romanised_surnames()["ko"]["park"] == pytest.approx(KOREAN_SURNAMES["박"])
    assert romanised_surnames()["ko"]["lee"] == pytest.approx(KOREAN_SURNAMES["이"])
    assert romanised_surnames()["zh"]["chang"] == pytest.approx(CHINESE_SURNAMES["张"])
    assert syllable_bits(1, "kim", ("ko",)) < 3
    assert syllable_bits(1, "kim", ()) == syllable_bits(1)


def test_a_western_park_or_lee_keeps_the_census_share() -> None:
    # In a Western name Park and Lee are the census's, not Korea's.
    assert part_probability("park") < 0.01
    assert part_probability("lee") < 0.01
    western = score(Record.of("Christopher Park"), Record.of("CHRISTOPHER PARK")).explanation
    assert western.name.syllabic == ()
    assert agreement_bits(western.name.aligned, western.name.syllabic) > 15


def test_a_rarer_surname_with_common_syllables_is_less_common() -> None:
    kim = name_only("김민준")[2]
    kwon = name_only("권민준")[2]
    assert kwon < kim


def test_long_and_rare_names_stay_rare() -> None:
    # Four syllables of a compound surname and given name: no surname table
    # entry, each syllable at the floor.
    _, grade, common = name_only("남궁선우진")
    assert grade is Priority.RARE_NAME
    assert common < 0.5
    assert name_only("Xelvorin Quadrabeth")[1] is Priority.RARE_NAME


def test_learned_counts_make_a_syllable_commoner_never_rarer() -> None:
    floor = part_probability("예")
    # A register where 예 is in one name in five, 김 seen once.
    set_learned(NameFrequencies({"예": 40_000, "김": 1}, persons=200_000))
    assert part_probability("예") > floor
    # One sighting of 김 does not lower the census share.
    assert part_probability("김") == pytest.approx(0.215)
