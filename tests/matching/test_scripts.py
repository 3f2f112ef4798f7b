"""Armenian, Greek and Wade-Giles romanisation; OCR digits in person names."""

from __future__ import annotations

import pytest

from liaison.matching import Record, score
from liaison.matching.compare import part_similarity
from liaison.matching.index import CandidateIndex
from liaison.matching.names import parse_name
from liaison.matching.text import (
    Script,
    greek_fold,
    other_spellings,
    transliterate,
    wade_giles_alias,
    wade_giles_spelling,
)


def _score(a: str, b: str) -> float:
    return score(Record.of(a), Record.of(b)).score


def _rules(a: str, b: str) -> set[str]:
    return {part.rule for part in score(Record.of(a), Record.of(b)).explanation.name.aligned}


# --- Armenian -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("armenian", "latin"),
    [
        ("Ուզունյան", "Uzunyan"),  # ու is u, not "ow"
        ("ՈՍԿԱՆՅԱՆ", "VOSKANYAN"),  # ո at a word start is vo
        ("Երեմյան", "Yeremyan"),  # ե at a word start is ye
        ("Գևորգ", "Gevorg"),  # և is ev
        ("Թադևոսյան", "Tadevosyan"),  # aspirates without apostrophes
    ],
)
def test_armenian_romanisation(armenian: str, latin: str) -> None:
    text, script = transliterate(armenian)
    assert script == Script.ARMENIAN
    assert text.lower() == latin.lower()


def test_armenian_names_match_passport_spellings() -> None:
    assert _score("Ուզունյան", "Uzunyan") >= 0.7
    assert _score("Արամ Ոսկանյան", "ARAM VOSKANYAN") >= 0.7
    assert _score("Արամ Ոսկանյան", "ARAM PETROSYAN") < 0.7


# --- Greek --------------------------------------------------------------------


def test_greek_digraphs_at_a_word_start() -> None:
    assert transliterate("ΜΠΙΚΑ")[0] == "BIKA"
    assert transliterate("Ντόρα")[0] == "Dora"
    assert transliterate("Γκίκας")[0] == "Gikas"
    assert transliterate("Ευάγγελος")[0] == "Evangelos"
    assert transliterate("Ευθυμία")[0] == "Efthymia"  # ευ before a voiceless consonant
    assert transliterate("Ησαΐας")[0] == "Isaias"  # the diaeresis keeps αι apart


def test_greek_capitals_are_not_split_as_camel_case() -> None:
    assert [t.text for t in parse_name("ΜΙΧΟΥ").tokens] == ["michou"]
    assert [t.text for t in parse_name("ЖУКОВ").tokens] == ["zhukov"]
    assert _score("ΜΙΧΟΥ", "MIKHOU") >= 0.7


@pytest.mark.parametrize(
    ("greek", "latin"),
    [
        ("ΜΠΙΚΑ", "BIKA"),
        ("ΜΠΙΚΑ", "MPIKA"),
        ("Καμπάκας", "Kabakas"),
        ("Καμπάκας", "KAMBAKAS"),
        ("Παπαντωνίου", "Papandoniou"),
        ("Σταύρου", "Stayroy"),
        ("Χατζής", "Hatzis"),
        ("Αγγελική", "Aggeliki"),
    ],
)
def test_greek_spellings_of_one_sound(greek: str, latin: str) -> None:
    assert _score(greek, latin) >= 0.7


def test_greek_fold_applies_to_greek_parts_only() -> None:
    # The fold merges mp/b, which two Latin names must keep apart.
    assert greek_fold("lampe") == greek_fold("labe")
    lampe, labe = parse_name("Lampe").tokens[0], parse_name("Labe").tokens[0]
    assert part_similarity(lampe, labe)[1] != "greek_digraph"
    assert "greek_digraph" in _rules("Καμπάκας", "Kabakas")
    assert _score("Καμπάκας", "Kapakas") < _score("Καμπάκας", "Kabakas")


# --- Wade-Giles ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("wade_giles", "pinyin"),
    [
        ("CHIANG CHUN-MING", "jiang zhunming"),  # hyphenated given name, no other marker
        ("Chang Jui", "zhang rui"),  # jui is not a pinyin syllable
        ("HSIEH YEN", "xie yan"),
        ("I Kuei-lan", "yi guilan"),
        ("Lü Hsiu-ying", "lu xiuying"),
    ],
)
def test_wade_giles_markers_and_syllables(wade_giles: str, pinyin: str) -> None:
    assert wade_giles_alias(wade_giles) == pinyin


def test_pinyin_and_other_hyphenated_names_are_not_wade_giles() -> None:
    for name in ("Li Peng", "Zhang Wei", "Kim Jong-un", "Sun Yat-sen", "Jean-Luc Picard"):
        assert wade_giles_alias(name) is None


def test_pinyin_in_wade_giles_spelling() -> None:
    assert wade_giles_spelling("jiang") == "chiang"
    assert wade_giles_spelling("cui") == "tsui"
    assert wade_giles_spelling("xiaoping") == "hsiaoping"
    assert wade_giles_spelling("jianguo") == "chienkuo"
    assert wade_giles_spelling("zhong") == "chung"
    assert wade_giles_spelling("rong") == "jung"  # not zhong's spelling: Rong is not 钟


@pytest.mark.parametrize(
    ("han", "latin"),
    [
        ("蔣俊明", "CHIANG CHUN-MING"),
        ("陈俊明", "CHEN CHUN-MING"),  # aspirated ch'en written without the apostrophe
        ("周刚", "Chou Kang"),
        ("崔建", "Tsui Chien"),
        ("秦丽娟", "CHIN LI-CHUAN"),
    ],
)
def test_wade_giles_matches_characters(han: str, latin: str) -> None:
    assert _score(han, latin) >= 0.7


def test_wade_giles_rule_needs_characters_on_one_side() -> None:
    assert "wade_giles" in _rules("周刚", "Chou Kang")
    # Two Latin spellings are not folded: Zhou and Chou are different pinyin names.
    assert _score("Zhou Gang", "Chou Kang") < 0.7
    assert _score("蔣俊明", "CHIANG CHUN-HUA") < 0.7
    assert "wade_giles" not in _rules("钟晨", "Rong Chen")  # Rong is jung in Wade-Giles
    assert "wade_giles" not in _rules("高淑珍", "CAO SHUZHEN")  # 高 is Kao, not the pinyin Cao


# --- OCR digits ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("clean", "ocr"),
    [
        ("Hubert Mann", "HU8ERT MANN"),
        ("Ignazio Foa", "16NAZIO F0A"),
        ("Jerzy Granat", "JER2Y GRANAT"),
        ("Lisa Morabito", "L1SA M0RA81T0"),
    ],
)
def test_ocr_digits_in_person_names(clean: str, ocr: str) -> None:
    assert [t.text for t in parse_name(ocr).tokens] == [t.text for t in parse_name(clean).tokens]


def test_number_shaped_words_keep_their_digits() -> None:
    assert [t.text for t in parse_name("John A1234567").tokens] == ["john", "a", "1234567"]
    assert [t.text for t in parse_name("John Smith 2nd").tokens] == ["john", "smith", "2"]


# --- Candidate index ------------------------------------------------------------


@pytest.mark.parametrize(
    ("register", "traveller"),
    [
        ("ΜΠΙΚΑ ΠΑΠΑΝΤΩΝΙΟΥ", "Mpika Papadoniou"),
        ("Ευσεβεία Τοδώρης", "Euseveia Todoris"),
        ("Mpika Papantoniou", "ΜΠΙΚΑ ΠΑΠΑΝΤΩΝΙΟΥ"),
        ("周刚", "Chou Kang"),
        ("Chou Kang", "周刚"),
        ("崔建国", "TSUI CHIEN-KUO"),
    ],
)
def test_index_proposes_other_spellings_of_greek_and_chinese(register: str, traveller: str) -> None:
    index = CandidateIndex.build([("r", Record.of(register))])
    assert _score(register, traveller) >= 0.7
    assert [rid for rid, _ in index.candidates(Record.of(traveller))] == ["r"]


def test_other_spellings_only_for_greek_and_chinese() -> None:
    assert "chou" in other_spellings("zhou", Script.HAN)
    assert "hsieh" in other_spellings("xie", Script.HAN)
    assert "mpika" in other_spellings("bika", Script.GREEK)
    assert other_spellings("zhou", Script.LATIN) == ()
