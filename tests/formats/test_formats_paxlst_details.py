"""PAXLST traveller details that were dropped: NAD addresses, the town of LOC+180,
bags (MEA, FTX+BAG, QTY); in the domain and in `liaison parse`'s JSON."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from liaison.cli import app
from liaison.domain.passenger import Address, Bag, PaxlstMessage, Traveller
from liaison.formats import read_paxlst, write_paxlst


def message(travellers: str) -> bytes:
    body = (
        "UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'TDT+20+XX100+++XX'LOC+125+CDG'DTM+189:2401011200:201'"
        f"LOC+87+JFK'DTM+232:2401011500:201'{travellers}"
    )
    count = body.count("'") + 1
    return f"UNA:+.? 'UNB+UNOA:4+XX+YY+240101:1200+I1'{body}UNT+{count}+1'UNZ+1+I1'".encode()


def one(travellers: str) -> Traveller:
    result = read_paxlst(message(travellers))
    assert result.errors == ()
    assert result.messages[0].warnings == ()
    [t] = result.messages[0].travellers
    return t


def test_nad_street_city_state_postcode_and_country_become_an_address() -> None:
    t = one("NAD+FL+++DOE:JOHN+1200 MAIN STREET:APT 4B+SPRINGFIELD+VA+22150+USA'")
    assert t.addresses == (
        Address(
            street="1200 MAIN STREET APT 4B",
            city="SPRINGFIELD",
            state="VA",
            postal_code="22150",
            country="USA",
        ),
    )
    assert one("NAD+FL+++DOE:JOHN'").addresses == ()
    # a country sub-entity given by name (C819 3228) when there is no code
    assert one("NAD+FL+++DOE:JOHN++LYON+:::RHONE++FRA'").addresses == (
        Address(city="LYON", state="RHONE", country="FRA"),
    )


def test_birth_place_keeps_the_country_and_the_town() -> None:
    t = one("NAD+FL+++DOE:JOHN'LOC+180+FRA:::PARIS'")
    assert (t.birth_country, t.birth_place) == ("FRA", "PARIS")
    t = one("NAD+FL+++DOE:JOHN'LOC+180+USA:::HARTFORD+CT'")
    assert (t.birth_country, t.birth_place) == ("USA", "HARTFORD, CT")
    t = one("NAD+FL+++DOE:JOHN'LOC+180+DEU'")
    assert (t.birth_country, t.birth_place) == ("DEU", "DEU")
    t = one("NAD+FL+++DOE:JOHN'LOC+180+:::Hartford USA'")
    assert (t.birth_country, t.birth_place) == (None, "Hartford USA")
    assert one("NAD+FL+++DOE:JOHN'LOC+174+GBR'").residence_country == "GBR"


def test_bag_count_weight_and_tags_are_read() -> None:
    t = one("NAD+FL+++DOE:JOHN'MEA+CT++:2'MEA+WT++KGM:32'FTX+BAG+++LH0220123456:2'")
    assert t.bags == (Bag(count=2, weight=32, weight_unit="KG", tags=("LH0220123456", "LH0220123457")),)
    # tags alone give the count; pounds; a count without the empty unit
    t = one("NAD+FL+++DOE:JOHN'FTX+BAG+++UA123456'FTX+BAG+++UA900001:2'MEA+WT++LBR:50'")
    assert t.bags == (Bag(count=3, weight=50, weight_unit="LB", tags=("UA123456", "UA900001", "UA900002")),)
    assert one("NAD+FL+++DOE:JOHN'MEA+CT++1'").bags == (Bag(count=1),)
    assert one("NAD+FL+++DOE:JOHN'QTY+1:3'").bags == (Bag(count=3),)
    assert one("NAD+FL+++DOE:JOHN'").bags == ()


def test_a_bag_weight_with_decimals_is_rounded() -> None:
    assert one("NAD+FL+++DOE:JOHN'MEA+CT++:1'MEA+WT++KGM:22.5'").bags[0].weight == 23
    assert one("NAD+FL+++DOE:JOHN'MEA+CT++:1'MEA+WT++KGM:22,4'").bags[0].weight == 22


def test_a_bag_count_that_is_not_a_number_is_left_empty_with_a_warning_naming_the_element() -> None:
    result = read_paxlst(message("NAD+FL+++DOE:JOHN'MEA+CT++:TWO'NAD+FL+++ROE:JANE'"))
    assert result.errors == ()
    john, jane = result.messages[0].travellers
    assert (john.surname, john.bags, jane.surname) == ("DOE", (), "ROE")
    [said] = result.messages[0].warnings
    assert "traveller 1 (NAD #" in said
    assert "segment MEA #" in said
    assert "element 03:2" in said
    assert "'TWO'" in said


def test_segments_with_nothing_liaison_keeps_are_read_past() -> None:
    t = one("NAD+FL+++DOE:JOHN'GEI+4+ZZZ'COM+555-1212:TE'EMP+1+CR1'LOC+22+JFK'CPI+1'")
    assert t.surname == "DOE"


def test_addresses_birth_country_and_bags_survive_the_writer() -> None:
    t = Traveller(
        surname="DOE",
        given_names="JOHN",
        birth_place="PARIS",
        birth_country="FRA",
        addresses=(Address(street="1 RUE X", city="LYON", state="69", postal_code="69001", country="FRA"),),
        bags=(Bag(count=2, weight=40, weight_unit="KG", tags=("AF111", "AF222")),),
        name_as_sent="DOE:JOHN",
    )
    m = PaxlstMessage("XX", "1", "I1", "YY", None, "D:05B", "745", travellers=(t,))
    [back] = read_paxlst(write_paxlst(m)).messages
    assert back.travellers == (t,)


def test_liaison_parse_prints_addresses_birth_country_and_bags(tmp_path: Path) -> None:
    path = tmp_path / "pax.edi"
    path.write_bytes(
        message(
            "NAD+FL+++DOE:JOHN+1 MAIN ST+SPRINGFIELD+VA+22150+USA'LOC+180+FRA:::PARIS'"
            "MEA+CT++:1'MEA+WT++KGM:20'FTX+BAG+++LH123456'"
        )
    )
    result = CliRunner().invoke(app, ["parse", str(path)])
    assert result.exit_code == 0, result.stderr
    [doc] = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    [t] = doc["travellers"]
    assert (t["birth_place"], t["birth_country"]) == ("PARIS", "FRA")
    assert t["addresses"] == [
        {
            "kind": None,
            "street": "1 MAIN ST",
            "city": "SPRINGFIELD",
            "state": "VA",
            "postal_code": "22150",
            "country": "USA",
            "text": None,
        }
    ]
    assert t["bags"] == [
        {
            "count": 1,
            "airline": None,
            "destination": None,
            "weight": 20,
            "weight_unit": "KG",
            "tags": ["LH123456"],
            "traveller_reference": None,
        }
    ]
