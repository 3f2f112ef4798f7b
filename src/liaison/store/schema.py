"""The relational schema (SQLAlchemy 2 declarative), identical on SQLite and PostgreSQL.

Identifying passenger data (names, birth dates, documents) lives in tables of
its own, keyed by the traveller, so that depersonalisation after the retention
period can delete or mask those rows without touching bookings, flights or hits.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from liaison.domain.codes import (
    AgencyKind,
    DetailRequestStatus,
    DocumentStatus,
    FieldOutcome,
    Gender,
    HandlingCode,
    HitStatus,
    InformationAccuracy,
    ListKind,
    MessageFormat,
    MessageStatus,
    NotificationKind,
    PersonCategory,
    RecordStatus,
    RegisterKind,
    Role,
    RuleAcceptance,
    RuleStatus,
    SourceReliability,
    TravellerRole,
)
from liaison.domain.exchange import (
    CaseStatus,
    CrimeArea,
    EntityKind,
    MessageKind,
    RequestStatus,
    Urgency,
)
from liaison.store.types import UTCDateTime, code_enum, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
    }


def table_of(model: type[Base]) -> Table:
    """A mapped class's Table, typed as one: for Core statements on hot paths,
    where the ORM's execution costs more than the database's work."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


# --- agencies and identities -------------------------------------------------


class Agency(Base):
    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2), comment="ISO 3166-1 alpha-2")
    kind: Mapped[AgencyKind] = mapped_column(code_enum(AgencyKind, "agency_kind"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    users: Mapped[list[User]] = relationship(back_populates="agency")
    registers: Mapped[list[Register]] = relationship(back_populates="owner")


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str] = mapped_column(String(8), default="en")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    agency: Mapped[Agency] = relationship(back_populates="users")
    roles: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan")

    @property
    def role_set(self) -> frozenset[Role]:
        return frozenset(grant.role for grant in self.roles)


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[Role] = mapped_column(code_enum(Role, "role"), primary_key=True)


class MachineClient(Base):
    """A system that pushes data (an airline's departure control, a carrier's gateway)."""

    __tablename__ = "machine_clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    agency: Mapped[Agency] = relationship()


class ApiToken(Base):
    """A bearer token for a script (acting as a user) or a machine client.

    Only a hash is stored; the token is shown once. Scopes narrow, never widen,
    what the holder may do; a revoked or expired token is refused.
    """

    __tablename__ = "api_tokens"
    __table_args__ = (CheckConstraint("(user_id IS NULL) <> (machine_client_id IS NULL)", name="one_holder"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    machine_client_id: Mapped[int | None] = mapped_column(
        ForeignKey("machine_clients.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    token_prefix: Mapped[str] = mapped_column(String(16), comment="first characters, to recognise a token")
    scopes: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(comment="every token expires (migration 0009)")
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]

    user: Mapped[User | None] = relationship()
    machine_client: Mapped[MachineClient | None] = relationship()


class UserSession(Base):
    """A signed-in session. The cookie carries only a random id, whose hash is kept
    here, so a session can be ended on the server: at logout, when the password
    changes, when the user is suspended, when idle too long, and at the end of an
    absolute lifetime however busy it is."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow, comment="written every few minutes")
    expires_at: Mapped[datetime] = mapped_column(comment="the absolute end, whatever the activity")
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(String(32))


class LoginAttempt(Base):
    """Sign-in attempts, kept to slow down password guessing across all processes."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_username_at", "username", "at"),
        Index("ix_login_attempts_remote_at", "remote", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100))
    remote: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    succeeded: Mapped[bool] = mapped_column(Boolean)


# --- registers ---------------------------------------------------------------


class Register(Base):
    __tablename__ = "registers"
    __table_args__ = (UniqueConstraint("owner_agency_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    kind: Mapped[RegisterKind] = mapped_column(code_enum(RegisterKind, "register_kind"))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    owner: Mapped[Agency] = relationship(back_populates="registers")
    records: Mapped[list[Record]] = relationship(back_populates="register")


class Record(Base):
    """What every register entry carries: owner, codes, validity, sharing."""

    __tablename__ = "records"
    __table_args__ = (
        UniqueConstraint("register_id", "reference"),
        CheckConstraint(
            "handling_code <> 'H3' OR handling_restriction IS NOT NULL", name="h3_has_restriction"
        ),
        CheckConstraint("valid_until IS NULL OR valid_until >= valid_from", name="validity_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    register_id: Mapped[int] = mapped_column(ForeignKey("registers.id"), index=True)
    kind: Mapped[RegisterKind] = mapped_column(code_enum(RegisterKind, "record_kind"))
    reference: Mapped[str] = mapped_column(String(64), comment="the owner's own reference")
    status: Mapped[RecordStatus] = mapped_column(
        code_enum(RecordStatus, "record_status"), default=RecordStatus.ACTIVE
    )
    handling_code: Mapped[HandlingCode] = mapped_column(code_enum(HandlingCode, "handling_code"))
    handling_restriction: Mapped[str | None] = mapped_column(Text)
    source_reliability: Mapped[SourceReliability] = mapped_column(
        code_enum(SourceReliability, "source_reliability")
    )
    information_accuracy: Mapped[InformationAccuracy] = mapped_column(
        code_enum(InformationAccuracy, "information_accuracy")
    )
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    register: Mapped[Register] = relationship(back_populates="records")
    shares: Mapped[list[RecordShare]] = relationship(cascade="all, delete-orphan")
    person: Mapped[PersonRecord | None] = relationship(cascade="all, delete-orphan")
    document: Mapped[DocumentRecord | None] = relationship(cascade="all, delete-orphan")
    card: Mapped[CardRecord | None] = relationship(cascade="all, delete-orphan")


class RecordShare(Base):
    """The data owner's decision to let an agency query a record (hit / no-hit)."""

    __tablename__ = "record_shares"

    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), primary_key=True, index=True)


class PersonRecord(Base):
    __tablename__ = "person_records"

    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    category: Mapped[PersonCategory] = mapped_column(code_enum(PersonCategory, "person_category"))
    gender: Mapped[Gender] = mapped_column(code_enum(Gender, "gender"), default=Gender.UNKNOWN)
    place_of_birth: Mapped[str | None] = mapped_column(String(200))
    remarks: Mapped[str] = mapped_column(Text, default="")

    names: Mapped[list[PersonName]] = relationship(cascade="all, delete-orphan", order_by="PersonName.id")
    birth_dates: Mapped[list[PersonBirthDate]] = relationship(
        cascade="all, delete-orphan", order_by="PersonBirthDate.value"
    )
    nationalities: Mapped[list[PersonNationality]] = relationship(cascade="all, delete-orphan")
    documents: Mapped[list[PersonDocument]] = relationship(cascade="all, delete-orphan")


class PersonName(Base):
    """A name or alias as the owner holds it, in its own script."""

    __tablename__ = "person_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(
        ForeignKey("person_records.record_id", ondelete="CASCADE"), index=True
    )
    full_name: Mapped[str] = mapped_column(String(400))
    given_names: Mapped[str | None] = mapped_column(String(300))
    surname: Mapped[str | None] = mapped_column(String(300))
    script: Mapped[str] = mapped_column(String(4), default="Latn", comment="ISO 15924")
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)


class PersonBirthDate(Base):
    """Lists often hold several possible birth dates, some known only to the year."""

    __tablename__ = "person_birth_dates"

    record_id: Mapped[int] = mapped_column(
        ForeignKey("person_records.record_id", ondelete="CASCADE"), primary_key=True
    )
    value: Mapped[str] = mapped_column(String(10), primary_key=True, comment="YYYY, YYYY-MM or YYYY-MM-DD")


class PersonNationality(Base):
    __tablename__ = "person_nationalities"

    record_id: Mapped[int] = mapped_column(
        ForeignKey("person_records.record_id", ondelete="CASCADE"), primary_key=True
    )
    country: Mapped[str] = mapped_column(String(2), primary_key=True)


class PersonDocument(Base):
    __tablename__ = "person_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(
        ForeignKey("person_records.record_id", ondelete="CASCADE"), index=True
    )
    document_type: Mapped[str] = mapped_column(String(8), comment="P passport, I identity card, …")
    number: Mapped[str] = mapped_column(String(40))
    issuing_country: Mapped[str | None] = mapped_column(String(2))


class DocumentRecord(Base):
    """A stolen, lost, revoked or invalidated travel document."""

    __tablename__ = "document_records"

    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    number: Mapped[str] = mapped_column(String(40))
    number_key: Mapped[str] = mapped_column(String(40), index=True, comment="upper-case, letters and digits")
    document_type: Mapped[str] = mapped_column(String(8))
    issuing_country: Mapped[str] = mapped_column(String(2))
    document_status: Mapped[DocumentStatus] = mapped_column(code_enum(DocumentStatus, "document_status"))
    reported_on: Mapped[date | None] = mapped_column(Date)


class CardRecord(Base):
    """A compromised payment card. The clear number is never stored: only a
    keyed hash (HMAC with the installation secret), the BIN and the last four."""

    __tablename__ = "card_records"

    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    card_hash: Mapped[str] = mapped_column(String(64), index=True)
    bin: Mapped[str] = mapped_column(String(8))
    last_four: Mapped[str] = mapped_column(String(4))
    scheme: Mapped[str | None] = mapped_column(String(20))
    reported_on: Mapped[date | None] = mapped_column(Date)


# --- passenger data ----------------------------------------------------------


class InboundMessage(Base):
    """A message exactly as received; stored before it is acknowledged."""

    __tablename__ = "inbound_messages"
    __table_args__ = (
        Index("ix_inbound_messages_sender_reference", "sender_agency_id", "reference"),
        # Repeats of a message that has no interchange reference are found by its digest.
        Index("ix_inbound_messages_sender_sha256", "sender_agency_id", "sha256"),
        # Messages still waiting (the next push and the workers' sweep look for them)
        # without reading every message ever received.
        Index("ix_inbound_messages_status_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sender_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    machine_client_id: Mapped[int | None] = mapped_column(ForeignKey("machine_clients.id"))
    format: Mapped[MessageFormat | None] = mapped_column(code_enum(MessageFormat, "message_format"))
    reference: Mapped[str | None] = mapped_column(String(64), comment="interchange control reference")
    body: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    status: Mapped[MessageStatus] = mapped_column(
        code_enum(MessageStatus, "message_status"), default=MessageStatus.RECEIVED
    )
    error: Mapped[str | None] = mapped_column(Text)
    warnings: Mapped[list[str] | None] = mapped_column(
        JSON(), comment="what was changed, left out or doubted when it was read (catalogued warnings)"
    )
    processed_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(
        Integer,
        default=0,
        server_default="0",
        comment="processing attempts that failed; at the limit the message is set aside as failed",
    )


class Flight(Base):
    """One scheduled flight leg, shared by every booking and manifest that names it."""

    __tablename__ = "flights"
    __table_args__ = (UniqueConstraint("carrier", "flight_number", "departure_date", "origin"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier: Mapped[str] = mapped_column(String(3))
    flight_number: Mapped[str] = mapped_column(String(5))
    origin: Mapped[str] = mapped_column(String(3), comment="IATA airport code")
    destination: Mapped[str] = mapped_column(String(3))
    departure_date: Mapped[date] = mapped_column(Date, index=True, comment="local date at origin")
    scheduled_departure: Mapped[datetime]
    scheduled_arrival: Mapped[datetime | None]
    operating_carrier: Mapped[str | None] = mapped_column(String(3))
    operating_flight_number: Mapped[str | None] = mapped_column(String(5))


class Booking(Base):
    """A passenger name record as one receiving agency knows it, across pushes."""

    __tablename__ = "bookings"
    __table_args__ = (UniqueConstraint("receiving_agency_id", "carrier", "record_locator"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    receiving_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    carrier: Mapped[str] = mapped_column(String(3))
    record_locator: Mapped[str] = mapped_column(String(12))
    booked_at: Mapped[datetime | None] = mapped_column(comment="creation time stated in the PNR")
    first_received_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_received_at: Mapped[datetime] = mapped_column(default=utcnow)

    versions: Mapped[list[BookingVersion]] = relationship(
        back_populates="booking", order_by="BookingVersion.version"
    )


class BookingVersion(Base):
    """One push of a booking; all versions are kept so changes can be shown."""

    __tablename__ = "booking_versions"
    __table_args__ = (UniqueConstraint("booking_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("inbound_messages.id"))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    changes: Mapped[dict[str, Any]] = mapped_column(
        default=dict, comment="what changed since the previous version"
    )
    facts: Mapped[dict[str, Any] | None] = mapped_column(
        JSON(), comment="what risk rules may look at (liaison.criteria.BookingFacts), for back-testing"
    )
    contact_hashes: Mapped[list[str] | None] = mapped_column(
        JSON(), comment="keyed hashes of the booking's e-mail addresses and phones (never in clear)"
    )
    warnings: Mapped[list[str] | None] = mapped_column(
        JSON(), comment="what the reader changed, left out or doubted in this PNR"
    )
    content_sha256: Mapped[str | None] = mapped_column(
        String(64), comment="digest of the booking as read: the same PNR pushed again is not a new version"
    )

    booking: Mapped[Booking] = relationship(back_populates="versions")
    legs: Mapped[list[BookingLeg]] = relationship(
        cascade="all, delete-orphan", order_by="BookingLeg.sequence"
    )
    travellers: Mapped[list[Traveller]] = relationship(back_populates="booking_version")


class BookingLeg(Base):
    __tablename__ = "booking_legs"
    __table_args__ = (UniqueConstraint("booking_version_id", "sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_version_id: Mapped[int] = mapped_column(
        ForeignKey("booking_versions.id", ondelete="CASCADE"), index=True
    )
    sequence: Mapped[int] = mapped_column(Integer)
    flight_id: Mapped[int] = mapped_column(ForeignKey("flights.id"), index=True)

    flight: Mapped[Flight] = relationship()


class Traveller(Base):
    """A passenger or crew member as one message states them.

    Carries no identifying data itself: see TravellerIdentity and TravelDocument.
    """

    __tablename__ = "travellers"

    id: Mapped[int] = mapped_column(primary_key=True)
    receiving_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    booking_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("booking_versions.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[int | None] = mapped_column(ForeignKey("inbound_messages.id"), index=True)
    flight_id: Mapped[int | None] = mapped_column(
        ForeignKey("flights.id"), index=True, comment="for API manifests: the leg declared"
    )
    reference: Mapped[str | None] = mapped_column(String(32), comment="traveller reference in the message")
    role: Mapped[TravellerRole] = mapped_column(
        code_enum(TravellerRole, "traveller_role"), default=TravellerRole.PASSENGER
    )
    gender: Mapped[Gender] = mapped_column(code_enum(Gender, "traveller_gender"), default=Gender.UNKNOWN)
    nationality: Mapped[str | None] = mapped_column(String(3))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    depersonalised_at: Mapped[datetime | None]

    booking_version: Mapped[BookingVersion | None] = relationship(back_populates="travellers")
    identity: Mapped[TravellerIdentity | None] = relationship(cascade="all, delete-orphan")
    documents: Mapped[list[TravelDocument]] = relationship(cascade="all, delete-orphan")


class TravellerIdentity(Base):
    """The identifying part of a traveller: removed or masked on depersonalisation."""

    __tablename__ = "traveller_identities"
    # The same person in other bookings (broken travel, journeys).
    __table_args__ = (
        Index("ix_traveller_identities_person", "surname", "given_names", "birth_date"),
        Index("ix_traveller_identities_birth_date", "birth_date"),
    )

    traveller_id: Mapped[int] = mapped_column(
        ForeignKey("travellers.id", ondelete="CASCADE"), primary_key=True
    )
    surname: Mapped[str] = mapped_column(String(200))
    given_names: Mapped[str] = mapped_column(String(200), default="")
    birth_date: Mapped[str | None] = mapped_column(String(10))
    place_of_birth: Mapped[str | None] = mapped_column(String(200))
    frequent_flyers: Mapped[list[str] | None] = mapped_column(JSON(), comment='"LH:992200331", for journeys')


class TravelDocument(Base):
    """A document a traveller presented (API) or declared (PNR SSR DOCS)."""

    __tablename__ = "travel_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    traveller_id: Mapped[int] = mapped_column(ForeignKey("travellers.id", ondelete="CASCADE"), index=True)
    document_type: Mapped[str] = mapped_column(String(8))
    number: Mapped[str] = mapped_column(String(40))
    number_key: Mapped[str] = mapped_column(String(40), index=True)
    issuing_country: Mapped[str | None] = mapped_column(String(3))
    expiry: Mapped[date | None] = mapped_column(Date)


# --- hit / no-hit queries -----------------------------------------------------


class RegisterQuery(Base):
    """One hit/no-hit question asked by an agency, with its stated purpose."""

    __tablename__ = "register_queries"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    machine_client_id: Mapped[int | None] = mapped_column(ForeignKey("machine_clients.id"))
    batch: Mapped[str] = mapped_column(String(36), index=True, comment="queries sent in one call")
    kind: Mapped[RegisterKind] = mapped_column(code_enum(RegisterKind, "query_kind"))
    purpose: Mapped[str] = mapped_column(Text)
    terms: Mapped[dict[str, Any]] = mapped_column(comment="what was asked (personal data)")
    hit_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    hits: Mapped[list[QueryHit]] = relationship(back_populates="query", cascade="all, delete-orphan")


class QueryHit(Base):
    """A record that answered a query. The querying agency sees only the owner and this id."""

    __tablename__ = "query_hits"

    id: Mapped[int] = mapped_column(primary_key=True)
    query_id: Mapped[int] = mapped_column(ForeignKey("register_queries.id", ondelete="CASCADE"), index=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id"), index=True)
    owner_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    score: Mapped[float] = mapped_column(Float, default=1.0)
    # Why it matched, as the matching engine explains it (owner's side included:
    # shown to the asker only redacted).
    explanation: Mapped[dict[str, Any] | None]

    query: Mapped[RegisterQuery] = relationship(back_populates="hits")
    record: Mapped[Record] = relationship()


class DetailRequest(Base):
    """A querying agency asks the owner to release a record it hit."""

    __tablename__ = "detail_requests"
    __table_args__ = (UniqueConstraint("query_hit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    query_hit_id: Mapped[int] = mapped_column(ForeignKey("query_hits.id"))
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id"), index=True)
    requesting_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    owner_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    justification: Mapped[str] = mapped_column(Text)
    status: Mapped[DetailRequestStatus] = mapped_column(
        code_enum(DetailRequestStatus, "detail_request_status"), default=DetailRequestStatus.PENDING
    )
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    decision_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The request as a message in the record's case (information exchange).
    message_id: Mapped[int | None] = mapped_column(ForeignKey("case_messages.id"))


class RecordRelease(Base):
    """A record the owner has released to one agency, under the record's handling code."""

    __tablename__ = "record_releases"

    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), primary_key=True, index=True)
    released_at: Mapped[datetime] = mapped_column(default=utcnow)
    released_by_agency_id: Mapped[int] = mapped_column(
        ForeignKey("agencies.id"), comment="the owner, or an agency passing it on with the owner's leave"
    )
    detail_request_id: Mapped[int | None] = mapped_column(ForeignKey("detail_requests.id"))


class Notification(Base):
    """Something an agency must be told: a hit on its data, a request, a decision."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    kind: Mapped[NotificationKind] = mapped_column(code_enum(NotificationKind, "notification_kind"))
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    read_at: Mapped[datetime | None]
    # For one person of the agency (a supervisor told of an overdue request); else all.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)


# --- information exchange ------------------------------------------------------


class Case(Base):
    """A matter several agencies exchange messages about."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    subject: Mapped[str] = mapped_column(String(300))
    crime_area: Mapped[CrimeArea] = mapped_column(code_enum(CrimeArea, "crime_area"))
    lead_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[CaseStatus] = mapped_column(code_enum(CaseStatus, "case_status"), default=CaseStatus.OPEN)
    # Set when a built-in flow opened the case ("record:<id>"), so the next flow joins it.
    origin: Mapped[str | None] = mapped_column(String(64), unique=True)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class CaseAgency(Base):
    """An agency involved in a case: it may read the messages addressed to it there."""

    __tablename__ = "case_agencies"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), primary_key=True, index=True)
    added_by_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)


class CaseMessage(Base):
    """One message in a case, with its handling and evaluation codes."""

    __tablename__ = "case_messages"
    __table_args__ = (
        CheckConstraint(
            "handling_code <> 'H3' OR handling_restriction IS NOT NULL", name="h3_has_restriction"
        ),
        CheckConstraint(
            "kind <> 'request' OR (urgency IS NOT NULL AND due_at IS NOT NULL)", name="request_due"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    sender_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    author_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    author_machine_client_id: Mapped[int | None] = mapped_column(ForeignKey("machine_clients.id"))
    kind: Mapped[MessageKind] = mapped_column(code_enum(MessageKind, "message_kind"))
    in_reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("case_messages.id"), index=True)
    forwarded_from_id: Mapped[int | None] = mapped_column(ForeignKey("case_messages.id"))
    # The agency whose information this is: the sender, or the provider of a forwarded message.
    provider_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    handling_code: Mapped[HandlingCode] = mapped_column(code_enum(HandlingCode, "handling_code"))
    handling_restriction: Mapped[str | None] = mapped_column(Text)
    source_reliability: Mapped[SourceReliability] = mapped_column(
        code_enum(SourceReliability, "source_reliability")
    )
    information_accuracy: Mapped[InformationAccuracy] = mapped_column(
        code_enum(InformationAccuracy, "information_accuracy")
    )
    urgency: Mapped[Urgency | None] = mapped_column(code_enum(Urgency, "urgency"))
    due_at: Mapped[datetime | None] = mapped_column(index=True)
    # Body, entity values and attachment names: what full-text search reads.
    search_text: Mapped[str] = mapped_column(Text)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class MessageRecipient(Base):
    """A message's delivery to one agency: receipts, and where a request stands."""

    __tablename__ = "message_recipients"

    message_id: Mapped[int] = mapped_column(
        ForeignKey("case_messages.id", ondelete="CASCADE"), primary_key=True
    )
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), primary_key=True, index=True)
    delivered_at: Mapped[datetime | None]
    read_at: Mapped[datetime | None]
    read_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    request_status: Mapped[RequestStatus | None] = mapped_column(code_enum(RequestStatus, "request_status"))
    # This agency's deadline: the request's, moved on when it asked for clarification.
    due_at: Mapped[datetime | None] = mapped_column(index=True)
    replied_by_id: Mapped[int | None] = mapped_column(ForeignKey("case_messages.id"))
    overdue_flagged_at: Mapped[datetime | None]


class MessageEntity(Base):
    """A structured value carried by a message: a person, a document, a flight..."""

    __tablename__ = "message_entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("case_messages.id", ondelete="CASCADE"), index=True)
    kind: Mapped[EntityKind] = mapped_column(code_enum(EntityKind, "entity_kind"))
    value: Mapped[str] = mapped_column(String(300))
    normalised: Mapped[str] = mapped_column(String(300), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class MessageAttachment(Base):
    """A file attached to a message, kept on disk under the data directory."""

    __tablename__ = "message_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("case_messages.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    stored_as: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ForwardPermission(Base):
    """The provider's recorded permission to pass an H2 message on to one agency."""

    __tablename__ = "forward_permissions"

    message_id: Mapped[int] = mapped_column(
        ForeignKey("case_messages.id", ondelete="CASCADE"), primary_key=True
    )
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), primary_key=True)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- operations ----------------------------------------------------------------


class Operation(Base):
    """A joint action day or airport action day: a period, agencies, a scope."""

    __tablename__ = "operations"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    lead_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    crime_areas: Mapped[list[str]]
    scope: Mapped[dict[str, Any]] = mapped_column(comment="airports, routes, registers and rules in scope")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(comment="the lead closed it: figures are final")


class OperationAgency(Base):
    __tablename__ = "operation_agencies"

    operation_id: Mapped[int] = mapped_column(
        ForeignKey("operations.id", ondelete="CASCADE"), primary_key=True
    )
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), primary_key=True, index=True)


class FieldReport(Base):
    """What officers at an airport did about a hit, as one of them recorded it."""

    __tablename__ = "field_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    operation_id: Mapped[int] = mapped_column(ForeignKey("operations.id", ondelete="CASCADE"), index=True)
    hit_id: Mapped[int] = mapped_column(ForeignKey("hits.id"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    airport: Mapped[str] = mapped_column(String(3))
    outcome: Mapped[FieldOutcome] = mapped_column(code_enum(FieldOutcome, "field_outcome"))
    text: Mapped[str] = mapped_column(Text, default="")
    reported_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class FraudAlert(Base):
    """An airline's alert about a booking it believes fraudulent (a ticket bought
    with stolen card details, say). Holds no card number."""

    __tablename__ = "fraud_alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    airline_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    carrier: Mapped[str] = mapped_column(String(3))
    record_locator: Mapped[str] = mapped_column(String(12))
    flight_number: Mapped[str | None] = mapped_column(String(5))
    origin: Mapped[str | None] = mapped_column(String(3))
    destination: Mapped[str | None] = mapped_column(String(3))
    departure_date: Mapped[date | None] = mapped_column(Date, index=True)
    reason: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


# --- journeys ------------------------------------------------------------------


class IdentityDecision(Base):
    """An analyst's decision that two traveller records are, or are not, one person."""

    __tablename__ = "identity_decisions"
    __table_args__ = (UniqueConstraint("agency_id", "traveller_a_id", "traveller_b_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    traveller_a_id: Mapped[int] = mapped_column(ForeignKey("travellers.id", ondelete="CASCADE"), index=True)
    traveller_b_id: Mapped[int] = mapped_column(ForeignKey("travellers.id", ondelete="CASCADE"), index=True)
    same: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- risk criteria -------------------------------------------------------------


class CriteriaList(Base):
    """A named list risk rules refer to: departure points of concern, card BINs..."""

    __tablename__ = "criteria_lists"
    __table_args__ = (UniqueConstraint("agency_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[ListKind] = mapped_column(code_enum(ListKind, "list_kind"))
    entries: Mapped[list[str]]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class RiskRule(Base):
    """A risk rule of one agency; what it says lives in its versions."""

    __tablename__ = "risk_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RiskRuleVersion(Base):
    """One version of a rule, kept forever: draft, approved, active, retired."""

    __tablename__ = "risk_rule_versions"
    __table_args__ = (
        UniqueConstraint("rule_id", "version"),
        CheckConstraint("approved_by_id IS NULL OR approved_by_id <> author_id", name="four_eyes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("risk_rules.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    definition: Mapped[dict[str, Any]] = mapped_column(
        comment="the rule as written (name, description, when)"
    )
    lists: Mapped[dict[str, Any]] = mapped_column(
        default=dict, comment="the named lists it uses, as they stood when this version was saved"
    )
    status: Mapped[RuleStatus] = mapped_column(code_enum(RuleStatus, "rule_status"), default=RuleStatus.DRAFT)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    backtest: Mapped[dict[str, Any] | None] = mapped_column(JSON(), comment="figures shown before approval")
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None]
    scope: Mapped[dict[str, Any]] = mapped_column(default=dict, comment="airports and flights it applies to")
    valid_from: Mapped[datetime | None]
    valid_until: Mapped[datetime | None]
    activated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    activated_at: Mapped[datetime | None]
    retired_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    retired_at: Mapped[datetime | None]


class RiskRuleAcceptance(Base):
    """Whether another agency named in a version's scope lets it run on its
    passengers: asked when the version is put in force, decided by a
    supervisor of that agency, one row per version and agency."""

    __tablename__ = "risk_rule_acceptances"
    __table_args__ = (UniqueConstraint("version_id", "agency_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("risk_rule_versions.id", ondelete="CASCADE"), index=True
    )
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    status: Mapped[RuleAcceptance] = mapped_column(
        code_enum(RuleAcceptance, "rule_acceptance"), default=RuleAcceptance.PENDING
    )
    reason: Mapped[str | None] = mapped_column(Text, comment="why it was accepted, declined or withdrawn")
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]


# --- hits and audit ----------------------------------------------------------


class Hit(Base):
    """An automated match, never acted on before a person has reviewed it."""

    __tablename__ = "hits"
    __table_args__ = (
        CheckConstraint("record_id IS NOT NULL OR rule_ref IS NOT NULL", name="has_reason"),
        CheckConstraint("traveller_id IS NOT NULL OR booking_id IS NOT NULL", name="has_subject"),
        CheckConstraint("score >= 0 AND score <= 1", name="score_range"),
        UniqueConstraint("agency_id", "subject_key", "record_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    traveller_id: Mapped[int | None] = mapped_column(ForeignKey("travellers.id"), index=True)
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id"), index=True)
    record_id: Mapped[int | None] = mapped_column(ForeignKey("records.id"), index=True)
    rule_ref: Mapped[str | None] = mapped_column(String(100))
    subject_key: Mapped[str | None] = mapped_column(
        String(200), comment="the same traveller across pushes: deduplicates hits"
    )
    score: Mapped[float] = mapped_column(Float)
    explanation: Mapped[dict[str, Any]]
    priority: Mapped[int | None] = mapped_column(
        comment="1 most urgent to 4 (liaison.matching.priority), read from the explanation; "
        "null for hits that grade no identity (risk rules, cards)"
    )
    priority_reason: Mapped[str | None] = mapped_column(String(120), comment="why this priority, in English")
    status: Mapped[HitStatus] = mapped_column(code_enum(HitStatus, "hit_status"), default=HitStatus.NEW)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    reviewed_at: Mapped[datetime | None]


class AuditEvent(Base):
    """Who did or read what, when and why. Rows are only ever added."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    machine_client_id: Mapped[int | None] = mapped_column(ForeignKey("machine_clients.id"))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str | None] = mapped_column(String(64))
    object_id: Mapped[str | None] = mapped_column(String(64))
    purpose: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class NamePartCount(Base):
    """How many screened travellers bore each name part (the matcher's ASCII
    token text), so that name commonness learned from the traffic survives a
    restart. The empty part holds the number of travellers counted."""

    __tablename__ = "name_part_counts"

    part: Mapped[str] = mapped_column(String(64), primary_key=True)
    persons: Mapped[int] = mapped_column(BigInteger, default=0)
