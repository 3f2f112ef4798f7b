"""Writing a generated demo world into the database.

Uses bulk INSERT … RETURNING (one statement per table, ids in parameter order)
rather than the unit of work: the demo holds about half a million rows, most
of them record shares, and object-by-object flushing took tens of seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from liaison.domain.cards import fingerprint_card
from liaison.domain.documents import document_number_key
from liaison.services.demo.world import Codes, DemoWorld
from liaison.services.identity import accounts
from liaison.store import schema
from liaison.store.types import utcnow


def _insert(session: Session, model: type[schema.Base], rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert rows, returning their new ids in the order given."""
    if not rows:
        return []
    primary_key = model.__table__.primary_key.columns.values()[0]  # type: ignore[attr-defined]
    statement = insert(model).returning(primary_key, sort_by_parameter_order=True)
    return list(session.scalars(statement, rows))


def _insert_plain(session: Session, model: type[schema.Base], rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(model), rows)


def _record_row(register_id: int, kind: Any, reference: str, codes: Codes) -> dict[str, Any]:
    now = utcnow()
    return {
        "register_id": register_id,
        "kind": kind,
        "reference": reference,
        "handling_code": codes.handling,
        "handling_restriction": codes.restriction,
        "source_reliability": codes.reliability,
        "information_accuracy": codes.accuracy,
        "valid_from": codes.valid_from,
        "created_at": now,
        "updated_at": now,
    }


def load_world(session: Session, world: DemoWorld, *, card_key: bytes, password: str) -> None:
    """Insert every agency, user, register, record, flight, booking and traveller."""
    agency_ids = dict(
        zip(
            (a.code for a in world.agencies),
            _insert(
                session,
                schema.Agency,
                [
                    {"code": a.code, "name": a.name, "country": a.country, "kind": a.kind}
                    for a in world.agencies
                ],
            ),
            strict=True,
        )
    )
    password_hash = accounts.hash_password(password)
    user_ids = _insert(
        session,
        schema.User,
        [
            {
                "agency_id": agency_ids[u.agency],
                "username": u.username,
                "display_name": u.display_name,
                "password_hash": password_hash,
                "locale": u.locale,
            }
            for u in world.users
        ],
    )
    _insert_plain(
        session,
        schema.UserRole,
        [
            {"user_id": uid, "role": role}
            for uid, u in zip(user_ids, world.users, strict=True)
            for role in sorted(u.roles)
        ],
    )
    register_ids = _insert(
        session,
        schema.Register,
        [
            {
                "owner_agency_id": agency_ids[r.owner],
                "kind": r.kind,
                "name": r.name,
                "description": r.description,
            }
            for r in world.registers
        ],
    )
    registers = {
        r.name + "@" + r.owner: (rid, r) for rid, r in zip(register_ids, world.registers, strict=True)
    }

    def records(entries: Sequence[Any]) -> list[int]:
        rows = []
        for entry in entries:
            register_id, register = registers[entry.register]
            rows.append(_record_row(register_id, register.kind, entry.reference, entry.codes))
        ids = _insert(session, schema.Record, rows)
        shares = [
            {"record_id": rid, "agency_id": agency_ids[code]}
            for rid, entry in zip(ids, entries, strict=True)
            for code in registers[entry.register][1].shared_with
        ]
        _insert_plain(session, schema.RecordShare, shares)
        return ids

    person_ids = records(world.persons)
    _insert_plain(
        session,
        schema.PersonRecord,
        [
            {
                "record_id": rid,
                "category": p.category,
                "gender": p.gender,
                "remarks": "",
            }
            for rid, p in zip(person_ids, world.persons, strict=True)
        ],
    )
    names: list[dict[str, Any]] = []
    nationalities: list[dict[str, Any]] = []
    person_documents: list[dict[str, Any]] = []
    for rid, person in zip(person_ids, world.persons, strict=True):
        for name in person.names:
            names.append(
                {
                    "record_id": rid,
                    "full_name": name.full_name,
                    "given_names": name.given_names,
                    "surname": name.surname,
                    "script": name.script,
                    "is_primary": name.is_primary,
                }
            )
        nationalities.extend({"record_id": rid, "country": c} for c in person.nationalities)
        person_documents.extend(
            {"record_id": rid, "document_type": kind, "number": number, "issuing_country": country}
            for kind, number, country in person.documents
        )
    _insert_plain(session, schema.PersonName, names)
    _insert_plain(
        session,
        schema.PersonBirthDate,
        [
            {"record_id": rid, "value": p.birth_date}
            for rid, p in zip(person_ids, world.persons, strict=True)
            if p.birth_date
        ],
    )
    _insert_plain(session, schema.PersonNationality, nationalities)
    _insert_plain(session, schema.PersonDocument, person_documents)

    document_ids = records(world.documents)
    _insert_plain(
        session,
        schema.DocumentRecord,
        [
            {
                "record_id": rid,
                "number": d.number,
                "number_key": document_number_key(d.number),
                "document_type": d.document_type,
                "issuing_country": d.issuing_country,
                "document_status": d.status,
                "reported_on": d.reported_on,
            }
            for rid, d in zip(document_ids, world.documents, strict=True)
        ],
    )
    card_ids = records(world.cards)
    card_rows = []
    for rid, card in zip(card_ids, world.cards, strict=True):
        fingerprint = fingerprint_card(card.number, card_key)
        card_rows.append(
            {
                "record_id": rid,
                "card_hash": fingerprint.card_hash,
                "bin": fingerprint.bin,
                "last_four": fingerprint.last_four,
                "scheme": card.scheme,
                "reported_on": card.reported_on,
            }
        )
    _insert_plain(session, schema.CardRecord, card_rows)
