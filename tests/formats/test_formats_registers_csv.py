"""Screening CSV: nationalities as codes or names, each one left out is a warning."""

from __future__ import annotations

from liaison.formats.registers import read_screening_csv

CSV = (
    b"full_name,gender,date_of_birth,nationality\n"
    b"Patricia Wheeler,female,2002-07-14,Ethiopia\n"
    b"ABDULHAI SALEK,male,1965,af\n"
    b"Anna Example,female,1980,Iran (Islamic Republic of);Viet Nam\n"
    b"Jon Nobody,male,1990,Atlantis\n"
    b"Sam Unsure,maybe,1991,\n"
)


def test_nationality_names_and_codes_are_read_as_codes() -> None:
    result = read_screening_csv(CSV)
    assert [p.nationalities for p in result.messages] == [("ETH",), ("AFG",), ("IRN", "VNM"), (), ()]


def test_a_nationality_that_names_no_country_is_a_warning_naming_the_row() -> None:
    result = read_screening_csv(CSV)
    found = [(w.code, w.entry, w.field, w.value) for w in result.warnings]
    assert found == [
        ("register-country-left-out", "row-5", "nationality", "Atlantis"),
        ("register-value-left-out", "row-6", "gender", "maybe"),
    ]
    assert "row-5: nationality 'Atlantis' left out" in result.warnings[0].text


def test_an_ambiguous_demonym_is_a_warning_naming_the_countries_it_could_be() -> None:
    result = read_screening_csv(
        b"full_name,nationality\nJuan Example,Dominican;Dominican Republic\nKim Example,Korean\n"
    )
    assert [p.nationalities for p in result.messages] == [("DOM",), ()]
    assert [(w.code, w.entry, w.value) for w in result.warnings] == [
        ("register-country-left-out", "row-2", "Dominican"),
        ("register-country-left-out", "row-3", "Korean"),
    ]
    assert result.warnings[0].text == (
        "row-2: nationality 'Dominican' left out: "
        "ambiguous: could be DMA (Dominica) or DOM (Dominican Republic)"
    )
