"""``liaison parse`` through Typer's test runner, on a small app of our own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

from liaison.commands.parse import parse
from liaison.domain.passenger import Booking, PnrMessage, Traveller
from liaison.formats import write_pnrgov

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "formats"


def app() -> typer.Typer:
    application = typer.Typer()
    application.command("parse")(parse)

    @application.callback()
    def main() -> None:
        """Test app."""

    return application


def run(*args: str) -> tuple[int, list[dict[str, Any]], list[str]]:
    result = CliRunner().invoke(app(), ["parse", *args])
    docs = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    return result.exit_code, docs, errors


def test_pnr_and_paxlst_to_json() -> None:
    pnrs = FIXTURES / "2_pnrs_basic.edi"
    code, docs, errors = run(str(pnrs), str(FIXTURES / "apisMessage.txt"))
    assert code == 0, errors  # warnings alone: nothing was lost
    assert errors == [
        f"{pnrs}: warning: UNT says 135 segments, the message has 134",
        f"{pnrs}: read with warnings: 4 travellers read, none lost, 1 warning",
    ]
    pnr, pax = docs
    assert pnr["kind"] == "pnr"
    assert pnr["sender"] == "DL"
    assert pnr["reference"] == "1"
    bookings = pnr["bookings"]
    assert isinstance(bookings, list)
    first = bookings[0]
    assert first["record_locator"] == "MFN4TI"
    leg = first["itinerary"][0]
    assert {k: leg[k] for k in ("carrier", "flight_number", "origin", "destination")} == {
        "carrier": "DL",
        "flight_number": "324",
        "origin": "LHR",
        "destination": "JFK",
    }
    assert leg["departure"] == "2010-12-12T09:15:00"
    smith = first["travellers"][0]
    assert smith["surname"] == "SMITHJR"
    assert smith["given_names"] == "JOHN"
    assert smith["birth_date"] == "1964-07-12"
    assert smith["gender"] == "M"
    assert smith["documents"][0] == {
        "kind": "DOCS",
        "type": "P",
        "number": "123456789",
        "issuing_country": "GBR",
        "place_of_issue": None,
        "nationality": "GBR",
        "issued": None,
        "expiry": "2019-08-23",
    }
    assert smith["seats"][0] == {"number": "15A", "origin": "LHR", "destination": "JFK"}
    assert first["payments"][0]["masked_number"] == "XXXXXXXX1186"
    assert set(first["contacts"]) == {"emails", "phones", "addresses"}
    assert first["bags"] == []
    assert first["codeshares"] == []
    assert pax["kind"] == "paxlst"
    assert pax["reference"] == "PAX001"
    assert [t["surname"] for t in pax["travellers"]] == ["CLARK", "CLARK"]
    assert pax["travellers"][0]["role"] == "passenger"
    assert len(pax["legs"]) == 2


def test_errors_go_to_stderr_and_fail_the_command(tmp_path: Path) -> None:
    bad = tmp_path / "bad.edi"
    bad.write_bytes(
        b"UNB+IATA:1+XX+YY+240101:1200+1'UNH+M1+PNRGOV:11:1:IA'SRC'RCI+XX:OK0001'TIF+A+B:A:1'"
        b"SRC'RCI+XX:KO0001'TIF++D:A:1'TVL+999999:1200+CDG+JFK+XX+1'UNT+9+M1'UNZ+1+1'"
    )
    code, docs, errors = run(str(bad), str(tmp_path / "missing.edi"))
    assert code == 1
    # the traveller without surname is an error; the PNR is kept, its bad date left empty with a warning
    assert [b["record_locator"] for b in docs[0]["bookings"]] == ["OK0001", "KO0001"]
    assert docs[0]["bookings"][0]["warnings"] == []
    (leg,) = docs[0]["bookings"][1]["itinerary"]
    assert leg["departure"] is None
    (note,) = docs[0]["bookings"][1]["warnings"]
    assert note.startswith("PNR KO0001: segment TVL #8 element 01:1: departure date 999999")
    assert docs[0]["warnings"][0] == note
    assert len(errors) == 4
    assert "TIF" in errors[0]
    assert "KO0001" in errors[0]
    assert "no surname" in errors[0]
    assert "at byte" in errors[0]
    assert errors[1] == f"{bad}: warning: {note}"
    assert errors[2].startswith(f"{bad}: partly read: 1 traveller read, 1 lost")
    assert "missing.edi: cannot read" in errors[3]


def test_forced_format_and_unknown_format() -> None:
    code, docs, errors = run("--format", "paxlst", str(FIXTURES / "2_pnrs_basic.edi"))
    assert code == 1
    assert docs == []
    assert "not PAXLST" in errors[0]
    code, _, errors = run("--format", "csv", str(FIXTURES / "2_pnrs_basic.edi"))
    assert code == 2
    assert "unknown format" in errors[0]


def test_pnrgov_xml_through_the_command() -> None:
    code, docs, errors = run(str(FIXTURES / "pnrgov_notif.xml"))
    assert code == 0  # the second PNR's unreadable date is a warning: the PNR is read
    (doc,) = docs
    assert doc["kind"] == "pnr"
    assert doc["format"] == "pnrgov-xml"
    assert [b["record_locator"] for b in doc["bookings"]] == ["XMLPN1", "XMLPN2"]
    assert doc["bookings"][0]["payments"][0]["masked_number"] == "411111XXXXXX1111"
    (warning,) = doc["warnings"]
    assert "PNR XMLPN2: PNRs/PNR[2]/@PNR_CreationDate" in warning
    said, summary = errors
    assert said.endswith(f": warning: {warning}")
    assert "read with warnings" in summary, summary


def test_a_lost_traveller_fails_the_command_and_says_how_many_were_read(tmp_path: Path) -> None:
    """A PAXLST traveller that cannot be read: the others are printed, the summary counts
    what was read and lost, and the exit status is not 0 (never fewer travellers silently)."""
    paxlst = tmp_path / "api.txt"
    paxlst.write_bytes(
        b"UNA:+.? 'UNB+UNOA:4+KL+NLAPI+261123:0800+LOST1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'"
        b"TDT+20+KL1234+++KL'LOC+125+IST'DTM+189:2611230930:201'LOC+87+AMS'DTM+232:2611231245:201'"
        b"NAD+FL+++SMIT:ANNA'ATT+2++F'DTM+329:800102'"
        b"NAD+FL++++PIET'ATT+2++M'DTM+329:801203'"
        b"NAD+FL+++VRIES:SANNE'ATT+2++F'DTM+329:920801'"
        b"CNT+42:3'UNT+18+1'UNZ+1+LOST1'"
    )
    code, docs, errors = run(str(paxlst))
    assert code == 1
    assert [t["surname"] for t in docs[0]["travellers"]] == ["SMIT", "VRIES"]
    assert "NAD 04:1" in errors[0]
    assert "no surname" in errors[0]
    assert errors[-1] == (
        f"{paxlst}: partly read: 2 travellers read, 1 lost (PNRs, travellers or messages that could not "
        "be read; their travellers are not counted), 0 warnings"
    )


def test_a_file_read_as_sent_prints_no_summary(tmp_path: Path) -> None:
    clean = tmp_path / "clean.edi"
    booking = Booking(
        "CLEAN1", "KL", travellers=(Traveller(surname="SMIT", given_names="ANNA", reference="1"),)
    )
    clean.write_bytes(write_pnrgov(PnrMessage(sender="KL", reference="1", bookings=(booking,))))
    code, docs, errors = run(str(clean))
    assert (code, errors) == (0, [])
    assert docs[0]["bookings"][0]["record_locator"] == "CLEAN1"
