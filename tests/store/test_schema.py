from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session

from liaison.domain.codes import (
    AgencyKind,
    HandlingCode,
    InformationAccuracy,
    MessageStatus,
    PersonCategory,
    RegisterKind,
    SourceReliability,
)
from liaison.store.schema import (
    Agency,
    AuditEvent,
    Hit,
    InboundMessage,
    PersonBirthDate,
    PersonName,
    PersonRecord,
    Record,
    RecordShare,
    Register,
    Traveller,
    TravellerIdentity,
)


def _register(db: Session) -> tuple[Agency, Register]:
    owner = Agency(code="FR-NCB", name="NCB Paris", country="FR", kind=AgencyKind.NATIONAL_CENTRAL_BUREAU)
    register = Register(owner=owner, kind=RegisterKind.PERSONS, name="Wanted persons")
    db.add(register)
    db.flush()
    return owner, register


def _record(register: Register, **overrides: object) -> Record:
    values: dict[str, object] = {
        "register": register,
        "kind": RegisterKind.PERSONS,
        "reference": "FR-P-1",
        "handling_code": HandlingCode.H1,
        "source_reliability": SourceReliability.B,
        "information_accuracy": InformationAccuracy.KNOWN_TO_SOURCE,
        "valid_from": date(2024, 1, 1),
    }
    values.update(overrides)
    return Record(**values)


def test_person_record_in_several_scripts_with_sharing(db: Session) -> None:
    owner, register = _register(db)
    partner = Agency(
        code="NL-PIU", name="PIU Netherlands", country="NL", kind=AgencyKind.PASSENGER_INFORMATION_UNIT
    )
    db.add(partner)
    db.flush()
    record = _record(register)
    record.person = PersonRecord(
        category=PersonCategory.FOREIGN_TERRORIST_FIGHTER,
        birth_dates=[PersonBirthDate(value="1985"), PersonBirthDate(value="1986-02")],
        names=[
            PersonName(full_name="Магомед Абдурахманов", script="Cyrl", is_primary=True),
            PersonName(full_name="ABDURAKHMANOV, Magomed", surname="Abdurakhmanov", given_names="Magomed"),
        ],
    )
    record.shares = [RecordShare(agency_id=partner.id)]
    db.add(record)
    db.flush()
    db.expire_all()
    loaded = db.scalars(select(Record).where(Record.reference == "FR-P-1")).one()
    assert loaded.person is not None
    assert [n.full_name for n in loaded.person.names] == ["Магомед Абдурахманов", "ABDURAKHMANOV, Magomed"]
    assert [b.value for b in loaded.person.birth_dates] == ["1985", "1986-02"]
    assert [s.agency_id for s in loaded.shares] == [partner.id]
    assert loaded.register.owner.code == owner.code


def test_h3_needs_its_restriction_in_words(db: Session) -> None:
    _owner, register = _register(db)
    db.add(_record(register, handling_code=HandlingCode.H3, handling_restriction=None))
    with pytest.raises(IntegrityError):
        db.flush()


def test_codes_outside_the_vocabulary_are_refused_by_the_database(db: Session) -> None:
    _owner, register = _register(db)
    db.add(_record(register))
    db.flush()
    with pytest.raises(IntegrityError):
        db.execute(text("UPDATE records SET handling_code = 'H9'"))


def test_codes_outside_the_vocabulary_are_refused_before_the_database(db: Session) -> None:
    _owner, register = _register(db)
    db.add(_record(register, handling_code="H7"))
    with pytest.raises(StatementError):
        db.flush()


def test_timestamps_come_back_in_utc(db: Session) -> None:
    paris = timezone(timedelta(hours=1))
    event = AuditEvent(action="login", at=datetime(2026, 3, 1, 10, 0, tzinfo=paris))
    db.add(event)
    db.flush()
    db.expire_all()
    loaded = db.get(AuditEvent, event.id)
    assert loaded is not None
    assert loaded.at == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    assert loaded.at.tzinfo is not None


def test_naive_timestamps_are_refused(db: Session) -> None:
    db.add(AuditEvent(action="login", at=datetime(2026, 3, 1, 10, 0)))
    with pytest.raises(StatementError, match="naive datetime"):
        db.flush()


def test_a_hit_needs_a_reason_and_a_score_in_range(db: Session) -> None:
    owner, _ = _register(db)
    traveller = Traveller(receiving_agency_id=owner.id)
    db.add(traveller)
    db.flush()
    db.add(Hit(agency_id=owner.id, traveller_id=traveller.id, score=0.9, explanation={}))
    with pytest.raises(IntegrityError):
        db.flush()
    db.rollback()


def test_identity_can_be_removed_without_touching_the_traveller(db: Session) -> None:
    owner, _ = _register(db)
    traveller = Traveller(
        receiving_agency_id=owner.id,
        identity=TravellerIdentity(surname="DUPONT", given_names="JEAN", birth_date="1970-01-02"),
    )
    db.add(traveller)
    db.flush()
    traveller.identity = None
    traveller.depersonalised_at = datetime.now(UTC)
    db.flush()
    db.expire_all()
    assert db.scalar(select(TravellerIdentity)) is None
    kept = db.get(Traveller, traveller.id)
    assert kept is not None
    assert kept.depersonalised_at is not None


def test_waiting_messages_are_found_through_an_index(db: Session) -> None:
    """The next push and the workers' sweep look for messages still `received`:
    on SQLite the plan must use the status index, not read every message."""
    if db.get_bind().dialect.name != "sqlite":
        pytest.skip("the plan is checked on SQLite")
    pending = (
        select(InboundMessage.id)
        .where(InboundMessage.status == MessageStatus.RECEIVED)
        .order_by(InboundMessage.id)
        .limit(1)
    )
    compiled = pending.compile(db.get_bind(), compile_kwargs={"literal_binds": True})
    plan = " ".join(str(row[-1]) for row in db.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert "ix_inbound_messages_status_id" in plan, plan
