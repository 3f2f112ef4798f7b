"""Korean names: Hangul syllables against their romanisations."""

from __future__ import annotations

import pytest

from liaison.matching import Record, parse_name, score
from liaison.matching.compare import compare_names
from liaison.matching.korean import (
    decompose,
    hangul_word_matches,
    index_spellings,
    is_korean_name,
    korean_syllable_count,
    mccune_reischauer,
    revised,
    romanisations,
    same_reading,
    syllable_of,
)


def test_decompose_is_arithmetic() -> None:
    assert decompose("가") == (0, 0, 0)
    assert decompose("힣") == (18, 20, 27)
    assert decompose("박") == (7, 0, 1)
    with pytest.raises(ValueError):
        decompose("a")


@pytest.mark.parametrize(
    ("syllable", "rr", "mr"),
    [
        ("박", "bak", "pak"),
        ("정", "jeong", "chong"),
        ("최", "choe", "choe"),
        ("신", "sin", "shin"),
        ("은", "eun", "un"),
    ],
)
def test_revised_and_mccune_reischauer(syllable: str, rr: str, mr: str) -> None:
    assert revised(syllable) == rr
    assert mccune_reischauer(syllable) == mr
    assert {rr, mr} <= romanisations(syllable)


@pytest.mark.parametrize(
    ("syllable", "accepted", "refused"),
    [
        ("이", {"lee", "yi", "rhee", "ri", "i"}, {"kim", "le"}),
        ("박", {"park", "pak", "bak", "bag"}, {"pork", "bang"}),
        ("송", {"song"}, {"sung", "seong"}),
        ("성", {"sung", "seong", "song"}, {"seung"}),
        ("장", {"jang", "chang"}, {"kang", "jeong"}),
        ("영", {"yeong", "young", "yong"}, {"gyeong", "jeong"}),
        ("서", {"seo", "suh", "so"}, {"su"}),
        ("수", {"su", "soo"}, {"seo"}),
        ("희", {"hee", "hui"}, {"he"}),
        ("황", {"hwang", "whang"}, {"hang"}),
        ("류", {"ryu", "yoo", "yu"}, {"ro"}),
    ],
)
def test_accepted_spellings(syllable: str, accepted: set[str], refused: set[str]) -> None:
    spellings = romanisations(syllable)
    assert accepted <= spellings
    assert not refused & spellings


def test_given_names_joined_hyphenated_or_spaced() -> None:
    for latin in ("Minjae", "Min-jae", "MIN JAE", "Min-chae"):
        assert hangul_word_matches("민재", latin)
    assert hangul_word_matches("철수", "Chulsoo")
    assert not hangul_word_matches("민재", "Minje-o")
    assert not hangul_word_matches("민재", "Minsu")


def test_parts_read_back_to_syllables() -> None:
    assert syllable_of("bag") == "박"
    assert syllable_of("i") == "이"
    assert syllable_of("michael") is None
    name = parse_name("박순옥")
    assert [syllable_of(t.text) for t in name.tokens] == list("박순옥")


def test_index_spellings() -> None:
    assert {"bak", "pak", "park"} <= set(index_spellings("bag"))
    assert {"lee", "yi", "rhee"} <= set(index_spellings("이"))
    assert index_spellings("smith") == ()


def test_latin_readings() -> None:
    assert same_reading("jeong", "jung") is True
    assert same_reading("i", "lee") is True
    assert same_reading("su", "seo") is False
    assert same_reading("jang", "kang") is False
    assert korean_syllable_count("seongho") == 2
    assert korean_syllable_count("xavier") == 0


def test_korean_names_and_foreign_names_in_hangul() -> None:
    assert is_korean_name("김민재")
    assert is_korean_name("남궁 민")
    assert is_korean_name("이 성민")
    assert not is_korean_name("미첼 조흔손")
    assert not is_korean_name("사토 쥰")


def _name_score(a: str, b: str) -> float:
    return compare_names(parse_name(a), parse_name(b)).score


@pytest.mark.parametrize(
    ("hangul", "latin"),
    [
        ("박순옥", "Park Sun-og"),
        ("박근혜", "Pak Kun Hye"),
        ("이영희", "Rhee Young-hee"),
        ("노무현", "Roh Moo-hyun"),
        ("류현진", "Yoo Hyun-jin"),
        ("정민호", "Chung Minho"),
        ("김정은", "Kim Jong Un"),
        ("오예준", "Oh Ye-jun"),
    ],
)
def test_romanised_variants_match(hangul: str, latin: str) -> None:
    assert _name_score(hangul, latin) >= 0.9
    assert score(Record.of(hangul), Record.of(latin)).is_match


@pytest.mark.parametrize(
    ("hangul", "latin"),
    [
        ("송정수", "SUNG JONG-SU"),
        ("윤영수", "YOON GYEONG-SU"),
        ("장성호", "Seong-ho Kang"),
        ("정지혜", "JI-HYE JANG"),
        ("고현정", "Seong-hyeon Ko"),
        ("장종수", "Jeong-su Jang"),
    ],
)
def test_another_syllable_is_another_name(hangul: str, latin: str) -> None:
    explanation = compare_names(parse_name(hangul), parse_name(latin))
    assert explanation.score < 0.5
    assert "syllables" in {part.rule for part in explanation.aligned}


def test_latin_korean_names() -> None:
    assert _name_score("I Minjae", "Lee Min-jae") >= 0.9
    assert _name_score("Gim Jinu", "JIN-U KIM") >= 0.9
    assert _name_score("Gang Seongho", "Seong-ho Kang") >= 0.9
    assert _name_score("LEE YEONG-SU", "LEE SEO-YEONG") < 0.7
    # North Korean list spellings still differ in the first consonant.
    assert _name_score("RI MYONG-CHUL", "RI PYONG CHUL") >= 0.8
