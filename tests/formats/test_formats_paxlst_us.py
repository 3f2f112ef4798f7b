"""US-format (CBP) PAXLST: each traveller named in one PDT segment, version 001:000.

The messages are written for these tests in the shape CBP's US variant has
(GTAS tells it from the UN variant by ``PDT+P``/``PDT+V``/``PDT+A``)."""

from __future__ import annotations

from datetime import datetime

from liaison.domain.codes import Gender, TravellerRole
from liaison.domain.dates import PartialDate
from liaison.formats import read_message_bytes, read_paxlst
from liaison.formats.jsondoc import message_json


def us_message(travellers: str, cnt: int = 4) -> bytes:
    body = (
        "UNH+PAX042+PAXLST:001:000:US'BGM+745'NAD+MS+++APIS DESK'COM+703-555-1212:TE'"
        "TDT+20+XY0123+++XY'LOC+005+FRA'DTM+136:2403011130:201'LOC+008+IAD'DTM+132:2403011415:201'"
        f"{travellers}CNT+42:{cnt}'"
    )
    count = body.count("'") - body.count("?'") + 1
    return (
        "UNA:+.? 'UNB+UNOA:4+APIS*XYZ+USADHS+240301:0900+000000042++USADHS'"
        f"{body}UNT+{count}+PAX042'UNZ+1+000000042'"
    ).encode()


FOUR = (
    "PDT+P:C01X00T47:DEU:290115+FL+MUELLER:ANNA:MARIA:850317:F+DEU+DEU'LOC+178+FRA'LOC+179+IAD'"
    "PDT+P:512345678:USA:150601:250531+FL+SMITH:JOHN:Q:700101:M+USA+USA'"
    "PDT+V:V7788123:USA:300101+DDT+GARCIA LOPEZ:MARIA:901224:F+MEX+MEX'"
    "PDT+P:X9911223:GBR:280303+FM+O?'NEIL:PATRICK:750704:M+GBR+IRL'"
)


def test_us_format_message_reads_every_traveller() -> None:
    result = read_paxlst(us_message(FOUR))
    assert result.errors == ()
    [m] = result.messages
    assert m.version == "001:000"
    assert m.warnings == ()
    [leg] = m.legs
    assert (leg.carrier, leg.flight_number, leg.origin, leg.destination) == ("XY", "0123", "FRA", "IAD")
    assert (leg.departure, leg.arrival) == (datetime(2024, 3, 1, 11, 30), datetime(2024, 3, 1, 14, 15))
    assert [(t.surname, t.given_names) for t in m.travellers] == [
        ("MUELLER", "ANNA MARIA"),
        ("SMITH", "JOHN Q"),
        ("GARCIA LOPEZ", "MARIA"),
        ("O'NEIL", "PATRICK"),
    ]
    mueller, smith, garcia, oneil = m.travellers
    assert (mueller.birth_date, mueller.gender, mueller.nationality) == (
        PartialDate(1985, 3, 17),
        Gender.FEMALE,
        "DEU",
    )
    assert (mueller.embarkation, mueller.debarkation) == ("FRA", "IAD")
    [doc] = mueller.documents
    assert (doc.type, doc.number, doc.issuing_country, doc.expiry) == (
        "P",
        "C01X00T47",
        "DEU",
        PartialDate(2029, 1, 15),
    )
    # two dates: the earlier is the issue date, the later the expiry
    assert (smith.documents[0].issued, smith.documents[0].expiry) == (
        PartialDate(2015, 6, 1),
        PartialDate(2025, 5, 31),
    )
    assert garcia.documents[0].type == "V"
    assert (garcia.role, oneil.role) == (TravellerRole.PASSENGER, TravellerRole.CREW)
    assert (oneil.nationality, oneil.residence_country) == ("GBR", "IRL")
    assert oneil.birth_date == PartialDate(1975, 7, 4)


def test_us_format_is_detected_and_printed() -> None:
    result = read_message_bytes(us_message(FOUR))
    [doc] = [message_json(m) for m in result.messages]
    assert doc["kind"] == "paxlst"
    assert [t["surname"] for t in doc["travellers"]] == ["MUELLER", "SMITH", "GARCIA LOPEZ", "O'NEIL"]


def test_pdt_after_a_nad_adds_the_document_to_that_traveller() -> None:
    data = us_message("NAD+FL+++DOE:JANE'PDT+P:123456789:USA:301231'DTM+329:800101'", cnt=1)
    [m] = read_paxlst(data).messages
    [jane] = m.travellers
    assert (jane.surname, jane.birth_date) == ("DOE", PartialDate(1980, 1, 1))
    assert jane.documents[0].number == "123456789"


def test_a_us_date_in_month_day_year_order_is_read_with_a_warning() -> None:
    data = us_message("PDT+P:123:USA:123129+FL+DOE:JANE:123160:F'", cnt=1)
    result = read_paxlst(data)
    assert result.errors == ()
    [jane] = result.messages[0].travellers
    assert jane.birth_date == PartialDate(1960, 12, 31)
    assert jane.documents[0].expiry == PartialDate(2029, 12, 31)
    said = [w for w in result.messages[0].warnings if "month-day-year" in w]
    assert [w.split(": ")[2] for w in said] == [
        "segment PDT #10 element 01:4",
        "segment PDT #10 element 03:3",
    ]
    assert not any("123160" in w or "123129" in w or "DOE" in w for w in said)  # no personal data


def test_a_pdt_with_an_unknown_status_is_an_error_naming_it() -> None:
    data = us_message(FOUR.replace("+DDT+", "+ZZ+"))
    result = read_paxlst(data)
    assert [t.surname for t in result.messages[0].travellers] == ["MUELLER", "SMITH", "O'NEIL"]
    [err] = result.errors
    assert (err.tag, err.element, err.code) == ("PDT", "PDT 02:1", "paxlst-unplaced-name")
    assert "'ZZ'" in err.reason


def test_nad_then_pdt_naming_the_same_person_is_one_traveller() -> None:
    travellers = (
        "NAD+FL+++DOE:JANE'ATT+2++F'PDT+P:123456789:USA:301231+FL+DOE:JANE:800101:F+USA'"
        "NAD+FL+++ROE:RICHARD'PDT+P:987654321:CAN:291130+FL+ROE:RICHARD:750505:M+CAN'"
        "NAD+FL+++POE:EDGAR'PDT+P:555:USA:280101'DTM+329:090119'"
        "PDT+P:444:MEX:270101+FL+LOPEZ:ANA:910202:F+MEX'"
    )
    result = read_paxlst(us_message(travellers))
    assert result.errors == ()
    m = result.messages[0]
    assert [(t.surname, t.given_names) for t in m.travellers] == [
        ("DOE", "JANE"),
        ("ROE", "RICHARD"),
        ("POE", "EDGAR"),
        ("LOPEZ", "ANA"),
    ]
    assert [t.documents[0].number for t in m.travellers] == ["123456789", "987654321", "555", "444"]
    assert m.travellers[1].birth_date == PartialDate(1975, 5, 5)
    assert m.travellers[2].birth_date == PartialDate(2009, 1, 19)
    assert m.warnings == ()


def test_pdt_birth_date_gender_and_countries_in_their_own_elements() -> None:
    data = us_message("PDT+P:123:USA:301231+FL+DOE:JANE:Q+800101+F+USA+CAN'", cnt=1)
    result = read_paxlst(data)
    assert result.errors == ()
    [jane] = result.messages[0].travellers
    assert (jane.given_names, jane.birth_date, jane.gender) == (
        "JANE Q",
        PartialDate(1980, 1, 1),
        Gender.FEMALE,
    )
    assert (jane.nationality, jane.residence_country) == ("USA", "CAN")
    assert result.messages[0].warnings == ()


def test_a_pdt_naming_another_member_of_the_family_is_another_traveller() -> None:
    """Same surname, other given name: the PDT after the NAD is Jane, not more of John."""
    travellers = (
        "NAD+FL+++SMITH:JOHN'ATT+2++M'PDT+P:512345679:USA:150601:250531+FL+SMITH:JANE::720101:F+USA+USA'"
        "NAD+FL+++SMITH:PETER PAUL'PDT+P:512345680:USA:150601:250531+FL+SMITH:PETER::650101:M+USA+USA'"
    )
    result = read_paxlst(us_message(travellers, cnt=3))
    assert result.errors == ()
    m = result.messages[0]
    assert [(t.surname, t.given_names, t.gender) for t in m.travellers] == [
        ("SMITH", "JOHN", Gender.MALE),
        ("SMITH", "JANE", Gender.FEMALE),
        ("SMITH", "PETER PAUL", Gender.MALE),
    ]
    assert [[d.number for d in t.documents] for t in m.travellers] == [[], ["512345679"], ["512345680"]]
