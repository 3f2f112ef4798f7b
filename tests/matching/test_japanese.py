"""Japanese names: kanji readings, kana words, Hepburn variants."""

from liaison.matching import Record, score
from liaison.matching.japanese import (
    MAX_NAME_READINGS,
    hepburn_fold,
    kana_words,
    kanji_readings,
    mora_similarity,
    name_readings,
)
from liaison.matching.names import parse_name


def _score(a: str, b: str) -> float:
    return score(Record.of(a), Record.of(b)).score


def test_kanji_name_gets_japanese_readings_not_only_pinyin() -> None:
    readings = kanji_readings("中島裕美子")
    assert readings[0] == "ナカジマ ユミコ"
    assert 1 < len(readings) <= MAX_NAME_READINGS
    assert _score("中島裕美子", "NAKAJIMA YUMIKO") >= 0.95


def test_chinese_names_get_no_japanese_reading() -> None:
    for name in ("王秀英", "陳建国", "張偉"):
        assert kanji_readings(name) == ()


def test_kana_without_space_is_split_into_surname_and_given_name() -> None:
    assert kana_words("サトウチヨ") == ("sato", "chiyo")
    assert [t.text for t in parse_name("サトウチヨ").tokens] == ["sato", "chiyo"]
    assert _score("サトウチヨ", "SATO, Chiyo") >= 0.95


def test_hepburn_variants_fold_together() -> None:
    assert hepburn_fold("ohno") == hepburn_fold("oono") == hepburn_fold("ono")
    assert hepburn_fold("shinji") == hepburn_fold("sinzi")
    assert hepburn_fold("tsutomu") == hepburn_fold("tutomu")
    assert hepburn_fold("fujita") == hepburn_fold("huzita")
    assert hepburn_fold("sato") != hepburn_fold("saito")
    assert _score("Ohno Shinji", "Ōno Sinzi") >= 0.9
    explanation = score(Record.of("Ohno Shinji"), Record.of("Ono Shinji")).explanation
    assert "hepburn" in {part.rule for part in explanation.name.aligned}


def test_kana_names_compare_by_words_not_morae() -> None:
    # The same morae in another order, or one mora changed in the surname:
    # different people.
    assert _score("サトウチヨ", "サイトウチヨ") < 0.7
    assert _score("サトウチヨ", "カトウチヨ") < 0.7
    assert _score("オオノシンジ", "Onoda Shinji") < 0.7
    assert _score("ヤマダハナコ", "やまだはなこ") >= 0.95


def test_mora_similarity_counts_morae() -> None:
    assert mora_similarity("sato", "saito") < 0.7
    assert mora_similarity("sato", "sato") == 1.0


def test_two_kanji_names_are_not_matched_through_their_readings() -> None:
    # Takaishi / Takaichi: different surnames whose readings differ by a mora.
    assert _score("高石早苗", "高市早苗") < 0.7
    assert _score("中島裕美子", "ナカジマユミコ") >= 0.95


def test_given_name_the_tagger_lacks_is_read_by_the_name_dictionary() -> None:
    readings = kanji_readings("森田拓真")
    assert "モリタ タクマ" in readings
    assert _score("森田拓真", "MORITA TAKUMA") >= 0.9


def test_every_plausible_reading_of_a_given_name_is_kept_and_bounded() -> None:
    readings = kanji_readings("村上知実")
    assert {"ムラカミ トモミ", "ムラカミ サトミ"} <= set(readings)
    assert len(readings) <= MAX_NAME_READINGS
    assert _score("村上知実", "MURAKAMI SATOMI") >= 0.9
    assert _score("村上知実", "MURAKAMI TOMOMI") >= 0.9
    assert _score("村上知実", "MURAKAMI HIROSHI") < 0.7


def test_readings_spelt_by_the_characters_rank_first() -> None:
    assert name_readings("陽一", "mei")[0] == "ヨウイチ"
    assert "ヤマザキ" in name_readings("山崎", "sei")
