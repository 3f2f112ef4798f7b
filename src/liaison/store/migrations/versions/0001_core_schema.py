"""Core schema: agencies, identities, registers, passenger data, hits and audit.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "agencies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False, comment="ISO 3166-1 alpha-2"),
        sa.Column(
            "kind",
            sa.Enum(
                "police",
                "piu",
                "ncb",
                "liaison_bureau",
                "hub",
                "carrier",
                name="agency_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agencies")),
        sa.UniqueConstraint("code", name=op.f("uq_agencies_code")),
    )
    op.create_table(
        "flights",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("carrier", sa.String(length=3), nullable=False),
        sa.Column("flight_number", sa.String(length=5), nullable=False),
        sa.Column("origin", sa.String(length=3), nullable=False, comment="IATA airport code"),
        sa.Column("destination", sa.String(length=3), nullable=False),
        sa.Column("departure_date", sa.Date(), nullable=False, comment="local date at origin"),
        sa.Column("scheduled_departure", sa.DateTime(timezone=True), nullable=False),
        sa.Column("scheduled_arrival", sa.DateTime(timezone=True), nullable=True),
        sa.Column("operating_carrier", sa.String(length=3), nullable=True),
        sa.Column("operating_flight_number", sa.String(length=5), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flights")),
        sa.UniqueConstraint(
            "carrier",
            "flight_number",
            "departure_date",
            "origin",
            name=op.f("uq_flights_carrier_flight_number_departure_date_origin"),
        ),
    )
    with op.batch_alter_table("flights", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_flights_departure_date"), ["departure_date"], unique=False)

    op.create_table(
        "bookings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("receiving_agency_id", sa.Integer(), nullable=False),
        sa.Column("carrier", sa.String(length=3), nullable=False),
        sa.Column("record_locator", sa.String(length=12), nullable=False),
        sa.Column(
            "booked_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="creation time stated in the PNR",
        ),
        sa.Column("first_received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["receiving_agency_id"],
            ["agencies.id"],
            name=op.f("fk_bookings_receiving_agency_id_agencies"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bookings")),
        sa.UniqueConstraint(
            "receiving_agency_id",
            "carrier",
            "record_locator",
            name=op.f("uq_bookings_receiving_agency_id_carrier_record_locator"),
        ),
    )
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bookings_receiving_agency_id"), ["receiving_agency_id"], unique=False
        )

    op.create_table(
        "machine_clients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("token_hash", sa.String(length=128), nullable=False),
        sa.Column(
            "token_prefix",
            sa.String(length=16),
            nullable=False,
            comment="first characters, to recognise a token",
        ),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_machine_clients_agency_id_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_machine_clients")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_machine_clients_token_hash")),
    )
    with op.batch_alter_table("machine_clients", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_machine_clients_agency_id"), ["agency_id"], unique=False)

    op.create_table(
        "registers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_agency_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "persons",
                "documents",
                "cards",
                name="register_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_agency_id"], ["agencies.id"], name=op.f("fk_registers_owner_agency_id_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registers")),
        sa.UniqueConstraint("owner_agency_id", "name", name=op.f("uq_registers_owner_agency_id_name")),
    )
    with op.batch_alter_table("registers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_registers_owner_agency_id"), ["owner_agency_id"], unique=False)

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"], name=op.f("fk_users_agency_id_agencies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_users_agency_id"), ["agency_id"], unique=False)

    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("machine_client_id", sa.Integer(), nullable=True),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("object_type", sa.String(length=64), nullable=True),
        sa.Column("object_id", sa.String(length=64), nullable=True),
        sa.Column("purpose", sa.Text(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_audit_events_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["machine_client_id"],
            ["machine_clients.id"],
            name=op.f("fk_audit_events_machine_client_id_machine_clients"),
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_audit_events_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_events_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_events_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_events_user_id"), ["user_id"], unique=False)

    op.create_table(
        "inbound_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sender_agency_id", sa.Integer(), nullable=False),
        sa.Column("machine_client_id", sa.Integer(), nullable=True),
        sa.Column(
            "format",
            sa.Enum(
                "pnrgov",
                "pnrgov-xml",
                "paxlst",
                name="message_format",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column(
            "reference",
            sa.String(length=64),
            nullable=True,
            comment="interchange control reference",
        ),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "received",
                "processed",
                "duplicate",
                "rejected",
                name="message_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["machine_client_id"],
            ["machine_clients.id"],
            name=op.f("fk_inbound_messages_machine_client_id_machine_clients"),
        ),
        sa.ForeignKeyConstraint(
            ["sender_agency_id"],
            ["agencies.id"],
            name=op.f("fk_inbound_messages_sender_agency_id_agencies"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_messages")),
    )
    with op.batch_alter_table("inbound_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inbound_messages_received_at"), ["received_at"], unique=False)
        batch_op.create_index(
            "ix_inbound_messages_sender_reference", ["sender_agency_id", "reference"], unique=False
        )

    op.create_table(
        "records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("register_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "persons",
                "documents",
                "cards",
                name="record_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("reference", sa.String(length=64), nullable=False, comment="the owner's own reference"),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "invalidated",
                name="record_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "handling_code",
            sa.Enum(
                "H0",
                "H1",
                "H2",
                "H3",
                name="handling_code",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("handling_restriction", sa.Text(), nullable=True),
        sa.Column(
            "source_reliability",
            sa.Enum(
                "A",
                "B",
                "C",
                "X",
                name="source_reliability",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "information_accuracy",
            sa.Enum(
                "1",
                "2",
                "3",
                "4",
                name="information_accuracy",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "handling_code <> 'H3' OR handling_restriction IS NOT NULL",
            name=op.f("ck_records_h3_has_restriction"),
        ),
        sa.CheckConstraint(
            "valid_until IS NULL OR valid_until >= valid_from",
            name=op.f("ck_records_validity_order"),
        ),
        sa.ForeignKeyConstraint(
            ["register_id"], ["registers.id"], name=op.f("fk_records_register_id_registers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_records")),
        sa.UniqueConstraint("register_id", "reference", name=op.f("uq_records_register_id_reference")),
    )
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_records_register_id"), ["register_id"], unique=False)

    op.create_table(
        "user_roles",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "admin",
                "analyst",
                "supervisor",
                "liaison_officer",
                "dpo",
                "field_officer",
                name="role",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_roles_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "role", name=op.f("pk_user_roles")),
    )
    op.create_table(
        "booking_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_booking_versions_booking_id_bookings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["inbound_messages.id"],
            name=op.f("fk_booking_versions_message_id_inbound_messages"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_versions")),
        sa.UniqueConstraint("booking_id", "version", name=op.f("uq_booking_versions_booking_id_version")),
    )
    with op.batch_alter_table("booking_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_booking_versions_booking_id"), ["booking_id"], unique=False)

    op.create_table(
        "card_records",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("card_hash", sa.String(length=64), nullable=False),
        sa.Column("bin", sa.String(length=8), nullable=False),
        sa.Column("last_four", sa.String(length=4), nullable=False),
        sa.Column("scheme", sa.String(length=20), nullable=True),
        sa.Column("reported_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name=op.f("fk_card_records_record_id_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_card_records")),
    )
    with op.batch_alter_table("card_records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_card_records_card_hash"), ["card_hash"], unique=False)

    op.create_table(
        "document_records",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column(
            "number_key",
            sa.String(length=40),
            nullable=False,
            comment="upper-case, letters and digits",
        ),
        sa.Column("document_type", sa.String(length=8), nullable=False),
        sa.Column("issuing_country", sa.String(length=2), nullable=False),
        sa.Column(
            "document_status",
            sa.Enum(
                "stolen",
                "lost",
                "revoked",
                "invalidated",
                name="document_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("reported_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name=op.f("fk_document_records_record_id_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_document_records")),
    )
    with op.batch_alter_table("document_records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_records_number_key"), ["number_key"], unique=False)

    op.create_table(
        "person_records",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "wanted",
                "foreign_terrorist_fighter",
                "missing",
                "suspect",
                "witness",
                name="person_category",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("birth_date", sa.String(length=10), nullable=True, comment="YYYY, YYYY-MM or YYYY-MM-DD"),
        sa.Column(
            "gender",
            sa.Enum("F", "M", "U", name="gender", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("place_of_birth", sa.String(length=200), nullable=True),
        sa.Column("remarks", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name=op.f("fk_person_records_record_id_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_person_records")),
    )
    op.create_table(
        "record_shares",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_record_shares_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name=op.f("fk_record_shares_record_id_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("record_id", "agency_id", name=op.f("pk_record_shares")),
    )
    with op.batch_alter_table("record_shares", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_record_shares_agency_id"), ["agency_id"], unique=False)

    op.create_table(
        "booking_legs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_version_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("flight_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["booking_version_id"],
            ["booking_versions.id"],
            name=op.f("fk_booking_legs_booking_version_id_booking_versions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["flight_id"], ["flights.id"], name=op.f("fk_booking_legs_flight_id_flights")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_legs")),
        sa.UniqueConstraint(
            "booking_version_id",
            "sequence",
            name=op.f("uq_booking_legs_booking_version_id_sequence"),
        ),
    )
    with op.batch_alter_table("booking_legs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_booking_legs_booking_version_id"), ["booking_version_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_booking_legs_flight_id"), ["flight_id"], unique=False)

    op.create_table(
        "person_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column(
            "document_type",
            sa.String(length=8),
            nullable=False,
            comment="P passport, I identity card, …",
        ),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("issuing_country", sa.String(length=2), nullable=True),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["person_records.record_id"],
            name=op.f("fk_person_documents_record_id_person_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_documents")),
    )
    with op.batch_alter_table("person_documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_documents_record_id"), ["record_id"], unique=False)

    op.create_table(
        "person_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=400), nullable=False),
        sa.Column("given_names", sa.String(length=300), nullable=True),
        sa.Column("surname", sa.String(length=300), nullable=True),
        sa.Column("script", sa.String(length=4), nullable=False, comment="ISO 15924"),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["person_records.record_id"],
            name=op.f("fk_person_names_record_id_person_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_names")),
    )
    with op.batch_alter_table("person_names", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_names_record_id"), ["record_id"], unique=False)

    op.create_table(
        "person_nationalities",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["person_records.record_id"],
            name=op.f("fk_person_nationalities_record_id_person_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("record_id", "country", name=op.f("pk_person_nationalities")),
    )
    op.create_table(
        "travellers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("receiving_agency_id", sa.Integer(), nullable=False),
        sa.Column("booking_version_id", sa.Integer(), nullable=True),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("flight_id", sa.Integer(), nullable=True, comment="for API manifests: the leg declared"),
        sa.Column(
            "reference",
            sa.String(length=32),
            nullable=True,
            comment="traveller reference in the message",
        ),
        sa.Column(
            "role",
            sa.Enum(
                "passenger",
                "crew",
                name="traveller_role",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "gender",
            sa.Enum("F", "M", "U", name="traveller_gender", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("nationality", sa.String(length=3), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("depersonalised_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["booking_version_id"],
            ["booking_versions.id"],
            name=op.f("fk_travellers_booking_version_id_booking_versions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["flight_id"], ["flights.id"], name=op.f("fk_travellers_flight_id_flights")),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["inbound_messages.id"],
            name=op.f("fk_travellers_message_id_inbound_messages"),
        ),
        sa.ForeignKeyConstraint(
            ["receiving_agency_id"],
            ["agencies.id"],
            name=op.f("fk_travellers_receiving_agency_id_agencies"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_travellers")),
    )
    with op.batch_alter_table("travellers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_travellers_booking_version_id"), ["booking_version_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_travellers_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_travellers_flight_id"), ["flight_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_travellers_message_id"), ["message_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_travellers_receiving_agency_id"), ["receiving_agency_id"], unique=False
        )

    op.create_table(
        "hits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("traveller_id", sa.Integer(), nullable=True),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("rule_ref", sa.String(length=100), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("explanation", sa.JSON(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "new",
                "in_review",
                "confirmed",
                "dismissed",
                name="hit_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("record_id IS NOT NULL OR rule_ref IS NOT NULL", name=op.f("ck_hits_has_reason")),
        sa.CheckConstraint("score >= 0 AND score <= 1", name=op.f("ck_hits_score_range")),
        sa.CheckConstraint(
            "traveller_id IS NOT NULL OR booking_id IS NOT NULL", name=op.f("ck_hits_has_subject")
        ),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"], name=op.f("fk_hits_agency_id_agencies")),
        sa.ForeignKeyConstraint(["booking_id"], ["bookings.id"], name=op.f("fk_hits_booking_id_bookings")),
        sa.ForeignKeyConstraint(["record_id"], ["records.id"], name=op.f("fk_hits_record_id_records")),
        sa.ForeignKeyConstraint(["reviewer_id"], ["users.id"], name=op.f("fk_hits_reviewer_id_users")),
        sa.ForeignKeyConstraint(
            ["traveller_id"], ["travellers.id"], name=op.f("fk_hits_traveller_id_travellers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hits")),
    )
    with op.batch_alter_table("hits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hits_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_hits_booking_id"), ["booking_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_hits_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_hits_record_id"), ["record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_hits_traveller_id"), ["traveller_id"], unique=False)

    op.create_table(
        "travel_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("traveller_id", sa.Integer(), nullable=False),
        sa.Column("document_type", sa.String(length=8), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("number_key", sa.String(length=40), nullable=False),
        sa.Column("issuing_country", sa.String(length=3), nullable=True),
        sa.Column("expiry", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["traveller_id"],
            ["travellers.id"],
            name=op.f("fk_travel_documents_traveller_id_travellers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_travel_documents")),
    )
    with op.batch_alter_table("travel_documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_travel_documents_number_key"), ["number_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_travel_documents_traveller_id"), ["traveller_id"], unique=False)

    op.create_table(
        "traveller_identities",
        sa.Column("traveller_id", sa.Integer(), nullable=False),
        sa.Column("surname", sa.String(length=200), nullable=False),
        sa.Column("given_names", sa.String(length=200), nullable=False),
        sa.Column("birth_date", sa.String(length=10), nullable=True),
        sa.Column("place_of_birth", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["traveller_id"],
            ["travellers.id"],
            name=op.f("fk_traveller_identities_traveller_id_travellers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("traveller_id", name=op.f("pk_traveller_identities")),
    )


def downgrade() -> None:

    op.drop_table("traveller_identities")
    with op.batch_alter_table("travel_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_travel_documents_traveller_id"))
        batch_op.drop_index(batch_op.f("ix_travel_documents_number_key"))

    op.drop_table("travel_documents")
    with op.batch_alter_table("hits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hits_traveller_id"))
        batch_op.drop_index(batch_op.f("ix_hits_record_id"))
        batch_op.drop_index(batch_op.f("ix_hits_created_at"))
        batch_op.drop_index(batch_op.f("ix_hits_booking_id"))
        batch_op.drop_index(batch_op.f("ix_hits_agency_id"))

    op.drop_table("hits")
    with op.batch_alter_table("travellers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_travellers_receiving_agency_id"))
        batch_op.drop_index(batch_op.f("ix_travellers_message_id"))
        batch_op.drop_index(batch_op.f("ix_travellers_flight_id"))
        batch_op.drop_index(batch_op.f("ix_travellers_created_at"))
        batch_op.drop_index(batch_op.f("ix_travellers_booking_version_id"))

    op.drop_table("travellers")
    op.drop_table("person_nationalities")
    with op.batch_alter_table("person_names", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_names_record_id"))

    op.drop_table("person_names")
    with op.batch_alter_table("person_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_documents_record_id"))

    op.drop_table("person_documents")
    with op.batch_alter_table("booking_legs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_booking_legs_flight_id"))
        batch_op.drop_index(batch_op.f("ix_booking_legs_booking_version_id"))

    op.drop_table("booking_legs")
    with op.batch_alter_table("record_shares", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_record_shares_agency_id"))

    op.drop_table("record_shares")
    op.drop_table("person_records")
    with op.batch_alter_table("document_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_records_number_key"))

    op.drop_table("document_records")
    with op.batch_alter_table("card_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_card_records_card_hash"))

    op.drop_table("card_records")
    with op.batch_alter_table("booking_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_booking_versions_booking_id"))

    op.drop_table("booking_versions")
    op.drop_table("user_roles")
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_records_register_id"))

    op.drop_table("records")
    with op.batch_alter_table("inbound_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_inbound_messages_sender_reference")
        batch_op.drop_index(batch_op.f("ix_inbound_messages_received_at"))

    op.drop_table("inbound_messages")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_user_id"))
        batch_op.drop_index(batch_op.f("ix_audit_events_at"))
        batch_op.drop_index(batch_op.f("ix_audit_events_agency_id"))

    op.drop_table("audit_events")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_agency_id"))

    op.drop_table("users")
    with op.batch_alter_table("registers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registers_owner_agency_id"))

    op.drop_table("registers")
    with op.batch_alter_table("machine_clients", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_machine_clients_agency_id"))

    op.drop_table("machine_clients")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bookings_receiving_agency_id"))

    op.drop_table("bookings")
    with op.batch_alter_table("flights", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_flights_departure_date"))

    op.drop_table("flights")
    op.drop_table("agencies")
