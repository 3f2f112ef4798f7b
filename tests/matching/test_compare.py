"""One test per naming rule, with real-looking names."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from liaison.matching import DEFAULT_THRESHOLD, EntityKind, Record, score
from liaison.matching.bound import name_score_bound
from liaison.matching.compare import name_score as align_score
from liaison.matching.names import parse_name

from .helpers import name_score

LABELLED = Path(__file__).parent.parent / "fixtures" / "matching" / "nomenklatura_name_cases.csv"

MATCH = DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Abdurakhmanov Magomed", "Magomed Abdurakhmanov"),  # order swapped
        ("ABDURAKHMANOV, Magomed", "Magomed Abdurakhmanov"),  # SURNAME, Given
        ("Magomed Magomedzakirovich Abdurakhmanov", "Magomed Abdurakhmanov"),  # patronymic
        ("Hans J Friedrich", "Hans Joachim Friedrich"),  # initial
        ("Abdulrahman Salek", "Abdul Rahman Salek"),  # split part
        ("AlisherUsmanov", "Alisher Usmanov"),  # glued
        ("Alexandr Lukashnko", "Alexander Lukashenko"),  # typos
        ("Donlad Trump", "Donald Trump"),  # transposition
        ("Muhammad bin Salman", "Mohammed bin Salman"),  # variant spelling
        ("Yusuf Islam", "Youssef Islam"),  # variant spelling
        ("Sergej Lavrov", "Sergey Lavrov"),  # romanisation
        ("Ted Doe", "Theodore Doe"),  # standard nickname
        ("Osama bin Laden", "Usama ibn Ladin"),  # vowels and particles
        ("Mr. Rami Makhlouf", "Rami Makhlouf"),  # title
        ("Sergejs Lavrovs", "Sergey Lavrov"),  # Latvian nominative -s
    ],
)
def test_same_person_matches(a: str, b: str) -> None:
    assert name_score(a, b) >= MATCH


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Octavian Scholz", "Olaf Scholz"),  # different given name
        ("Sergey Ivanovich Lavrov", "Sergey Viktorovich Lavrov"),  # different patronymic
        ("Saddam Hussein al-Dulaimi", "Saddam Hussein al-Tikriti"),  # different nisba
        ("Hans O Friedrich", "Hans Joachim Friedrich"),  # initial contradicts
        ("Salman bin Muhammad al-Rawi", "Muhammad bin Salman al-Rawi"),  # father and son
        ("N.N.", "Nursultan Nazarbayev"),  # initials alone
        ("Barack Obama", "George Hussein Onyango Obama"),  # shared surname only
    ],
)
def test_different_people_do_not_match(a: str, b: str) -> None:
    assert name_score(a, b) < MATCH


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Магомед Абдурахманов", "MAGHOMED ABDURAKHMANOV"),  # Cyrillic, ICAO-ish Latin
        ("Владимир Путин", "Vladimir Putin"),
        ("Κυριάκος Μητσοτάκης", "Kyriakos Mitsotakis"),  # Greek
        ("محمد بن سلمان", "Mohammed bin Salman"),  # Arabic
        ("习近平", "Xi Jinping"),  # Chinese characters
        ("김정은", "Kim Jong Un"),  # Korean, Revised vs McCune-Reischauer
        ("Ротенберг Аркадий", "Arkadii Romanovich Rotenberg"),
    ],
)
def test_cross_script_pairs_match(a: str, b: str) -> None:
    assert name_score(a, b) >= MATCH


def test_one_different_character_in_a_chinese_name_is_another_person() -> None:
    assert name_score("习近朋", "习近平") < MATCH
    assert name_score("김종은", "김정은") < MATCH


def test_scores_are_graded() -> None:
    exact = name_score("Vladimir Putin", "Vladimir Putin")
    typo = name_score("Vladimir Pulin", "Vladimir Putin")
    extra = name_score("Vladimir Vladimirovich Putin", "Vladimir Putin")
    assert exact == 1.0
    assert MATCH <= typo < exact
    assert MATCH <= extra < exact


def test_organisation_legal_forms() -> None:
    org = EntityKind.ORGANIZATION
    assert name_score("Siemens Aktiengesellschaft", "Siemens AG", org) >= MATCH
    assert name_score("OAO Gazprom", "Open Joint Stock Company Gazprom", org) >= MATCH
    assert name_score("Deutsche Bank AG", "Deutsche Bank GmbH", org) < name_score(
        "Deutsche Bank AG", "Deutsche Bank Aktiengesellschaft", org
    )
    assert name_score("Volkswagen AG", "Siemens AG", org) < MATCH


def test_acronym_matches_spelled_out_name() -> None:
    assert name_score("PLA", "People's Liberation Army", EntityKind.ORGANIZATION) >= MATCH


def test_explanation_says_which_parts_aligned_and_how() -> None:
    match = score(Record.of("ABDURAKHMANOV, Magomed"), Record.of("Magomed Abdurakhmanov"))
    aligned = {(a.query, a.candidate, a.rule) for a in match.explanation.name.aligned}
    assert (("magomed",), ("magomed",), "exact") in aligned
    assert (("abdurakhmanov",), ("abdurakhmanov",), "exact") in aligned


def test_explanation_lists_the_conflicting_parts() -> None:
    match = score(Record.of("Sergey Ivanovich Lavrov"), Record.of("Sergey Viktorovich Lavrov"))
    name = match.explanation.name
    assert name.query_only == ("ivanovich",)
    assert name.candidate_only == ("viktorovich",)
    assert name.conflicting_parts >= 1


def test_empty_or_punctuation_names_never_match() -> None:
    assert name_score("", "Olaf Scholz") == 0.0
    assert name_score("...", "---") == 0.0
    assert score(Record(names=()), Record.of("Olaf Scholz")).score == 0.0


def test_the_name_bound_holds_on_every_labelled_pair() -> None:
    """The bound that lets screening skip alignment is never below the score
    it stands for, on the 826 labelled pairs of the nomenklatura file."""
    checked = 0
    with LABELLED.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        kind = EntityKind.from_schema(row["schema"])
        left, right = parse_name(row["name1"], kind), parse_name(row["name2"], kind)
        assert name_score_bound(left, right) >= align_score(left, right)[0] - 1e-9, row
        checked += 1
    assert checked > 800
