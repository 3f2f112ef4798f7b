"""Never fewer travellers than the PNR names: every TIF of a PNR's current data
becomes a traveller or a coded ParseError naming the PNR; nothing of a refused
traveller is given to another one."""

from __future__ import annotations

import pytest

from liaison.formats import read_pnrgov
from tests.formats.test_formats_pnrgov_elements import pnrgov

HEAD = "SRC'RCI+XX:TRV001::010124:1200'"
JANE = "TIF+DOE+JANE MS:A:1'FTI+XX:111111'SSR+DOCS:HK:1:XX:::::/P/FRA/J1/FRA/01JAN80/F/01JAN30/DOE/JANE'"
LEG = "TVL+010124:1000:010124:1800+CDG+JFK+XX+1:Y'"


def test_a_traveller_without_surname_is_an_error_and_the_rest_of_the_pnr_is_kept() -> None:
    nameless = "TIF++JOHN MR:A:2'FTI+XX:222222'SSR+DOCS:HK:1:XX:::::/P/FRA/N2/FRA/01JAN81/M/01JAN30//JOHN'"
    richard = "TIF+ROE+RICHARD:A:3'"
    result = read_pnrgov(pnrgov(HEAD + JANE + nameless + richard + LEG))
    [booking] = result.messages[0].bookings
    assert [t.given_names for t in booking.travellers] == ["JANE", "RICHARD"]
    jane, richard_ = booking.travellers
    # what came with the refused traveller is not given to the traveller before it
    assert [f.number for f in jane.frequent_flyers] == ["111111"]
    assert [d.number for d in jane.documents] == ["J1"]
    assert (richard_.frequent_flyers, richard_.documents) == ((), ())
    assert len(booking.itinerary) == 1
    (err,) = result.errors
    assert (err.code, err.tag, err.element, err.segment_index) == (
        "traveller-without-surname",
        "TIF",
        "TIF 01:1",
        11,
    )
    assert err.reason == "PNR TRV001: the traveller (reference '2') has no surname; not read"


def test_a_name_with_control_characters_is_refused_naming_segment_element_and_pnr() -> None:
    dirty = "TIF+ROE+RICH\x00ARD:A:2'SSR+DOCS:HK:1:XX:::::/P/FRA/R2/FRA/01JAN81/M/01JAN30/ROE/RICHARD'"
    result = read_pnrgov(pnrgov(HEAD + JANE + dirty + LEG + "IFT+4:28+CALL\x07ME'"))
    [booking] = result.messages[0].bookings
    assert [t.given_names for t in booking.travellers] == ["JANE"]
    assert [d.number for d in booking.travellers[0].documents] == ["J1"]
    (err,) = result.errors
    assert (err.code, err.tag, err.element) == ("name-control-characters", "TIF", "TIF 02:1")
    assert "TRV001" in err.reason
    assert "(reference '2')" in err.reason
    assert "RICHARD" not in err.reason, "no personal data in an error that is stored and logged"
    # elsewhere control characters are still removed with a warning
    assert booking.remarks == ("CALLME",)
    assert booking.warnings == ("PNR TRV001: segment IFT #14 element 02:1: control characters removed",)


def test_a_traveller_named_only_in_the_itinerary_is_an_error() -> None:
    """A TIF swallowed by an unterminated segment leaves only the leg's TIF to name the traveller."""
    swallowed = "ORG+XX:PAR+12345678+++A+FR+9TIF+ROE+RICHARD:A:2'"
    leg = LEG + "SSR+SEAT:HK:1:XX:::CDG:JFK+12A::2'TRI++1'TIF+ROE+RICHARD::2'SSD+12A'TIF+ROE+RICHARD::2'"
    result = read_pnrgov(pnrgov(HEAD + swallowed + JANE + leg))
    [booking] = result.messages[0].bookings
    assert [t.given_names for t in booking.travellers] == ["JANE"]
    assert booking.travellers[0].seats == ()
    (err,) = result.errors  # once per traveller, however often the itinerary names them
    assert (err.code, err.tag, err.segment_index) == ("traveller-not-read", "TIF", 15)
    assert "(reference '2')" in err.reason
    assert "RICHARD" not in err.reason, "no personal data in an error that is stored and logged"
    assert "TRV001" in err.reason
    assert len(booking.warnings) == 2, "the seat (SSR and SSD) left out is said"


@pytest.mark.parametrize("where", ["EQN+1'RCI+XX:SPL001'", "MSG+:8'"])
def test_a_tif_after_the_itinerary_is_an_error_not_dropped(where: str) -> None:
    result = read_pnrgov(pnrgov(HEAD + JANE + LEG + where + "TIF+ROE+RICHARD:A:2'"))
    [booking] = result.messages[0].bookings
    assert len(booking.travellers) == 1
    (err,) = result.errors
    assert (err.code, err.tag) == ("traveller-not-read", "TIF")
    assert "(reference '2')" in err.reason
    assert "RICHARD" not in err.reason, "no personal data in an error that is stored and logged"


def test_history_tifs_are_not_travellers_and_not_errors() -> None:
    result = read_pnrgov(pnrgov(HEAD + JANE + LEG + "ABI+1'TIF+ROE+RICHARD:A:2'LTS+0/HISTORY'"))
    assert result.errors == ()
    assert len(result.messages[0].bookings[0].travellers) == 1


def tifs(pnr: str) -> int:
    """TIFs that name a traveller: those before the itinerary, but a group's name."""
    travellers = pnr.split("TVL+", 1)[0]
    return sum(1 for seg in travellers.split("'") if seg.startswith("TIF+") and not seg.endswith(":G"))


@pytest.mark.parametrize(
    "variant",
    [
        "",
        "TIF++NONAME:A:4'",
        "TIF+B\x01AD+X:A:5'",
        "TIF+GROUPNAME:G'",
        "TIF+ROE+RICHARD:A:2'",
        "TIF+ROE+RICHARD:A:2'TIF++NONAME:A:4'TIF+B\x01AD+X:A:5'",
    ],
)
def test_every_tif_becomes_a_traveller_or_a_coded_error(variant: str) -> None:
    pnr = HEAD + JANE + variant + LEG + "TRI++1'TIF+DOE+JANE::1'SSD+12A'"
    result = read_pnrgov(pnrgov(pnr))
    [booking] = result.messages[0].bookings
    named = tifs(pnr)
    assert len(booking.travellers) + len(result.errors) == named
    assert all(e.code in {"traveller-without-surname", "name-control-characters"} for e in result.errors)
    assert all("TRV001" in e.reason for e in result.errors)


def _docs(surname: str, given: str, number: str) -> str:
    return f"SSR+DOCS:HK:1:XX:::::/P/FRA/{number}/FRA/01JAN80/F/01JAN30/{surname}/{given}'"


def test_a_docs_naming_another_person_is_not_given_to_the_traveller() -> None:
    """A passport of DOE/JANE filed under SMITH/JOHN is not John's: kept as text, with a
    warning that names no one. Within one family the surname agrees, so the given name
    decides, when another traveller of the PNR bears it."""
    john = "TIF+SMITH+JOHN MR:A:1'" + _docs("DOE", "JANE", "D1")
    result = read_pnrgov(pnrgov(HEAD + john + LEG))
    [booking] = result.messages[0].bookings
    [smith] = booking.travellers
    assert (smith.documents, smith.birth_date, smith.gender) == ((), None, None)
    assert [r for r in booking.special_requests if "D1" in r]
    assert booking.warnings == (
        "PNR TRV001: segment SSR #9 element 01:9 (DOCS name): DOCS names another person than the traveller "
        "(reference '1') it is filed under; kept as text in special requests",
    )
    family = "TIF+SMITH+JANE MS:A:2'TIF+SMITH+JOHN MR:A:1'" + _docs("SMITH", "JANE", "J2")
    [booking] = read_pnrgov(pnrgov(HEAD + family + LEG)).messages[0].bookings
    assert [[d.number for d in t.documents] for t in booking.travellers] == [[], []]
    assert len(booking.warnings) == 1


def test_a_docs_with_the_passport_spelling_of_the_name_is_the_travellers() -> None:
    """The booking says JOHN, the passport JONATHON ROBERT, the surname has a suffix glued on:
    the same person, as no other traveller of the PNR bears those names."""
    john = "TIF+SMITHJR+JOHN MR:A:1'" + _docs("SMITH", "MRJONATHON/ROBERT", "S3")
    [booking] = read_pnrgov(pnrgov(HEAD + john + LEG)).messages[0].bookings
    assert [d.number for d in booking.travellers[0].documents] == ["S3"]
    assert booking.warnings == ()
