"""Rules added for name commonness, name structure and Arabic readings."""

from __future__ import annotations

import pytest

from liaison.matching import EntityKind, Outcome, Record, parse_name, score
from liaison.matching.compare import part_similarity
from liaison.matching.evidence import DATE_UNKNOWN_COMMON, compare_birth_dates, parse_loose_date
from liaison.matching.frequency import commonness, name_bits, part_bits
from liaison.matching.names import TokenKind
from liaison.matching.score import split_aliases
from liaison.matching.text import abjad_skeletons, wade_giles_alias

from .helpers import name_score


def dates(*values: str) -> tuple:  # type: ignore[type-arg]
    return tuple(d for d in (parse_loose_date(v) for v in values) if d)


def token(name: str, index: int = 0, kind: EntityKind = EntityKind.PERSON):  # type: ignore[no-untyped-def]
    return parse_name(name, kind).tokens[index]


# --- commonness -----------------------------------------------------------


def test_common_names_carry_fewer_bits_than_rare_ones() -> None:
    assert part_bits("smith") < part_bits("sullivan") < part_bits("noorzai")
    common = name_bits([("jason", "jason"), ("smith", "smith")])
    rare = name_bits([("joseph", "joseph"), ("kony", "kony")])
    assert commonness(common) == 1.0
    assert commonness(rare) < 0.2


def test_a_far_off_year_weighs_more_on_a_common_name() -> None:
    rare = compare_birth_dates(dates("1963-01-01"), dates("1957"), 2, commonness=0.0)
    common = compare_birth_dates(dates("1963-01-01"), dates("1957"), 2, commonness=1.0)
    assert rare.outcome == common.outcome == Outcome.DISAGREE
    assert common.adjustment < rare.adjustment < 0
    assert "common name" in common.detail


def test_a_namesake_with_a_nearby_year_does_not_alert() -> None:
    traveller = Record.of("Jason Smith", birth_date="1975-04-02")
    listed = Record.of("Jason Smith", birth_date="1972")
    assert not score(traveller, listed).is_match


def test_a_rare_name_survives_a_recording_error_in_the_year() -> None:
    traveller = Record.of("MALIK NOORZAI", birth_date="1963-01-01", nationality="af")
    listed = Record.of("MALIK NOORZAI", birth_date="1957", nationality="af")
    assert score(traveller, listed).is_match


def test_a_single_last_digit_is_no_longer_a_typo_for_any_distance() -> None:
    # 1971 / 1979 differ in one digit but lie eight years apart.
    item = compare_birth_dates(dates("1971"), dates("1979"), 2)
    assert item.detail == "8 years apart"
    typo = compare_birth_dates(dates("1957"), dates("1967"), 2)
    assert typo.detail == "years differ in one digit"


def test_a_missing_date_is_never_held_against_a_rare_name() -> None:
    item = compare_birth_dates((), dates("1972"), 2, commonness=0.0)
    assert item.outcome == Outcome.MISSING
    assert item.adjustment == 0.0


def test_a_common_name_alone_against_a_dated_record_is_weak_evidence() -> None:
    # The date is not held against it (still "missing"), but the name alone
    # cannot single out one of its thousands of bearers.
    item = compare_birth_dates((), dates("1972"), 2, commonness=1.0)
    assert item.outcome == Outcome.MISSING
    assert item.adjustment == DATE_UNKNOWN_COMMON < 0
    assert compare_birth_dates((), dates("1972"), 2, commonness=0.5).adjustment == DATE_UNKNOWN_COMMON / 2
    # Names compared alone (no date on either side): nothing.
    assert compare_birth_dates((), (), 2, commonness=1.0).adjustment == 0.0


# --- name structure -------------------------------------------------------


def test_shared_name_suffix_is_not_similarity() -> None:
    assert part_similarity(token("Hamidullah"), token("Waliullah"))[0] < 0.55
    assert part_similarity(token("Shamsuddin"), token("Shahabuddin"))[0] < 0.7
    assert part_similarity(token("Jonsdottir"), token("Tomasdottir"))[0] < 0.7
    # A typo in the stem is still a typo.
    assert part_similarity(token("Hamidullah"), token("Hamedullah"))[0] >= 0.8


def test_vowel_rule_needs_the_same_shape() -> None:
    assert part_similarity(token("Usama"), token("Osama"))[1] == "vowels"
    assert part_similarity(token("Husayn"), token("Hussein"))[1] == "vowels"
    assert part_similarity(token("Yolanda"), token("Linda"))[1] != "vowels"
    assert part_similarity(token("Brady"), token("Baird"))[1] != "vowels"


def test_truncated_part() -> None:
    sim, rule = part_similarity(token("Abiy"), token("Abiyot"))
    assert rule == "truncated"
    assert sim >= 0.85
    assert part_similarity(token("Lind"), token("Lindemann"))[1] != "truncated"
    assert part_similarity(token("Oleksandr"), token("Oleksandrovych"))[1] != "truncated"


def test_leading_particle_word_is_a_given_name() -> None:
    assert parse_name("Ben Chandler").tokens[0].kind == TokenKind.NAME
    assert parse_name("Van Taylor").tokens[0].kind == TokenKind.NAME
    assert parse_name("al-Assad").tokens[0].kind == TokenKind.PARTICLE
    assert parse_name("Bashar al-Assad").tokens[1].kind == TokenKind.PARTICLE
    assert name_score("Robert Chandler", "Ben Chandler") < 0.7
    assert name_score("Ben Chandler", "Bin Chandler") >= 0.7


def test_country_qualifier_of_an_organisation() -> None:
    company = EntityKind.ORGANIZATION
    assert parse_name("Faberlic Europe", company).tokens[1].kind == TokenKind.PLACE
    assert name_score("Faberlic", "FABERLIC EUROPE Sp. z o.o.", company) >= 0.7
    # A country alone identifies nothing.
    assert name_score("L & H Sweden, AB", "L & H Mendez Sweden, AB", company) < 0.7
    assert name_score("Bank of Chad", "Bank of China", company) < 0.7


def test_aliases_separated_by_a_slash() -> None:
    assert split_aliases("Al-Qa'ida/Islamic Army") == ("Al-Qa'ida", "Islamic Army")
    assert split_aliases("Bowne Global Solutions Denmark, A/S") == ("Bowne Global Solutions Denmark, A/S",)
    kind = EntityKind.ORGANIZATION
    assert name_score("Al Qaeda", "Al-Qa'ida/Islamic Army", kind) >= 0.7


@pytest.mark.parametrize(
    ("wade_giles", "pinyin"),
    [("Mao Tse-tung", "mao zedong"), ("Teng Hsiao-p'ing", "deng xiaoping"), ("Hsi Chin-ping", "xi jinbing")],
)
def test_wade_giles_reading(wade_giles: str, pinyin: str) -> None:
    assert wade_giles_alias(wade_giles) == pinyin


def test_wade_giles_leaves_other_names_alone() -> None:
    for name in ("Kim Jong-un", "Jason Smith", "Li Peng", "Sun Yat-sen", "Ho Chi Minh"):
        assert wade_giles_alias(name) is None


def test_wade_giles_names_match_pinyin() -> None:
    assert name_score("Mao Tse-tung", "Mao Zedong") >= 0.7
    assert name_score("Hsi Chin-ping", "Xi Jinping") >= 0.7


# --- Arabic readings ------------------------------------------------------


def test_arabic_letters_with_two_readings() -> None:
    assert "smn" in abjad_skeletons("athmn")  # عثمان: Osman as well as Uthman
    assert "fzl" in abjad_skeletons("fdl")  # فضل: Fazl
    assert "fth" in abjad_skeletons("fth")  # فاتح: t then h, not th


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("عثمان", "Osman"),
        ("عثمان", "Othman"),
        ("فضل", "Fazl"),
        ("ظاهر", "Zahir"),
        ("حافظ", "Hafiz"),
        ("فاتح", "Fatih"),
        ("طاهر", "Taher"),
        ("داوود", "Dawood"),
        ("عبدالرحمن", "Abdurrahman"),
    ],
)
def test_arabic_script_against_persian_and_turkish_spellings(arabic: str, latin: str) -> None:
    assert name_score(f"{arabic} محمد", f"{latin} Mohammed") >= 0.7


def test_identical_names_explain_particles_as_particles() -> None:
    match = score(Record.of("Bashar al-Assad"), Record.of("Bashar al-Assad"))
    rules = [part.rule for part in match.explanation.name.aligned]
    assert rules == ["exact", "particle", "exact"]


def test_korean_syllables_are_name_parts() -> None:
    kinds = {t.kind for t in parse_name("안준혁").tokens + parse_name("김시우").tokens}
    assert kinds == {TokenKind.NAME}
    assert name_score("김시우", "GIM SI-U") >= 0.7
    assert name_score("김시우", "GIM UJIN") < 0.7
    # Syllables are not truncated names: Seong is not Seongsu cut short.
    assert name_score("김성현", "GIM SEONGSU") < 0.7
