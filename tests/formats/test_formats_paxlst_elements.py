"""PAXLST loses an element, never a traveller: an element that cannot be read is
left empty with a warning naming the message, the traveller (by position) or the
leg, the segment and the element; the traveller or leg is kept.

The messages are written for these tests in the shape UN/EDIFACT D05B API feeds have
(a leg's TDT group, then NAD+FL groups with ATT, DTM, NAT, DOC, LOC, MEA, FTX+BAG)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from liaison.cli import app
from liaison.domain.codes import Gender
from liaison.domain.dates import PartialDate
from liaison.domain.passenger import Bag, PaxlstMessage, Traveller
from liaison.formats import read_paxlst
from liaison.formats.paxlst import iter_paxlst

LEG = "TDT+20+XX100+++XX'LOC+125+CDG'DTM+189:2401011200:201'LOC+87+JFK'DTM+232:2401011500:201'"
ANNA = "NAD+FL+++SMIT:ANNA'ATT+2++F'DTM+329:800102'NAT+2+NLD'DOC+P:110:111+NL123'DTM+36:300101'"
PIET = (
    "NAD+FL+++JONG:PIET'ATT+2++M'DTM+329:811203'NAT+2+NLD'DOC+P:110:111+NL456'DTM+182:200101'"
    "DTM+36:300202'LOC+91+NLD'MEA+CT++:2'MEA+WT++KGM:32'FTX+BAG+++KL0220123456:2'"
)
SANNE = "NAD+FL+++VRIES:SANNE'ATT+2++F'DTM+329:920801'NAT+2+NLD'"


def message(body: str, reference: str = "MSG7") -> bytes:
    names = body.count("NAD+FL") + body.count("PDT+")
    text = f"UNH+{reference}+PAXLST:D:05B:UN:IATA'BGM+745'{body}CNT+42:{names}'"
    count = text.count("'") + 1
    return f"UNA:+.? 'UNB+UNOA:4+XX+YY+240101:1200+I1'{text}UNT+{count}+{reference}'UNZ+1+I1'".encode()


def number_of(data: bytes, segment: str) -> int:
    """The 0-based number of ``segment`` in the interchange (UNA not counted)."""
    segments = data.decode()[len("UNA:+.? '") :].split("'")
    return segments.index(segment)


def read_one(piet: str) -> tuple[bytes, PaxlstMessage]:
    data = message(LEG + ANNA + piet + SANNE)
    result = read_paxlst(data)
    assert result.errors == ()
    [m] = result.messages
    assert [t.surname for t in m.travellers] == ["SMIT", "JONG", "VRIES"]
    return data, m


def test_the_clean_message_reads_as_sent() -> None:
    _, m = read_one(PIET)
    assert m.warnings == ()
    piet = m.travellers[1]
    assert (piet.gender, piet.birth_date) == (Gender.MALE, PartialDate(1981, 12, 3))
    assert (piet.documents[0].issued, piet.documents[0].expiry) == (
        PartialDate(2020, 1, 1),
        PartialDate(2030, 2, 2),
    )
    assert piet.bags == (Bag(count=2, weight=32, weight_unit="KG", tags=("KL0220123456", "KL0220123457")),)


# (the segment as sent, the bad one, the element, what is left empty, what the warning may say)
CASES = [
    ("ATT+2++M", "ATT+2++Q", "03:1", lambda t: t.gender is None, "gender"),
    ("DTM+329:811203", "DTM+329:811299", "01:2", lambda t: t.birth_date is None, "birth date"),
    ("DTM+329:811203", "DTM+329:3DEC81", "01:2", lambda t: t.birth_date is None, "birth date"),
    ("DTM+36:300202", "DTM+36:301302", "01:2", lambda t: t.documents[0].expiry is None, "expiry"),
    ("DTM+182:200101", "DTM+182:20200231", "01:2", lambda t: t.documents[0].issued is None, "issue"),
    ("MEA+CT++:2", "MEA+CT++:TWO", "03:2", lambda t: t.bags[0].count == 2, "'TWO'"),
    ("MEA+CT++:2", "MEA+CT++:1.5", "03:2", lambda t: t.bags[0].count == 2, "'1.5'"),
    ("MEA+WT++KGM:32", "MEA+WT++KGM:HEAVY", "03:2", lambda t: t.bags[0].weight is None, "'HEAVY'"),
    ("MEA+WT++KGM:32", "MEA+WT++-32", "03:1", lambda t: t.bags[0].weight is None, "'-32'"),
    (
        "FTX+BAG+++KL0220123456:2",
        "FTX+BAG+++KL0220123456:II",
        "04:2",
        lambda t: t.bags[0].tags == ("KL0220123456",),
        "'II'",
    ),
    ("MEA+CT++:2", "QTY+1:X", "01:2", lambda t: t.bags[0].count == 2, "'X'"),
]


@pytest.mark.parametrize(("good", "bad", "element", "left_empty", "says"), CASES)
def test_each_unreadable_traveller_element_is_left_empty_with_a_warning_naming_it(
    good: str, bad: str, element: str, left_empty: Callable[[Traveller], bool], says: str
) -> None:
    piet_text = PIET.replace(good, bad) if bad.split("+")[0] == good.split("+")[0] else PIET + f"{bad}'"
    assert piet_text != PIET
    data, m = read_one(piet_text)
    piet = m.travellers[1]
    assert left_empty(piet)
    # the rest of the traveller is kept
    assert (piet.given_names, piet.nationality, piet.documents[0].number) == ("PIET", "NLD", "NL456")
    [said] = m.warnings
    tag = bad.split("+")[0]
    nad, seg = number_of(data, "NAD+FL+++JONG:PIET"), number_of(data, bad)
    assert said.startswith(
        f"message MSG7: traveller 2 (NAD #{nad}): segment {tag} #{seg} element {element}: "
    ), said
    assert says in said
    assert said.endswith("left empty")
    # no personal data: neither the name nor the value of a date or a gender
    for personal in ("JONG", "PIET", "811299", "3DEC81", "301302", "20200231", "'Q'"):
        assert personal not in said


def test_every_unreadable_value_of_a_detail_keeps_every_traveller() -> None:
    """Each value of each detail segment (gender, dates, bags) replaced by junk, one
    at a time: never an error, never a traveller less."""
    details = [s for s in PIET.split("'") if s.split("+")[0] in ("ATT", "DTM", "MEA", "FTX")]
    tried = 0
    for seg in details:
        elements = seg.split("+")
        for e in range(1, len(elements)):
            comps = elements[e].split(":")
            for c, value in enumerate(comps):
                if not value:
                    continue
                for junk in ("X9?+Z", "99999999", "-1", "1e400"):
                    changed = [*comps[:c], junk, *comps[c + 1 :]]
                    bad = "+".join([*elements[:e], ":".join(changed), *elements[e + 1 :]])
                    result = read_paxlst(message(LEG + ANNA + PIET.replace(seg, bad) + SANNE))
                    assert result.errors == (), (bad, result.errors)
                    assert len(result.messages[0].travellers) == 3, bad
                    tried += 1
    assert tried > 30


def test_a_us_date_that_is_no_date_is_left_empty_and_the_traveller_kept() -> None:
    data = message(LEG + "PDT+P:123456789:USA:301399+FL+DOE:JANE:801399:F+USA'" + SANNE)
    result = read_paxlst(data)
    assert result.errors == ()
    jane, sanne = result.messages[0].travellers
    assert (jane.surname, jane.birth_date, jane.gender, jane.nationality) == (
        "DOE",
        None,
        Gender.FEMALE,
        "USA",
    )
    assert jane.documents[0].number == "123456789"
    assert jane.documents[0].expiry is None
    assert sanne.surname == "VRIES"
    pdt = number_of(data, "PDT+P:123456789:USA:301399+FL+DOE:JANE:801399:F+USA")
    where = f"message MSG7: traveller 1 (PDT #{pdt}): segment PDT #{pdt} element"
    expiry, birth = result.messages[0].warnings
    assert expiry.startswith(f"{where} 01:4: ")
    assert birth.startswith(f"{where} 03:3: ")
    assert "document date" in expiry
    assert "birth date" in birth
    assert not any("801399" in w or "DOE" in w for w in (expiry, birth))


def test_a_leg_with_an_unreadable_date_is_kept_with_the_date_empty() -> None:
    data = message(LEG.replace("DTM+189:2401011200", "DTM+189:2401321200") + ANNA + PIET + SANNE)
    result = read_paxlst(data)
    assert result.errors == ()
    [m] = result.messages
    [leg] = m.legs
    assert (leg.carrier, leg.flight_number, leg.origin, leg.destination) == ("XX", "100", "CDG", "JFK")
    assert leg.departure is None
    assert leg.arrival is not None
    assert len(m.travellers) == 3
    tdt, dtm = number_of(data, "TDT+20+XX100+++XX"), number_of(data, "DTM+189:2401321200:201")
    [said] = m.warnings
    assert said.startswith(f"message MSG7: leg XX100 (TDT #{tdt}): segment DTM #{dtm} element 01:2: ")
    assert "'2401321200'" in said
    assert said.endswith("left empty")


def test_a_leg_without_a_flight_number_stays_an_error() -> None:
    result = read_paxlst(message(LEG.replace("TDT+20+XX100+++XX", "TDT+20") + ANNA + PIET + SANNE))
    [err] = result.errors
    assert (err.tag, err.element, err.code) == ("TDT", "TDT 02", "paxlst-leg-without-flight-number")
    assert len(result.messages[0].travellers) == 3


def test_the_warning_comes_with_the_part_that_holds_the_traveller() -> None:
    travellers = "".join(f"NAD+FL+++DOE{i}:JANE'ATT+2++{'Q' if i == 4 else 'F'}'" for i in range(6))
    parts = [p for p in iter_paxlst(message(LEG + travellers), chunk=3) if isinstance(p, PaxlstMessage)]
    assert [len(p.travellers) for p in parts] == [3, 3, 0]  # the last part: the message's own warnings
    assert parts[0].warnings == ()
    assert parts[2].warnings == ()
    [said] = parts[1].warnings
    assert re.match(r"message MSG7: traveller 5 \(NAD #\d+\): segment ATT #\d+ element 03:1: ", said), said


def test_liaison_parse_reads_with_warnings_and_ends_well(tmp_path: Path) -> None:
    path = tmp_path / "api.txt"
    path.write_bytes(message(LEG + ANNA + PIET.replace("DTM+329:811203", "DTM+329:811399") + SANNE))
    result = CliRunner().invoke(app, ["parse", str(path)])
    assert result.exit_code == 0, result.stderr
    [doc] = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [t["surname"] for t in doc["travellers"]] == ["SMIT", "JONG", "VRIES"]
    assert doc["travellers"][1]["birth_date"] is None
    [warned] = doc["warnings"]
    assert "element 01:2: birth date" in warned
    assert "read with warnings: 3 travellers read, none lost, 1 warning" in result.stderr


def test_details_whose_nad_is_missing_stay_an_error_though_their_date_is_unreadable() -> None:
    """A second birth date in one group means the next NAD is missing: still an error
    (the details name no one), whether or not the date can be read."""
    piet = PIET.replace("NAD+FL+++JONG:PIET'", "").replace("DTM+329:811203", "DTM+329:811299")
    data = message(LEG + ANNA + piet + SANNE)
    result = read_paxlst(data)
    assert [t.surname for t in result.messages[0].travellers] == ["SMIT", "VRIES"]
    assert [e.code for e in result.errors] == ["paxlst-details-without-name"]
