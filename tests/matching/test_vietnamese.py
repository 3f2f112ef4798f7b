"""Vietnamese and Wade-Giles names read as syllables (issue #22, false alerts).

Examples are written here, not drawn from the bench's generator: a
Vietnamese name's parts are one syllable each, so three agreeing syllables
do not make a rare name that excuses a birth date decades apart.
"""

from __future__ import annotations

import pytest

from liaison.matching import DEFAULT_THRESHOLD, Record
from liaison.matching.bound import name_score_bound
from liaison.matching.compare import compare_names, name_score
from liaison.matching.frequency import syllable_bits
from liaison.matching.names import parse_name
from liaison.matching.score import score
from liaison.matching.syllables import is_pinyin, name_language, syllable_count


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("Nguyễn Văn Anh", "vi"),
        ("Nguyen Van Anh", "vi"),  # Van without its breve, read as a particle elsewhere
        ("Trần Thị Hương", "vi"),
        ("Lâm Anh", "vi"),  # a diacritic only Vietnamese writes
        ("PHAM MINH TUAN", "vi"),
        ("Tom Le", None),  # Le, Do, Ho need another sign
        ("Linh Ho", None),
        ("Van Morrison", None),
        ("Anna Tran", None),  # Anna is not one Vietnamese syllable
        ("Chang Chia-Hao", "zh"),
        ("Lin Wen-chieh", "zh"),
        ("CH'IU-YUEH CHANG", "zh"),
        ("Jansen Huang", None),  # plain syllables joined: a Western name
    ],
)
def test_which_names_read_as_syllables(name: str, language: str | None) -> None:
    assert name_language(parse_name(name)) == language


def test_wade_giles_runs_need_a_mark_of_wade_giles() -> None:
    assert is_pinyin("chiahao")
    assert is_pinyin("hsiuying")
    assert not is_pinyin("jansen")
    assert syllable_count("chienhung", ("zh",)) == 2


def test_a_vietnamese_part_is_one_syllable_and_van_thi_are_common() -> None:
    assert syllable_count("nguyen", ("vi",)) == 1
    assert syllable_count("morrison", ("vi",)) == 0
    assert syllable_bits(1, "thi", ("vi",)) < syllable_bits(1, "khoa", ("vi",)) < 8
    assert syllable_bits(1, "van", ("vi",)) < 4


def _total(a: str, date_a: str | None, b: str, date_b: str | None) -> float:
    return score(Record.of(a, birth_date=date_a), Record.of(b, birth_date=date_b)).score


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Lê Thị Khoa", "Thị Khoa Lê"),
        ("Phạm Quốc Bảo Minh", "Minh Phạm Quốc Bảo"),
        ("Lin Wen-chieh", "WEN-CHIEH LIN"),
        ("Chang Ch'iu-yueh", "CH'IU-YUEH CHANG"),
    ],
)
def test_syllables_agreeing_do_not_excuse_dates_years_apart(a: str, b: str) -> None:
    assert _total(a, "1962-01-06", b, "1949-10-25") < DEFAULT_THRESHOLD
    assert _total(a, "1962-01-06", b, "1962-01-06") >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Phạm Đức Dương", "Phạm Đức Hương"),  # another syllable, one letter apart
        ("Nguyễn Hữu Hồng", "Nguyễn Hữu Hoàng"),
        ("Chang Chien-hung", "Chang Chia-hung"),
        ("Wen-chung Lin", "Wen-cheng Lin"),
    ],
)
def test_another_syllable_is_another_name(a: str, b: str) -> None:
    assert _total(a, None, b, "1986-02-14") < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nguyễn Văn Anh", "NGUYEN VAN ANH"),
        ("Nguyễn Văn Anh", "Nguyen Anh"),  # the middle name dropped abroad
        ("Trần Thị Thủy", "Tran Thi Thuy"),
        ("Lê Bảo Dương", "Lê Bảo Dươn"),  # the last letter lost: a slip
        ("Lê Bảo Châu", "Lê Bảo Chââu"),  # a letter doubled
        ("Chang Chia-hao", "CHANG CHIA HAO"),
    ],
)
def test_spellings_and_slips_of_one_name_still_match(a: str, b: str) -> None:
    assert _total(a, "1980-05-02", b, "1980-05-02") >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Phạm Đức Dương", "Phạm Đức Hương"),
        ("Nguyen Van Anh", "Nguyễn Văn Ánh"),
        ("Lin Wen-chieh", "Lin Wen-chih"),
    ],
)
def test_the_bound_holds_on_vietnamese_and_wade_giles_names(a: str, b: str) -> None:
    qa, qb = parse_name(a), parse_name(b)
    assert name_score_bound(qa, qb) >= name_score(qa, qb)[0] - 1e-9
    assert compare_names(qa, qb).score == pytest.approx(name_score(qa, qb)[0])


def test_pinyin_and_wade_giles_of_one_syllable_agree_but_two_pinyin_stay_apart() -> None:
    assert _total("HSU MEI-CHUAN", "1950-02-14", "Xu Meijuan", "1950-02-14") >= DEFAULT_THRESHOLD
    assert _total("Zhang Wei", None, "Chang Wei", "1950-02-14") < DEFAULT_THRESHOLD
