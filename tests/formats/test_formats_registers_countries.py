"""Country names as register owners write them, read as ISO 3166-1 alpha-3 codes."""

from __future__ import annotations

import pytest

from liaison.formats.countries import country_alpha3, read_country


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Iraq", "IRQ"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Syrian Arab Republic", "SYR"),
        ("Russian Federation", "RUS"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("Viet Nam", "VNM"),
        ("occupied Palestinian territory", "PSE"),
        ("United Republic of Tanzania", "TZA"),
        ("  Saudi   Arabia ", "SAU"),
        ("Türkiye", "TUR"),
        ("Republic of Türkiye", "TUR"),
    ],
)
def test_official_common_and_un_style_names(value: str, code: str) -> None:
    assert country_alpha3(value) == code


@pytest.mark.parametrize(
    ("value", "code"),
    [("Afghan", "AFG"), ("Yemeni", "YEM"), ("Tunisian", "TUN"), ("Chadian", "TCD"), ("Ecuadorian", "ECU")],
)
def test_demonyms_in_nationality_fields(value: str, code: str) -> None:
    assert country_alpha3(value) == code


@pytest.mark.parametrize(
    ("value", "code"), [("Burma", "MMR"), ("Zaire", "COD"), ("Swaziland", "SWZ"), ("East Timor", "TLS")]
)
def test_former_names_with_one_successor(value: str, code: str) -> None:
    assert country_alpha3(value) == code


@pytest.mark.parametrize(("value", "code"), [("fr", "FRA"), ("FRA", "FRA"), ("de", "DEU"), ("IRQ", "IRQ")])
def test_codes_are_codes(value: str, code: str) -> None:
    assert country_alpha3(value) == code


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("Soviet Union", "no single successor"),
        ("suhh", "no single successor"),
        ("Yugoslavia", "no single successor"),
        ("Kosovo", "not an ISO 3166-1 country"),
        ("Stateless", "not a country name or code"),
        ("Exampleland", "not a country name or code"),
        ("", "empty"),
    ],
)
def test_values_that_name_no_current_country_say_why(value: str, reason: str) -> None:
    reading = read_country(value)
    assert reading.code is None
    assert reading.reason is not None
    assert reason in reading.reason


@pytest.mark.parametrize(
    ("value", "codes"),
    [
        ("Dominican", ("DMA", "DOM")),
        ("KOREAN", ("KOR", "PRK")),
        ("Korea", ("KOR", "PRK")),
        ("Congolese", ("COG", "COD")),
        ("Congo", ("COG", "COD")),
        ("Guinean", ("GIN", "GNB")),
        ("Samoan", ("WSM", "ASM")),
        ("Virgin Islander", ("VGB", "VIR")),
        ("Virgin  Islands", ("VGB", "VIR")),
        ("Turkish Cypriot", ("CYP", "TUR")),
        ("St. Martin", ("MAF", "SXM")),
    ],
)
def test_a_name_that_fits_two_countries_is_left_out_naming_both(value: str, codes: tuple[str, ...]) -> None:
    reading = read_country(value)
    assert reading.code is None
    assert reading.reason is not None
    assert reading.reason.startswith("ambiguous: could be ")
    assert all(code in reading.reason for code in codes)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Dominican Republic", "DOM"),
        ("Dominica", "DMA"),
        ("South Korean", "KOR"),
        ("North Korean", "PRK"),
        ("Republic of Korea", "KOR"),
        ("Democratic Republic of the Congo", "COD"),
        ("Republic of the Congo", "COG"),
        ("Congo-Brazzaville", "COG"),
        ("Guinea", "GIN"),
        ("Bissau-Guinean", "GNB"),
        ("Equatorial Guinean", "GNQ"),
        ("American Samoan", "ASM"),
        ("Samoa", "WSM"),
        ("British Virgin Islands", "VGB"),
        ("Virgin Islands, U.S.", "VIR"),
        ("Sint Maarten", "SXM"),
        ("Sudanese", "SDN"),
        ("South Sudanese", "SSD"),
        ("Irish", "IRL"),
        ("Mauritian", "MUS"),
        ("Mauritanian", "MRT"),
    ],
)
def test_the_unambiguous_forms_of_those_countries_are_read(value: str, code: str) -> None:
    assert country_alpha3(value) == code
