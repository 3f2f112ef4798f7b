from __future__ import annotations

import pytest

from liaison.matching.text import Script, phonetic_key, skeleton, transliterate


@pytest.mark.parametrize(
    ("text", "expected", "script"),
    [
        ("Магомед Абдурахманов", "Magomed Abdurakhmanov", Script.CYRILLIC),
        ("Κυριάκος Μητσοτάκης", "Kyriakos Mitsotakis", Script.GREEK),
        ("Erdoğan", "Erdogan", Script.LATIN),
    ],
)
def test_transliterates_alphabets(text: str, expected: str, script: Script) -> None:
    assert transliterate(text) == (expected, script)


def test_arabic_article_is_split_off() -> None:
    ascii_text, script = transliterate("عبد الفتاح السيسي")
    assert script == Script.ARABIC
    assert ascii_text.split()[1:3] == ["al", "fth"]


def test_chinese_name_is_surname_then_given_name() -> None:
    ascii_text, script = transliterate("习近平")
    assert script == Script.HAN
    assert ascii_text.split() == ["xi", "jinping"]


def test_korean_syllables_are_separate_words() -> None:
    ascii_text, script = transliterate("김정은")
    assert script == Script.HANGUL
    assert ascii_text.split() == ["gim", "jeong", "eun"]


@pytest.mark.parametrize(
    ("a", "b"),
    [("sergej", "sergey"), ("mahmoud", "mahmud"), ("zelenskyy", "zelenskyi"), ("friedrich", "fridrich")],
)
def test_phonetic_key_folds_romanisation_variants(a: str, b: str) -> None:
    assert phonetic_key(a) == phonetic_key(b)


def test_phonetic_key_keeps_different_names_apart() -> None:
    assert phonetic_key("olaf") != phonetic_key("octavian")


def test_skeleton_matches_abjad_transliteration() -> None:
    arabic, _ = transliterate("محمد")
    assert skeleton(arabic) == skeleton("muhammad") == skeleton("mohammed")
