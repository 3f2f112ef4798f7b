"""Name-only matches weigh the name's commonness; romanised Chinese and
Korean parts weigh as syllables (examples of our own, not from any bench)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from liaison.matching import Explanation, Record, score
from liaison.matching.compare import agreement_bits, full_parts
from liaison.matching.evidence import DATE_UNKNOWN_COMMON
from liaison.matching.frequency import NameFrequencies, commonness, learned, set_learned
from liaison.matching.priority import Priority, hit_priority
from liaison.matching.score import quick_score


@pytest.fixture(autouse=True)
def fresh_table() -> Iterator[None]:
    before = learned()
    set_learned(NameFrequencies())
    yield
    set_learned(before)


def date_item(query: Record, candidate: Record) -> tuple[float, str]:
    item = score(query, candidate).explanation.evidence[0]
    return item.adjustment, item.detail


def test_common_name_without_a_date_on_one_side_is_weak_evidence() -> None:
    # Jennifer Miller: thousands of bearers in the census.
    dated = Record.of("Jennifer Miller", birth_date="1971-04-02")
    undated_extra = Record.of("Jennifer Ann Miller")
    adjustment, detail = date_item(dated, undated_extra)
    assert adjustment == pytest.approx(DATE_UNKNOWN_COMMON)
    assert detail == "not known on one side, common name"
    assert score(dated, undated_extra).score < 0.7
    # The very name still alerts, at the lowest priority.
    exact = score(dated, Record.of("Jennifer Miller"))
    assert exact.is_match
    assert hit_priority(exact.explanation) is Priority.COMMON_NAME


def test_rare_name_without_a_date_keeps_its_score() -> None:
    dated = Record.of("Wojciech Brzeczyszczykiewicz", birth_date="1971-04-02")
    other = Record.of("Wojciech Jan Brzeczyszczykiewicz")
    adjustment, detail = date_item(dated, other)
    assert adjustment == pytest.approx(0.0, abs=0.02)
    assert detail == "not known on one side"
    assert score(dated, other).is_match


def test_names_alone_are_not_penalised() -> None:
    # No date on either side: a comparison of names, as score-pairs makes.
    adjustment, detail = date_item(Record.of("Jennifer Miller"), Record.of("Jennifer Ann Miller"))
    assert (adjustment, detail) == (0.0, "not known on either side")


def test_quick_score_agrees_on_name_only_pairs() -> None:
    pairs = [
        (Record.of("Jennifer Miller", birth_date="1971-04-02"), Record.of("Jennifer Ann Miller")),
        (Record.of("Kim Min-ji"), Record.of("김민지", birth_date="1990-03-04")),
    ]
    for query, candidate in pairs:
        assert quick_score(query.prepared, candidate.prepared) == score(query, candidate).score


def test_romanised_korean_parts_are_syllables() -> None:
    latin = score(Record.of("Kwon Ye-jin"), Record.of("KWON YE-JIN")).explanation
    hangul = score(Record.of("권예진"), Record.of("권예진")).explanation
    assert latin.name.syllabic == ("ko",)
    # Neither way of writing it has a full part: one surname and one given
    # name of syllables, not three names.
    assert full_parts(latin.name.aligned, latin.name.syllabic) == 0
    assert full_parts(hangul.name.aligned, hangul.name.syllabic) == 0
    # Each syllable is as common as a syllable, as in Hangul: at most 8 bits.
    assert agreement_bits(latin.name.aligned, latin.name.syllabic) <= 3 * 8 + 1e-9


def test_romanised_chinese_given_name_is_two_syllables() -> None:
    m = score(Record.of("Chen Zhiqiang"), Record.of("CHEN ZHIQIANG")).explanation
    assert m.name.syllabic == ("zh",)
    assert agreement_bits(m.name.aligned, m.name.syllabic) <= 3 * 8 + 1e-9
    # A Western name is not read as syllables.
    w = score(Record.of("Hortense Lenoir"), Record.of("Hortense Lenoir")).explanation
    assert w.name.syllabic == ()
    assert full_parts(w.name.aligned, w.name.syllabic) == 2


def test_far_date_on_a_romanised_korean_name_is_another_person() -> None:
    # Three "parts" of a Korean name are not a rare long name: a date
    # years apart is a namesake, as it would be in Hangul.
    query = Record.of("Kwon Ye-jin", birth_date="1951-10-28")
    candidate = Record.of("KWON YE-JIN", birth_date="1964-07-16")
    match = score(query, candidate)
    assert not match.is_match
    assert "too rare" not in match.explanation.evidence[0].detail


def test_syllabic_survives_storage() -> None:
    m = score(Record.of("Kim Min-ji"), Record.of("KIM MIN-JI")).explanation
    again = Explanation.from_dict(m.to_dict())
    assert again.name.syllabic == ("ko",)
    assert hit_priority(again) is hit_priority(m)
    # Stored before the field: read as not syllabic.
    data = m.to_dict()
    del data["name"]["syllabic"]
    assert Explanation.from_dict(data).name.syllabic == ()


def test_hangul_name_can_be_rare_for_priority() -> None:
    # With no full part (syllables only) a name still carries their bits.
    m = score(Record.of("권예진", birth_date="1990-01-05"), Record.of("권예진")).explanation
    bits = agreement_bits(m.name.aligned, m.name.syllabic)
    assert bits > 0
    assert commonness(bits) < 1.0


def test_a_pair_weighs_the_same_whichever_side_is_the_traveller() -> None:
    """A typo can keep one side from reading as syllables (weii, minjunn): the
    pair's full parts and bits, hence its score, must not depend on the order."""
    pairs = [
        ("Kim Minjunn", "Kim Minjun", None, "1980-01-01"),
        ("Kim Min-junn", "Kim Min-jun", "1980-01-01", "1982-05-06"),
        ("Wang Weii", "Wang Wei", None, "1971-01-02"),
        ("Zhang Zhiqiangg", "Zhang Zhiqiang", None, "1970-03-04"),
    ]
    for a, b, born_a, born_b in pairs:
        left = Record.of(a, birth_date=born_a)
        right = Record.of(b, birth_date=born_b)
        assert score(left, right).score == score(right, left).score, (a, b)
        assert quick_score(left.prepared, right.prepared) == score(left, right).score, (a, b)
        assert quick_score(right.prepared, left.prepared) == score(left, right).score, (a, b)
