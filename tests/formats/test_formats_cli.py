"""``liaison parse`` through Typer's test runner, on a small app of our own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

from liaison.commands.parse import parse

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
    code, docs, errors = run(str(FIXTURES / "2_pnrs_basic.edi"), str(FIXTURES / "apisMessage.txt"))
    assert code == 0, errors
    assert errors == []
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
    assert len(errors) == 2
    assert "TIF" in errors[0]
    assert "KO0001" in errors[0]
    assert "no surname" in errors[0]
    assert "at byte" in errors[0]
    assert "missing.edi: cannot read" in errors[1]


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
    assert errors == []
    (warning,) = doc["warnings"]
    assert "PNR XMLPN2: PNRs/PNR[2]/@PNR_CreationDate" in warning
