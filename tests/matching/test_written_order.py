"""Names written in characters keep their order; particles bind to the next word."""

import pytest

from liaison.matching import Record, parse_name, score
from liaison.matching.names import TokenKind


@pytest.mark.parametrize(
    ("a", "b"),
    [("최지은", "최은지"), ("박지현", "박현지"), ("李小龙", "李龙小"), ("王志强", "王强志")],
)
def test_given_name_characters_in_another_order_are_another_name(a: str, b: str) -> None:
    assert score(Record.of(a), Record.of(b)).score < 0.7


@pytest.mark.parametrize(
    ("a", "b"), [("佐々木春香", "春香 佐々木"), ("김민준", "김민준"), ("王志强", "王 志强")]
)
def test_same_characters_in_order_or_surname_moved_still_agree(a: str, b: str) -> None:
    assert score(Record.of(a), Record.of(b)).score >= 0.95


@pytest.mark.parametrize("raw", ["MARIA LE", "CHEN BIN", "Lê Văn Minh", "Nguyễn Văn An"])
def test_last_word_or_accented_word_is_a_name_not_a_particle(raw: str) -> None:
    assert all(token.kind == TokenKind.NAME for token in parse_name(raw).tokens)


@pytest.mark.parametrize(("raw", "particle"), [("Juan de la Cruz", "de"), ("Usama bin Laden", "bin")])
def test_particles_before_a_name_stay_particles(raw: str, particle: str) -> None:
    kinds = {token.text: token.kind for token in parse_name(raw).tokens}
    assert kinds[particle] == TokenKind.PARTICLE


def test_a_lone_given_name_does_not_match_a_name_ending_in_a_particle_word() -> None:
    assert score(Record.of("Maria Orlova"), Record.of("MARIA LE")).score < 0.7


@pytest.mark.parametrize(("a", "b"), [("ハナコ ササキ", "ササキ ハナコ"), ("クミコ サトウ", "サトウ クミコ")])
def test_two_kana_names_in_either_order_agree(a: str, b: str) -> None:
    """Kana names are not kanji readings: they are compared, not skipped."""
    assert score(Record.of(a), Record.of(b)).score >= 0.95


def test_a_kanji_name_with_the_repetition_mark_is_read_in_japanese() -> None:
    assert score(Record.of("佐々木陽子"), Record.of("SASAKI YOKO")).score >= 0.9


@pytest.mark.parametrize(
    ("a", "b"), [("오타 아쓰시", "Ota Atsushi"), ("다카하시 마나부", "Takahashi Manabu")]
)
def test_a_japanese_name_in_hangul_is_not_read_as_korean_syllables(a: str, b: str) -> None:
    assert score(Record.of(a), Record.of(b)).score >= 0.9
