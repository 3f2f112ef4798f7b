from __future__ import annotations

import hashlib
from datetime import datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import (
    JSON,
    Connection,
    DateTime,
    Float,
    Integer,
    String,
    column,
    inspect,
    select,
    table,
    text,
)
from sqlalchemy.exc import DBAPIError

from liaison.domain.errors import DatabaseTooNew
from liaison.store import migrate
from liaison.store.db import make_engine
from liaison.store.schema import Base


def test_migrations_apply_from_empty_and_reverse(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        assert migrate.current_revision(engine) is None
        migrate.upgrade(engine)
        assert migrate.is_current(engine)
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        migrate.downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        migrate.upgrade(engine)
        assert migrate.is_current(engine)
    finally:
        engine.dispose()


def test_migrated_schema_matches_the_models(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_name": migrate.include_name}
            )
            differences = compare_metadata(context, Base.metadata)
        assert differences == []
    finally:
        engine.dispose()


def test_a_database_from_a_newer_version_is_refused(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine)
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = 'f00dfeed'"))
        with pytest.raises(DatabaseTooNew, match="newer version"):
            migrate.upgrade(engine)
    finally:
        engine.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: object) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/wal.db")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        engine.dispose()


def _insert_person_record_of_agency_1(connection: Connection, *, agency: bool = True) -> None:
    """Agency 1 (unless it is there already), its register 1 of persons and its record 1,
    written as the early migrations left them; the person's own row is the test's."""
    if agency:
        connection.execute(
            text(
                "INSERT INTO agencies (id, code, name, country, kind, created_at) "
                "VALUES (1, 'FR-NCB', 'NCB', 'FR', 'ncb', CURRENT_TIMESTAMP)"
            )
        )
    connection.execute(
        text(
            "INSERT INTO registers (id, owner_agency_id, kind, name, description, created_at) "
            "VALUES (1, 1, 'persons', 'Wanted', '', CURRENT_TIMESTAMP)"
        )
    )
    connection.execute(
        text(
            "INSERT INTO records (id, register_id, kind, reference, status, handling_code, "
            "source_reliability, information_accuracy, valid_from, created_at, updated_at) "
            "VALUES (1, 1, 'persons', 'R1', 'active', 'H0', 'B', '2', '2024-01-01', "
            "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        )
    )


def test_birth_dates_survive_the_move_to_their_own_table(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine, "0001")
        with engine.begin() as connection:
            _insert_person_record_of_agency_1(connection)
            connection.execute(
                text(
                    "INSERT INTO person_records (record_id, category, birth_date, gender, remarks) "
                    "VALUES (1, 'wanted', '1979-04', 'M', '')"
                )
            )
        migrate.upgrade(engine)
        with engine.connect() as connection:
            moved = connection.execute(text("SELECT value FROM person_birth_dates")).scalars().all()
        assert moved == ["1979-04"]
        migrate.downgrade(engine, "0001")
        with engine.connect() as connection:
            assert connection.execute(text("SELECT birth_date FROM person_records")).scalar() == "1979-04"
    finally:
        engine.dispose()


def test_tokens_issued_without_expiry_get_one(database_url: str) -> None:
    """Migration 0009: every token expires; old ones get the longest validity allowed."""
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine, "0008")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO agencies (id, code, name, country, kind, created_at) "
                    "VALUES (1, 'XX-PIU', 'PIU', 'FR', 'piu', '2026-01-01 00:00:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO machine_clients (id, agency_id, name, active, created_at) "
                    "VALUES (1, 1, 'gateway', true, '2026-01-01 00:00:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO api_tokens (machine_client_id, name, token_hash, token_prefix, scopes, "
                    "created_at) VALUES (1, 'old', 'h', 'lsn_', '[]', '2026-01-01 00:00:00')"
                )
            )
        migrate.upgrade(engine)
        with engine.connect() as connection:
            missing = connection.execute(text("SELECT count(*) FROM api_tokens WHERE expires_at IS NULL"))
            assert missing.scalar() == 0
            assert connection.execute(text("SELECT count(*) FROM api_tokens")).scalar() == 1
        with pytest.raises(DBAPIError), engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO api_tokens (machine_client_id, name, token_hash, token_prefix, scopes, "
                    "created_at) VALUES (1, 'new', 'h2', 'lsn_', '[]', '2026-01-01 00:00:00')"
                )
            )
    finally:
        engine.dispose()


def test_rules_already_in_force_on_another_agencys_passengers_are_asked_again(database_url: str) -> None:
    """Before 0010 a rule scoped to another agency ran there without its consent:
    the migration leaves each such agency a pending request, not an acceptance."""
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine, "0008")
        with engine.begin() as connection:
            for id_, code in ((1, "FR-NCB"), (2, "NL-PIU"), (3, "BE-NCB")):
                connection.execute(
                    text(
                        "INSERT INTO agencies (id, code, name, country, kind, created_at) "
                        f"VALUES ({id_}, '{code}', '{code}', '{code[:2]}', 'ncb', CURRENT_TIMESTAMP)"
                    )
                )
            connection.execute(
                text("INSERT INTO risk_rules (id, agency_id, created_at) VALUES (1, 1, CURRENT_TIMESTAMP)")
            )
            for id_, status, scope in (
                (1, "retired", '{"agencies": ["BE-NCB"]}'),
                (2, "active", '{"airports": [], "flights": [], "agencies": ["FR-NCB", "NL-PIU"]}'),
            ):
                connection.execute(
                    text(
                        "INSERT INTO risk_rule_versions (id, rule_id, version, name, description, "
                        "definition, lists, status, created_at, scope) VALUES "
                        "(:id, 1, :id, 'r', 'd', '{}', '{}', :status, CURRENT_TIMESTAMP, :scope)"
                    ),
                    {"id": id_, "status": status, "scope": scope},
                )
        migrate.upgrade(engine)
        with engine.connect() as connection:
            asked = connection.execute(
                text("SELECT version_id, agency_id, status FROM risk_rule_acceptances")
            ).all()
        assert [tuple(row) for row in asked] == [(2, 2, "pending")], "only NL, for the version in force"
    finally:
        engine.dispose()


def test_card_numbers_kept_before_reader_driven_masking_are_masked(database_url: str) -> None:
    """Migration 0012: a raw message the old byte pattern missed (other UNA separators)
    and free text that was not masked at all lose their clear card numbers; the
    message's size and digest follow its masked body."""
    clear = "4012888888881881"
    body = (
        "UNA:*.? 'UNB*IATA:1*DL**101209:2100*1'UNH*1*PNRGOV:11:1:IA'SRC'RCI*KL:CARD01'"
        f"FOP*CC:::VI:{clear}:1228'TIF*MOREAU*LUC::1'UNT*6*1'UNZ*1*1'"
    ).encode()
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine, "0011")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO agencies (id, code, name, country, kind, created_at) "
                    "VALUES (1, 'FR-PIU', 'PIU', 'FR', 'piu', CURRENT_TIMESTAMP)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO inbound_messages (id, sender_agency_id, body, size, sha256, received_at, "
                    "status, error, attempts) VALUES (1, 1, :body, :size, 'old', CURRENT_TIMESTAMP, "
                    "'processed', :error, 0)"
                ),
                {"body": body, "size": len(body), "error": f"partly read: card {clear} unreadable"},
            )
            _insert_person_record_of_agency_1(connection, agency=False)
            connection.execute(
                text(
                    "INSERT INTO person_records (record_id, category, gender, remarks) "
                    "VALUES (1, 'wanted', 'M', :remarks)"
                ),
                {"remarks": f"paid with {clear[:4]} {clear[4:8]} {clear[8:12]} {clear[12:]}"},
            )
        migrate.upgrade(engine)
        with engine.connect() as connection:
            stored, size, digest, error = connection.execute(
                text("SELECT body, size, sha256, error FROM inbound_messages")
            ).one()
            remarks = connection.execute(text("SELECT remarks FROM person_records")).scalar_one()
        stored = bytes(stored)
        assert clear.encode() not in stored
        assert b"401288" in stored
        assert b"1881" in stored
        assert (size, digest) == (len(stored), hashlib.sha256(stored).hexdigest())
        assert clear not in error
        assert clear[:6] in error
        assert clear not in remarks.replace(" ", "")
        assert remarks.startswith("paid with 4012")
    finally:
        engine.dispose()


def test_messages_read_in_part_or_with_warnings_get_the_status_their_note_states(database_url: str) -> None:
    """Migration 0013: a message stored as processed with a note saying it was read in
    part, or with warnings, gets the status that says so and the warnings the note lists
    (split as they were joined; a list cut at the old limit of 20 says so); one read as
    sent stays processed; the way back returns them all to processed."""
    cut = [f"PNR AB{n:04}: segment TIF element 2: control characters removed" for n in range(20)]
    notes = {
        1: "partly read: message 1 segment TVL #9: PNR KO0001: departure: not a date; message 2 refused"
        " | warnings: UNT says 9 segments, the message has 8",
        2: "warnings: UNT says 135 segments, the message has 134; segment TIF element 2: control characters"
        " removed",
        3: None,
        4: "warnings: " + "; ".join(cut),
    }
    messages = table("inbound_messages", column("id", Integer()), column("warnings", JSON()))
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine, "0012")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO agencies (id, code, name, country, kind, created_at) "
                    "VALUES (1, 'FR-PIU', 'PIU', 'FR', 'piu', CURRENT_TIMESTAMP)"
                )
            )
            for id_, note in notes.items():
                connection.execute(
                    text(
                        "INSERT INTO inbound_messages (id, sender_agency_id, body, size, sha256, "
                        "received_at, status, error, attempts) VALUES (:id, 1, :body, 4, :digest, "
                        "CURRENT_TIMESTAMP, 'processed', :error, 0)"
                    ),
                    {"id": id_, "body": b"UNA:", "digest": f"d{id_}", "error": note},
                )
        migrate.upgrade(engine)
        query = text("SELECT id, status FROM inbound_messages ORDER BY id")
        with engine.connect() as connection:
            assert connection.execute(query).all() == [
                (1, "partly_read"),
                (2, "read_with_warnings"),
                (3, "processed"),
                (4, "read_with_warnings"),
            ]
        with engine.connect() as connection:
            rows = connection.execute(select(messages.c.id, messages.c.warnings))
            listed = {row.id: row.warnings for row in rows}
        assert listed[1] == ["UNT says 9 segments, the message has 8"]
        assert listed[2] == [
            "UNT says 135 segments, the message has 134",
            "segment TIF element 2: control characters removed",
        ]
        assert listed[3] is None
        assert listed[4] == [*cut, "only the first 20 warnings were kept when this message was read"]
        migrate.downgrade(engine, "0012")
        with engine.connect() as connection:
            assert [status for _, status in connection.execute(query)] == ["processed"] * 4
    finally:
        engine.dispose()


def test_stored_hits_are_graded_from_their_explanation(database_url: str) -> None:
    """Migration 0014: each stored hit gets the priority screening now gives a new one,
    read from its explanation (a person match from its names and evidence, a travel
    document as a document agreeing); a risk-rule hit and an unreadable explanation
    keep none; the way back drops the columns."""
    from liaison.matching import Record, score
    from liaison.matching.priority import assess

    corroborated = score(
        Record(names=("Xelvorin Quadrabeth",), birth_dates=("1971-03-09",)),
        Record(names=("Xelvorin Quadrabeth",), birth_dates=("1971-03-09",)),
    ).explanation
    common = score(Record(names=("John Smith",)), Record(names=("Jon Smith",))).explanation
    explanations = {
        1: {"kind": "person", "rule": "register person matched", **corroborated.to_dict()},
        2: {"kind": "person", "rule": "register person matched", **common.to_dict(),
            "updated": {"at": "2026-12-01T10:00:00", "previous_score": 0.8}},
        3: {"kind": "document", "rule": "travel document reported stolen", "score": 1.0},
        4: {"kind": "rule", "rule": "One-way trips", "score": 1.0},
        5: {"kind": "person", "name": {"query_name": "cut short"}},
    }  # fmt: skip
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine, "0013")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO agencies (id, code, name, country, kind, created_at) "
                    "VALUES (1, 'FR-PIU', 'PIU', 'FR', 'piu', CURRENT_TIMESTAMP)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO bookings (id, receiving_agency_id, carrier, record_locator, "
                    "first_received_at, last_received_at) "
                    "VALUES (1, 1, 'AF', 'ABC123', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                )
            )
            hits = table(
                "hits",
                column("id", Integer()),
                column("agency_id", Integer()),
                column("booking_id", Integer()),
                column("rule_ref", String()),
                column("subject_key", String()),
                column("score", Float()),
                column("explanation", JSON()),
                column("status", String()),
                column("created_at", DateTime()),
            )
            connection.execute(
                hits.insert(),
                [
                    {"id": id_, "agency_id": 1, "booking_id": 1, "rule_ref": f"rule:{id_}",
                     "subject_key": f"pnr:1:{id_}", "score": 0.9, "explanation": explanation,
                     "status": "new", "created_at": datetime(2026, 12, 1, 10, 0)}
                    for id_, explanation in explanations.items()
                ],
            )  # fmt: skip
        migrate.upgrade(engine)
        query = text("SELECT id, priority, priority_reason FROM hits ORDER BY id")
        with engine.connect() as connection:
            graded = connection.execute(query).all()
        assert graded == [
            (1, 2, assess(corroborated).reason),
            (2, 4, "common name, nothing else agrees"),
            (3, 1, "document number agrees"),
            (4, None, None),
            (5, None, None),
        ]
        assert assess(corroborated).reason == "rare name, birth date agrees"
        migrate.downgrade(engine, "0013")
        assert "priority" not in {c["name"] for c in inspect(engine).get_columns("hits")}
    finally:
        engine.dispose()
