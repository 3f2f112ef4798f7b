from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from liaison.domain.codes import AgencyKind
from liaison.domain.duties import clashes
from liaison.domain.errors import ConfigurationError
from liaison.services.demo import DemoResult, build_demo, demo_settings
from liaison.services.demo.world import DemoWorld, airports, generate_world
from liaison.services.operations import overview
from liaison.settings import Settings
from liaison.store import schema
from liaison.store.db import make_engine, session_factory
from tests.conftest import DEMO_DAY as DAY
from tests.conftest import DEMO_SCALE as SCALE


@pytest.fixture(scope="module")
def world() -> DemoWorld:
    return generate_world(DAY, scale=SCALE)


@pytest.fixture
def built(demo_built: tuple[Settings, DemoResult]) -> tuple[Settings, DemoResult]:
    return demo_built


def test_same_seed_same_world_other_seed_other_world(world: DemoWorld) -> None:
    assert generate_world(DAY, scale=SCALE) == world
    other = generate_world(DAY, seed=7, scale=SCALE)
    assert other.persons != world.persons


def test_agencies_of_the_seed_countries_a_hub_and_carriers(world: DemoWorld) -> None:
    codes = {a.code for a in world.agencies}
    assert {"FR-PIU", "NL-NCB", "BE-NCB", "DE-PIU", "IT-PIU", "ES-PIU", "GB-NCB", "TR-NCB", "EU-HUB"} <= codes
    kinds = Counter(a.kind for a in world.agencies)
    assert kinds[AgencyKind.HUB] == 1
    assert kinds[AgencyKind.CARRIER] >= 5
    assert 45 <= len(world.agencies) <= 60


def test_the_demo_people_keep_the_separation_of_duties(world: DemoWorld) -> None:
    assert len(world.users) >= 5
    assert [user.username for user in world.users if clashes(user.roles)] == []


def test_register_names_come_in_many_scripts(world: DemoWorld) -> None:
    scripts = Counter(name.script for person in world.persons for name in person.names)
    assert {"Latn", "Cyrl", "Arab", "Hani", "Grek", "Hang"} <= set(scripts)
    assert any(ch in "éèüöçñłşğ" for p in world.persons for n in p.names for ch in n.full_name.lower())
    assert len(world.persons) >= 2000 * SCALE


def test_flights_join_real_airports_on_the_day(world: DemoWorld) -> None:
    known = airports()
    assert len(world.flights) >= 100
    for flight in world.flights:
        assert flight.origin in known
        assert flight.destination in known
        assert flight.departure.date() == DAY
        assert flight.arrival > flight.departure


def test_planted_travellers_really_are_register_entries_under_other_spellings(world: DemoWorld) -> None:
    persons = {p.reference: p for p in world.persons}
    documents = {d.reference: d for d in world.documents}
    travellers = {(b.record_locator, t.reference): t for b in world.bookings for t in b.travellers}
    assert len(world.planted) >= 10
    respelled = 0
    for match in world.planted:
        traveller = travellers[(match.record_locator, match.traveller_reference)]
        if match.record_reference in documents:
            assert traveller.document_number == documents[match.record_reference].number
            continue
        person = persons[match.record_reference]
        register_spellings = {n.full_name.upper() for n in person.names}
        booked = f"{traveller.given_names} {traveller.surname}"
        respelled += booked not in register_spellings
        if person.birth_date:
            assert traveller.birth_date.startswith(person.birth_date[:4])
    planted_persons = sum(1 for match in world.planted if match.record_reference in persons)
    assert respelled >= planted_persons // 2, "most planted persons book under another spelling"


def test_demo_database_holds_the_world(built: tuple[Settings, DemoResult], world: DemoWorld) -> None:
    _settings, result = built
    assert result.counts["agencies"] == len(world.agencies)
    assert result.counts["persons"] == len(world.persons)
    # every traveller arrives twice: in the booking (PNRGOV) and on the manifest (PAXLST)
    assert result.counts["travellers"] == 2 * sum(len(b.travellers) for b in world.bookings)
    assert result.counts["messages"] == 2 * len({b.flights[0] for b in world.bookings})
    truth = json.loads(result.truth_file.read_text(encoding="utf-8"))
    assert len(truth) == len(world.planted)


def test_every_record_is_shared_and_owned(built: tuple[Settings, DemoResult]) -> None:
    settings, _result = built
    engine = make_engine(settings.effective_database_url)
    try:
        with session_factory(engine)() as session:
            unshared = session.scalar(
                select(func.count())
                .select_from(schema.Record)
                .where(
                    ~select(schema.RecordShare)
                    .where(schema.RecordShare.record_id == schema.Record.id)
                    .exists()
                )
            )
            assert unshared == 0
    finally:
        engine.dispose()


def test_card_numbers_are_never_stored_in_clear(built: tuple[Settings, DemoResult], world: DemoWorld) -> None:
    settings, _result = built
    stored = b"".join(path.read_bytes() for path in Path(settings.data_dir).glob("liaison.db*"))
    assert world.cards
    for card in world.cards:
        assert card.number.encode() not in stored
    engine = make_engine(settings.effective_database_url)
    try:
        with session_factory(engine)() as session:
            kept = {
                tuple(row)
                for row in session.execute(select(schema.CardRecord.bin, schema.CardRecord.last_four))
            }
    finally:
        engine.dispose()
    assert kept == {(card.number[:6], card.number[-4:]) for card in world.cards}


def test_demo_refuses_a_directory_with_other_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="did not make"):
        build_demo(demo_settings(tmp_path, Settings()), day=DAY)
    assert (tmp_path / "notes.txt").exists()


def test_screening_finds_the_planted_travellers(built: tuple[Settings, DemoResult], world: DemoWorld) -> None:
    settings, _result = built
    engine = make_engine(settings.effective_database_url)
    try:
        with session_factory(engine)() as session:
            found = set(
                session.execute(
                    select(schema.Booking.record_locator, schema.Record.reference)
                    .join(schema.Hit, schema.Hit.booking_id == schema.Booking.id)
                    .join(schema.Record, schema.Record.id == schema.Hit.record_id)
                ).all()
            )
    finally:
        engine.dispose()
    planted = {(match.record_locator, match.record_reference) for match in world.planted}
    caught = planted & {tuple(row) for row in found}
    assert len(caught) >= 0.9 * len(planted), (
        f"screening found {len(caught)} of {len(planted)} planted travellers"
    )


def test_the_first_page_counts_travellers_and_hits_per_flight(
    built: tuple[Settings, DemoResult], world: DemoWorld
) -> None:
    settings, result = built
    engine = make_engine(settings.effective_database_url)
    try:
        with session_factory(engine)() as session:
            flights = overview.flights_on(session, DAY)
    finally:
        engine.dispose()
    booked = sum(len(b.travellers) for b in world.bookings)
    assert sum(f.travellers for f in flights) >= booked, "each booked traveller counts on every leg"
    assert sum(f.hits for f in flights) >= result.counts["hits"] > 0
