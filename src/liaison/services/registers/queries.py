"""Hit / no-hit: any agency asks whether the registers shared with it know a
document, a card or a person. The answer names the owner, the register's kind, a hit
reference and what to do, never the owner's details, nor a score or how any attribute
compared (a graded answer gives the owner's values away to anyone who asks again with
other values); the owner is told of every hit, with who asked, why, the score and the
explanation."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any, NamedTuple, Protocol

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import Select, bindparam, insert, select
from sqlalchemy.orm import Session

from liaison.domain.cards import fingerprint_card, mask_card_numbers_in_text
from liaison.domain.codes import Gender, NotificationKind, RegisterKind
from liaison.domain.countries import country_code
from liaison.domain.dates import PartialDate
from liaison.domain.documents import document_number_key
from liaison.domain.errors import InvalidInput
from liaison.domain.permissions import Permission
from liaison.matching import DEFAULT_THRESHOLD
from liaison.matching import Record as MatchRecord
from liaison.services.identity import audit
from liaison.services.identity.principals import Principal
from liaison.services.registers.person_search import PersonIndexes, search_persons
from liaison.services.registers.redaction import query_instructions
from liaison.services.registers.visibility import visible_documents_by_key, visible_records, visible_to
from liaison.store import schema

MAX_BATCH = 1000
MAX_HITS_PER_ITEM = 5


def _iso_country(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return country_code(value)
    except InvalidInput as exc:
        raise ValueError(exc.message) from None


class DocumentQuery(BaseModel):
    number: str = Field(min_length=1, max_length=40)
    issuing_country: str | None = None

    _check_country = field_validator("issuing_country")(_iso_country)


class PersonQuery(BaseModel):
    name: str = Field(min_length=1, max_length=400, description="in any script and order")
    birth_date: str | None = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    nationality: str | None = None
    gender: Gender | None = None

    @field_validator("birth_date")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        if not value:
            return None
        try:
            return PartialDate.parse(value).isoformat()
        except InvalidInput as exc:
            raise ValueError(exc.message) from None

    _check_country = field_validator("nationality")(_iso_country)


class CardQuery(BaseModel):
    number: str = Field(min_length=12, max_length=23)


class HitReference(BaseModel):
    """A hit as the asker reads it: no score and no explanation until the owner releases
    the details (then `GET /api/v1/query-hits/{query_hit_id}` shows them)."""

    query_hit_id: int = Field(description="quote it to ask the owner for the details")
    owner: str = Field(description="the owner agency's code: the agency to contact")
    register_kind: RegisterKind
    what_to_do: str = Field(description="the next step: ask the owner for the details before acting")


class QueryAnswer(BaseModel):
    index: int = Field(description="position of the item in the request")
    hit: bool
    hits: list[HitReference]


class BatchAnswer(BaseModel):
    batch: str
    answers: list[QueryAnswer]


class RecordRef(Protocol):
    """What a hit / no-hit answer needs of a record: its id and the owner's reference."""

    @property
    def id(self) -> int: ...

    @property
    def reference(self) -> str: ...


class FoundRecord(NamedTuple):
    """A record found by a Core lookup (documents, cards), with its owner."""

    id: int
    reference: str
    owner_id: int
    owner_code: str


class Matched(NamedTuple):
    """A record that answers a query item, how well, and why (kept with the query hit)."""

    record: RecordRef
    score: float
    explanation: dict[str, Any]


CARD_EXPLANATION: dict[str, Any] = {
    "kind": "card",
    "rule": "the card number's keyed hash matches a compromised card",
    "evidence": [{"attribute": "card_number", "outcome": "agree"}],
}


def _document_explanation(item: DocumentQuery) -> dict[str, Any]:
    return {
        "kind": "document",
        "rule": "the document number matches a stolen, lost or invalidated document",
        "evidence": [
            {"attribute": "document_number", "outcome": "agree", "query": item.number},
            {
                "attribute": "issuing_country",
                "outcome": "agree" if item.issuing_country else "missing",
                "query": item.issuing_country,
            },
        ],
    }


# The hit / no-hit lookups read columns, not ORM objects: loading a Record per
# row cost more than the database's work (bench/api.py). Each row is a
# FoundRecord's fields, then what the items are matched on.
_FOUND_COLUMNS = (schema.Record.id, schema.Record.reference, schema.Agency.id, schema.Agency.code)


@cache
def _documents_by_key() -> Select[int, str, int, str, str, str]:
    return (
        visible_documents_by_key()
        .join(schema.Agency, schema.Agency.id == schema.Register.owner_agency_id)
        .with_only_columns(
            *_FOUND_COLUMNS, schema.DocumentRecord.number_key, schema.DocumentRecord.issuing_country
        )
    )


@cache
def _cards_by_hash() -> Select[int, str, int, str, str]:
    return (
        visible_records(RegisterKind.CARDS)
        .join(schema.CardRecord, schema.CardRecord.record_id == schema.Record.id)
        .where(schema.CardRecord.card_hash.in_(bindparam("hashes", expanding=True)))
        .join(schema.Agency, schema.Agency.id == schema.Register.owner_agency_id)
        .with_only_columns(*_FOUND_COLUMNS, schema.CardRecord.card_hash)
    )


def _require_purpose(purpose: str) -> str:
    purpose = mask_card_numbers_in_text(purpose.strip())
    if len(purpose) < 5:
        raise InvalidInput("purpose: state why you are asking (at least a few words)")
    return purpose


def _check_batch(items: Sequence[object]) -> None:
    if not items:
        raise InvalidInput("items: give at least one item")
    if len(items) > MAX_BATCH:
        raise InvalidInput(f"items: at most {MAX_BATCH} in one call")


def query_documents(
    session: Session, principal: Principal, items: list[DocumentQuery], purpose: str
) -> BatchAnswer:
    principal.require(Permission.QUERY)
    purpose = _require_purpose(purpose)
    _check_batch(items)
    keys = {document_number_key(item.number) for item in items}
    rows = (
        session.connection()
        .execute(_documents_by_key(), visible_to(principal.agency_id, keys=sorted(keys)))
        .all()
    )
    candidates = [
        (FoundRecord(record_id, reference, owner_id, owner_code), number_key, country)
        for record_id, reference, owner_id, owner_code, number_key, country in rows
    ]
    matches: list[list[Matched]] = []
    for item in items:
        key = document_number_key(item.number)
        matches.append(
            [
                Matched(record, 1.0, _document_explanation(item))
                for record, number_key, country in candidates
                if number_key == key and (item.issuing_country is None or item.issuing_country == country)
            ]
        )
    terms = [item.model_dump() for item in items]
    return _answer(
        session, principal, RegisterKind.DOCUMENTS, purpose, terms, matches, _owners(c[0] for c in candidates)
    )


def query_persons(
    session: Session,
    principal: Principal,
    items: list[PersonQuery],
    purpose: str,
    indexes: PersonIndexes,
    threshold: float = DEFAULT_THRESHOLD,
) -> BatchAnswer:
    """Persons by name (any script or spelling), birth date and nationality, through
    the matching engine; only records shared with the agency (or its own) can answer."""
    principal.require(Permission.QUERY)
    purpose = _require_purpose(purpose)
    _check_batch(items)
    prepared = [
        MatchRecord.of(
            item.name,
            birth_date=item.birth_date,
            nationality=item.nationality,
            gender=item.gender.value if item.gender and item.gender is not Gender.UNKNOWN else None,
        ).prepared
        for item in items
    ]
    found = search_persons(
        session, indexes, principal.agency_id, prepared, threshold=threshold, top_k=MAX_HITS_PER_ITEM
    )
    matches = [
        [Matched(hit.record, hit.match.score, hit.match.explanation.to_dict()) for hit in hits]
        for hits in found
    ]
    terms = [item.model_dump(mode="json") for item in items]
    return _answer(session, principal, RegisterKind.PERSONS, purpose, terms, matches)


def query_cards(
    session: Session, principal: Principal, items: list[CardQuery], purpose: str, card_key: bytes
) -> BatchAnswer:
    principal.require(Permission.QUERY)
    purpose = _require_purpose(purpose)
    _check_batch(items)
    fingerprints = []
    for index, item in enumerate(items):
        try:
            fingerprints.append(fingerprint_card(item.number, card_key))
        except InvalidInput as exc:
            raise InvalidInput(
                f"items[{index}].number: {exc.message.removeprefix('card number: ')}"
            ) from None
    hashes = {f.card_hash for f in fingerprints}
    rows = (
        session.connection()
        .execute(_cards_by_hash(), visible_to(principal.agency_id, hashes=sorted(hashes)))
        .all()
    )
    candidates = [
        (FoundRecord(record_id, reference, owner_id, owner_code), card_hash)
        for record_id, reference, owner_id, owner_code, card_hash in rows
    ]
    matches = [
        [
            Matched(record, 1.0, CARD_EXPLANATION)
            for record, card_hash in candidates
            if card_hash == f.card_hash
        ]
        for f in fingerprints
    ]
    # The query log keeps what a card record keeps: never the clear number.
    terms = [{"masked_number": f.masked, "card_hash": f.card_hash} for f in fingerprints]
    return _answer(
        session, principal, RegisterKind.CARDS, purpose, terms, matches, _owners(c[0] for c in candidates)
    )


def _owners(found: Iterable[FoundRecord]) -> dict[int, tuple[int, str]]:
    return {record.id: (record.owner_id, record.owner_code) for record in found}


# Core statements on the mapped tables, built once: every query writes them, and
# the ORM's bulk-insert path cost more than the database's work (bench/api.py).
_QUERIES = schema.table_of(schema.RegisterQuery)
_HITS = schema.table_of(schema.QueryHit)
_INSERT_QUERIES = insert(_QUERIES).returning(_QUERIES.c.id, sort_by_parameter_order=True)
_INSERT_HITS = insert(_HITS).returning(_HITS.c.id, sort_by_parameter_order=True)
_INSERT_NOTIFICATIONS = insert(schema.table_of(schema.Notification))


def _answer(
    session: Session,
    principal: Principal,
    kind: RegisterKind,
    purpose: str,
    terms: list[dict[str, Any]],
    matches: list[list[Matched]],
    owners: dict[int, tuple[int, str]] | None = None,
) -> BatchAnswer:
    """Log each query, its hits and the owners' notifications; answer hit / no hit.

    `owners` maps record ids to their owner agency (id, code) when the caller
    read them with the records. Written in a few batched statements whatever the batch size (queries, then
    hits, then notifications), not one ORM object each."""
    batch = str(uuid.uuid4())
    # An item's hits are kept (and so numbered and answered) in record order, not by
    # score: the order of several hits must not rank them for the asker.
    matches = [sorted(found, key=lambda match: match.record.id) for found in matches]
    if owners is None:
        owners = _owner_ids(session, [match.record for found in matches for match in found])
    connection = session.connection()
    query_ids = list(
        connection.execute(
            _INSERT_QUERIES,
            [
                {
                    "agency_id": principal.agency_id,
                    "user_id": principal.user_id,
                    "machine_client_id": principal.machine_client_id,
                    "batch": batch,
                    "kind": kind,
                    "purpose": purpose,
                    "terms": term,
                    "hit_count": len(found),
                }
                for term, found in zip(terms, matches, strict=True)
            ],
        ).scalars()
    )
    found_hits = [
        (index, query_id, match.record, match.score, match.explanation)
        for index, (query_id, found) in enumerate(zip(query_ids, matches, strict=True))
        for match in found
    ]
    hit_ids: list[int] = []
    if found_hits:
        hit_ids = list(
            connection.execute(
                _INSERT_HITS,
                [
                    {
                        "query_id": query_id,
                        "record_id": record.id,
                        "owner_agency_id": owners[record.id][0],
                        "score": score,
                        "explanation": explanation,
                    }
                    for _, query_id, record, score, explanation in found_hits
                ],
            ).scalars()
        )
    references: list[list[HitReference]] = [[] for _ in terms]
    notifications = []
    for hit_id, (index, _, record, score, explanation) in zip(hit_ids, found_hits, strict=True):
        owner_id, owner_code = owners[record.id]
        references[index].append(
            HitReference(
                query_hit_id=hit_id,
                owner=owner_code,
                register_kind=kind,
                what_to_do=query_instructions(owner_code, hit_id),
            )
        )
        if owner_id != principal.agency_id:
            notifications.append(
                {
                    "agency_id": owner_id,
                    "kind": NotificationKind.HIT_ON_RECORD,
                    "payload": {
                        "query_hit_id": hit_id,
                        "record_id": record.id,
                        "record_reference": record.reference,
                        "asked_by_agency": principal.agency_code,
                        "asked_by": principal.name,
                        "purpose": purpose,
                        # The owner's own record: the owner reads how it compared.
                        "score": round(score, 4),
                        "explanation": explanation,
                    },
                }
            )
    if notifications:
        connection.execute(_INSERT_NOTIFICATIONS, notifications)
    answers = [
        QueryAnswer(index=index, hit=bool(found), hits=references[index])
        for index, found in enumerate(matches)
    ]
    audit.record(
        session,
        "register_queried",
        principal=principal,
        object_type="query_batch",
        object_id=batch,
        purpose=purpose,
        detail={"kind": kind.value, "items": len(terms), "hits": sum(len(m) for m in matches)},
    )
    return BatchAnswer(batch=batch, answers=answers)


_OWNERS = (
    select(schema.Record.id, schema.Agency.id, schema.Agency.code)
    .join(schema.Register, schema.Register.id == schema.Record.register_id)
    .join(schema.Agency, schema.Agency.id == schema.Register.owner_agency_id)
    .where(schema.Record.id.in_(bindparam("ids", expanding=True)))
)


def _owner_ids(session: Session, records: list[RecordRef]) -> dict[int, tuple[int, str]]:
    if not records:
        return {}
    rows = session.execute(_OWNERS, {"ids": sorted({r.id for r in records})}).all()
    return {record_id: (agency_id, code) for record_id, agency_id, code in rows}
