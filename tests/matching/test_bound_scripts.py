"""The name bound stays an upper bound for pairs joined across scripts."""

import pytest

from liaison.matching import Record
from liaison.matching.score import quick_score, score_prepared


@pytest.mark.parametrize(
    ("a", "b"), [("النعيمي", "ALNUAIMI"), ("عبد الكريم", "ABDELKARIM"), ("عبدالرحمن", "ABDUL RAHMAN")]
)
def test_quick_score_with_a_threshold_keeps_joined_arabic_pairs(a: str, b: str) -> None:
    query, candidate = Record.of(a).prepared, Record.of(b).prepared
    full = score_prepared(query, candidate).score
    assert full >= 0.7
    assert quick_score(query, candidate, 0.7) == full
    assert quick_score(candidate, query, 0.7) == score_prepared(candidate, query).score


def test_the_same_date_written_two_ways_is_the_same_date() -> None:
    from liaison.matching import score

    match = score(
        Record.of("John Smith", birth_date="1980-01-01"), Record.of("John Smith", birth_date="1980/01/01")
    )
    assert [item.detail for item in match.explanation.evidence if item.attribute == "birth_date"] == [
        "same date"
    ]


def test_a_1_january_placeholder_does_not_corroborate_a_common_name() -> None:
    from liaison.matching import score
    from liaison.matching.priority import Priority, hit_priority

    match = score(
        Record.of("John Smith", birth_date="1980-01-01"), Record.of("John Smith", birth_date="1980-07-23")
    )
    assert hit_priority(match.explanation) is not Priority.CORROBORATED


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("النعيمي", "ALNUAIMI"),
        ("النعيمي", "AL NUAIMI"),
        ("عبد الكريم", "ABDELKARIM"),
        ("عبدالرحمن", "ABDUL RAHMAN"),
        ("السيد محمد", "ELSAYED MOHAMED"),
        ("السيد محمد", "Al Sayed Mohamed"),
        ("عبد الرؤوف", "ABDURRAUF"),
        ("الكسندر", "Alexander"),
        ("تشيت بيغرز", "Chet Biggers"),
        ("ולנטינה", "Valentina"),
        ("محمد عبد الله", "Mohammed Abdullah"),
        ("محمد عبد الله", "Maria de la Cruz"),
        ("حسين", "Hussein"),
        ("عثمان", "Osman Ali"),
    ],
)
def test_the_bound_of_an_abjad_name_against_another_script_stays_above_its_score(a: str, b: str) -> None:
    """Such pairs are bounded, not always aligned: the bound must model the
    article and Abd joins align makes, in either order."""
    from liaison.matching.bound import NameBound
    from liaison.matching.compare import name_score

    for query, candidate in ((a, b), (b, a)):
        for qn in Record.of(query).prepared.names:
            for cn in Record.of(candidate).prepared.names:
                assert NameBound(qn).bound(cn) >= name_score(qn, cn)[0]
