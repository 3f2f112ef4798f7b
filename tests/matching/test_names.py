from __future__ import annotations

from liaison.matching.names import EntityKind, TokenKind, parse_name


def texts(raw: str, kind: EntityKind = EntityKind.PERSON) -> list[str]:
    return [t.text for t in parse_name(raw, kind).tokens]


def test_surname_comma_given_is_reordered() -> None:
    assert texts("ABDURAKHMANOV, Magomed") == ["magomed", "abdurakhmanov"]


def test_honorifics_are_dropped() -> None:
    assert texts("Mr. Recep Tayyip Erdoğan") == ["recep", "tayyip", "erdogan"]
    assert texts("President Erdoğan") == ["erdogan"]


def test_particles_are_canonical_and_light() -> None:
    name = parse_name("Isa Ben Tarif Al Bin Ali")
    kinds = {t.text: t.kind for t in name.tokens}
    assert kinds["bin"] == TokenKind.PARTICLE
    assert kinds["al"] == TokenKind.PARTICLE
    assert [t.text for t in name.tokens].count("bin") == 2  # "ben" and "bin" are one particle


def test_initials_are_split_for_people() -> None:
    name = parse_name("J.-C. Juncker")
    assert [(t.text, t.kind) for t in name.tokens[:2]] == [
        ("j", TokenKind.INITIAL),
        ("c", TokenKind.INITIAL),
    ]


def test_initialisms_are_joined_for_organisations() -> None:
    assert texts("A.B.C. Company", EntityKind.ORGANIZATION) == ["abc", "co"]


def test_legal_forms_become_classes() -> None:
    assert texts("Siemens Aktiengesellschaft", EntityKind.ORGANIZATION) == ["siemens", "jsc"]
    assert texts("OOO Oboronnye Initsiativy", EntityKind.ORGANIZATION)[0] == "llc"
    assert texts("Volkswagen Gesellschaft mit beschränkter Haftung", EntityKind.ORGANIZATION) == [
        "volkswagen",
        "llc",
    ]


def test_legal_form_with_a_typo_is_recognised() -> None:
    assert texts("Siemens Aktiengeselschaft", EntityKind.ORGANIZATION) == ["siemens", "jsc"]


def test_number_words_become_digits() -> None:
    assert texts("Brigade Forty-Four", EntityKind.ORGANIZATION) == ["brigade", "44"]
    assert texts("1st International Bank", EntityKind.ORGANIZATION)[0] == "1"


def test_glued_camel_case_is_split() -> None:
    assert texts("RamiMakhlouf") == ["rami", "makhlouf"]


def test_digits_inside_a_persons_name_are_read_as_letters() -> None:
    assert texts("Ig0r Sech1n") == ["igor", "sechin"]
