"""Bulk import of a register: all or nothing, matched on the source's ids."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select

from liaison.domain.dates import PartialDate
from liaison.domain.passenger import Booking, Leg, PnrMessage, Traveller
from liaison.formats import write_pnrgov
from liaison.services.registers import changes as register_changes
from liaison.services.runtime import Runtime
from liaison.store.schema import Hit, Record
from liaison.store.types import utcnow
from tests.api.clients import Actor, fresh_client
from tests.api.world import World

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "formats"


def _ftm(*people: tuple[str, str, str]) -> bytes:
    lines = [
        json.dumps(
            {
                "id": entity_id,
                "schema": "Person",
                "properties": {"name": [name], "birthDate": [born], "nationality": ["sy"]},
            }
        )
        for entity_id, name, born in people
    ]
    return ("\n".join(lines) + "\n").encode()


def _count(runtime: Runtime, register_id: int) -> int:
    with runtime.sessions() as session:
        return session.scalar(select(func.count()).where(Record.register_id == register_id)) or 0


def test_import_adds_then_updates_then_leaves_unchanged(runtime: Runtime, world: World) -> None:
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    register_id = world.registers["persons"]
    url = f"/api/v1/registers/{register_id}/import"
    first = _ftm(("ofac-1", "Abu Bakr al-Baghdadi", "1971"), ("ofac-2", "Hayat Boumeddiene", "1988-06-26"))
    added = owner.post(url, content=first, params={"shared_with": "NL-PIU", "handling_code": "H1"})
    assert added.status_code == 200, added.text
    assert added.json() | {"warnings": []} == {
        "read": 2, "added": 2, "updated": 0, "unchanged": 0, "rejected": 0, "dry_run": False, "warnings": [],
        "left_out": {}, "warnings_total": 0,
    }  # fmt: skip
    same = owner.post(url, content=first, params={"shared_with": "NL-PIU", "handling_code": "H1"})
    assert same.json()["unchanged"] == 2
    changed = _ftm(
        ("ofac-1", "Abu Bakr al-Baghdadi", "1971-07-28"), ("ofac-2", "Hayat Boumeddiene", "1988-06-26")
    )
    again = owner.post(url, content=changed, params={"shared_with": "NL-PIU", "handling_code": "H1"})
    assert (again.json()["updated"], again.json()["unchanged"]) == (1, 1)
    assert _count(runtime, register_id) == 4  # the world's two records and the two imported


def test_a_file_with_one_bad_entry_changes_nothing(runtime: Runtime, world: World) -> None:
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    register_id = world.registers["persons"]
    before = _count(runtime, register_id)
    answer = owner.post(
        f"/api/v1/registers/{register_id}/import", content=(FIXTURES / "ftm_sample.jsonl").read_bytes()
    )
    assert answer.status_code == 422
    detail = answer.json()["detail"]
    assert "nothing was changed" in detail
    assert "birthDate" in detail
    assert _count(runtime, register_id) == before


def test_dry_run_reports_without_writing(runtime: Runtime, world: World) -> None:
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    register_id = world.registers["persons"]
    before = _count(runtime, register_id)
    csv = b"full_name,date_of_birth,nationality\nJANAN AGHA,1958,af\nABDULHAI SALEK,1965,af\n"
    answer = owner.post(f"/api/v1/registers/{register_id}/import", content=csv, params={"dry_run": "true"})
    assert answer.json()["added"] == 2
    assert answer.json()["dry_run"] is True
    assert _count(runtime, register_id) == before


def test_only_the_owner_imports_and_only_persons(runtime: Runtime, world: World) -> None:
    other = Actor(fresh_client(runtime), username="liaison_officer.nl")
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    body = _ftm(("x-1", "Someone Else", "1970"))
    assert (
        other.post(f"/api/v1/registers/{world.registers['persons']}/import", content=body).status_code == 404
    )
    wrong_kind = owner.post(f"/api/v1/registers/{world.registers['documents']}/import", content=body)
    assert wrong_kind.status_code == 422
    assert "only persons" in wrong_kind.json()["detail"]


def test_an_oversized_file_is_refused(runtime: Runtime, world: World) -> None:
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    limit = runtime.settings.max_upload_bytes
    answer = owner.post(f"/api/v1/registers/{world.registers['persons']}/import", content=b"x" * (limit + 1))
    assert answer.status_code == 413


UN_LIST = b"""<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2025-03-01T10:00:00.000+01:00"><INDIVIDUALS>
 <INDIVIDUAL><DATAID>8100001</DATAID><FIRST_NAME>OMAR</FIRST_NAME><SECOND_NAME>HADDAD</SECOND_NAME>
  <NATIONALITY><VALUE>Syrian Arab Republic</VALUE><VALUE>Stateless</VALUE></NATIONALITY>
  <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>N 009123</NUMBER>
   <ISSUING_COUNTRY>Syrian Arab Republic</ISSUING_COUNTRY><DATE_OF_ISSUE>2010-02-01</DATE_OF_ISSUE>
   <CITY_OF_ISSUE>Aleppo</CITY_OF_ISSUE></INDIVIDUAL_DOCUMENT>
  <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>K 77</NUMBER>
   <ISSUING_COUNTRY>Yugoslavia</ISSUING_COUNTRY></INDIVIDUAL_DOCUMENT>
 </INDIVIDUAL>
 <INDIVIDUAL><DATAID>8100002</DATAID><FIRST_NAME>LINA</FIRST_NAME><SECOND_NAME>HADDAD</SECOND_NAME>
  <NATIONALITY><VALUE>Iran (Islamic Republic of)</VALUE></NATIONALITY>
  <NATIONALITY><VALUE>Atlantis</VALUE></NATIONALITY>
 </INDIVIDUAL>
</INDIVIDUALS></CONSOLIDATED_LIST>"""


def test_a_un_list_keeps_countries_given_as_names_and_counts_what_it_left_out(
    runtime: Runtime, world: World
) -> None:
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    register_id = world.registers["persons"]
    url = f"/api/v1/registers/{register_id}/import"
    answer = owner.post(url, content=UN_LIST, params={"dry_run": "true"})
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert (report["read"], report["added"], report["rejected"]) == (2, 2, 0)
    assert report["left_out"] == {"nationality": 2, "document issuing country": 1}
    assert report["warnings_total"] == 3
    assert any("8100002: nationality 'Atlantis' left out" in w for w in report["warnings"])

    applied = owner.post(url, content=UN_LIST)
    assert applied.json()["added"] == 2
    details = {}
    for reference in ("8100001", "8100002"):
        found = owner.get(f"/api/v1/registers/{register_id}/records", params={"reference": reference})
        assert found.status_code == 200, found.text
        (item,) = found.json()["items"]
        details[reference] = item["details"]
    omar, lina = details["8100001"], details["8100002"]
    assert omar["nationalities"] == ["SY"]
    documents = [(d["number"], d["issuing_country"]) for d in omar["documents"]]
    assert documents == [("N 009123", "SY"), ("K 77", None)]
    assert "issued 2010-02-01" in omar["remarks"]
    assert "Aleppo" in omar["remarks"]
    assert lina["nationalities"] == ["IR"]


def test_all_warnings_on_request_and_the_first_hundred_otherwise(runtime: Runtime, world: World) -> None:
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    rows = "".join(f"Person {n},{1950 + n % 50},Atlantis\n" for n in range(150))
    csv = ("full_name,date_of_birth,nationality\n" + rows).encode()
    url = f"/api/v1/registers/{world.registers['persons']}/import"
    some = owner.post(url, content=csv, params={"dry_run": "true"}).json()
    assert (some["warnings_total"], len(some["warnings"])) == (150, 100)
    assert some["left_out"] == {"nationality": 150}
    every = owner.post(url, content=csv, params={"dry_run": "true", "all_warnings": "true"}).json()
    assert len(every["warnings"]) == 150


WANTED = (("un-1", "Oksana Petrenko", "1990-02-14"), ("un-2", "Ivan Kovalenko", "1979-09-03"))
NOBODY_ABOARD = ("un-3", "Marta Hryhorenko", "1955-01-01")


def _push_two_travellers(world: World, runtime: Runtime) -> None:
    """PETRENKO and KOVALENKO booked on tomorrow's flight, pushed to NL-PIU before any list names them."""
    airline = Actor(fresh_client(runtime), token=world.machine_tokens["NL-PIU"])
    tomorrow = (utcnow() + timedelta(days=1)).replace(tzinfo=None, second=0, microsecond=0)
    leg = Leg("KL", "1012", "KBP", "AMS", tomorrow, tomorrow + timedelta(hours=3))
    travellers = (
        Traveller(
            surname="PETRENKO", given_names="OKSANA", reference="1", birth_date=PartialDate(1990, 2, 14)
        ),
        Traveller(surname="KOVALENKO", given_names="IVAN", reference="2", birth_date=PartialDate(1979, 9, 3)),
    )
    booking = Booking(
        record_locator="BULK01", record_locator_owner="KL", itinerary=(leg,), travellers=travellers
    )
    message = write_pnrgov(PnrMessage(sender="KL", reference="0700", flight=leg, bookings=(booking,)))
    pushed = airline.post(
        "/api/v1/messages", content=message, headers={"Content-Type": "application/edifact"}
    )
    assert pushed.status_code == 202, pushed.text


@contextmanager
def _traveller_fetches(runtime: Runtime) -> Iterator[list[str]]:
    """The statements that read the travellers table while the block runs."""
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if re.search(r"\bFROM travellers\b", statement):
            seen.append(statement)

    event.listen(runtime.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(runtime.engine, "before_cursor_execute", note)


def _register_changed_hits(runtime: Runtime) -> list[tuple[str, int]]:
    with runtime.sessions() as session:
        rows = session.execute(select(Hit.explanation, Hit.record_id).order_by(Hit.id)).all()
    return [(row[0]["rule"], row[1]) for row in rows if "register changed" in row[0].get("rule", "")]


def test_an_import_screens_its_entries_against_travellers_already_pushed(
    runtime: Runtime, world: World
) -> None:
    """As a single change does: the travellers pushed before the list arrived are caught,
    in one pass over them for the whole file (not one per entry)."""
    _push_two_travellers(world, runtime)
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    assert analyst.get("/api/v1/hits").json()["total"] == 0
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    url = f"/api/v1/registers/{world.registers['persons']}/import"
    body = _ftm(*WANTED, NOBODY_ABOARD)

    preview = owner.post(url, content=body, params={"shared_with": "NL-PIU", "dry_run": "true"})
    assert preview.json()["added"] == 3
    assert analyst.get("/api/v1/hits").json()["total"] == 0, "a dry run screens nothing"

    with _traveller_fetches(runtime) as fetched:
        done = owner.post(url, content=body, params={"shared_with": "NL-PIU"})
    assert done.status_code == 200, done.text
    assert len(fetched) == 1, "one fetch of the travellers for the three entries"
    found = analyst.get("/api/v1/hits").json()["items"]
    assert sorted(hit["traveller"]["surname"] for hit in found) == ["KOVALENKO", "PETRENKO"]
    assert all("register changed" in hit["rule"] for hit in found)

    again = owner.post(url, content=body, params={"shared_with": "NL-PIU"})
    assert again.json()["unchanged"] == 3
    assert len(_register_changed_hits(runtime)) == 2, "an unchanged entry raises nothing again"


def test_the_command_line_import_screens_too(runtime: Runtime, world: World) -> None:
    """`liaison registers import` calls this: it used to leave the travellers unscreened."""
    _push_two_travellers(world, runtime)
    report = register_changes.import_persons_named(
        runtime, "fr-ncb", "UN list", _ftm(*WANTED), shared_with=["NL-PIU"]
    )
    assert (report.added, len(report.changed_records)) == (2, 2)
    hits = _register_changed_hits(runtime)
    assert sorted(record for _, record in hits) == sorted(report.changed_records)
    analyst = Actor(fresh_client(runtime), username="analyst.nl")
    assert analyst.get("/api/v1/hits").json()["total"] == 2


def test_agency_codes_are_read_one_way_everywhere(runtime: Runtime, world: World) -> None:
    """Commas or spaces, on the API as on the page and the command line."""
    owner = Actor(fresh_client(runtime), username="liaison_officer.fr")
    url = f"/api/v1/registers/{world.registers['persons']}/import"
    shared = owner.post(url, content=_ftm(WANTED[0]), params={"shared_with": "nl-piu, BE-NCB"})
    assert shared.status_code == 200, shared.text
    with runtime.sessions() as session:
        record_id = session.scalar(select(Record.id).where(Record.reference == "un-1"))
    assert owner.get(f"/api/v1/records/{record_id}").json()["shared_with"] == ["BE-NCB", "NL-PIU"]
    too_long = owner.post(url, content=_ftm(WANTED[1]), params={"shared_with": "NL-PIU " + "X" * 33})
    assert too_long.status_code == 422
    assert "not an agency code" in too_long.json()["detail"]
