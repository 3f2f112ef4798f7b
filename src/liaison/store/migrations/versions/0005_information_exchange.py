"""Information exchange: cases, messages with their codes, recipients and receipts,
entities, attachments, forwarding permissions; full-text search over messages
(an FTS5 table on SQLite, a GIN index on PostgreSQL); notifications for one person
and the two new notification kinds; a hit / no-hit answer's explanation.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

OLD_KINDS = (
    "hit_on_record",
    "details_requested",
    "details_approved",
    "details_refused",
    "record_passed_on",
    "hit_confirmed",
)
NEW_KINDS = (*OLD_KINDS, "case_message", "request_overdue")

# The FTS5 index reads case_messages.search_text (external content): these keep it in step.
_FTS_TRIGGERS = {
    "insert": "INSERT INTO exchange_search(rowid, search_text) VALUES (new.id, new.search_text);",
    "delete": "INSERT INTO exchange_search(exchange_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text);",
    "update": "INSERT INTO exchange_search(exchange_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO exchange_search(rowid, search_text) VALUES (new.id, new.search_text);",
}


def _notification_kind(kinds: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*kinds, name="notification_kind", native_enum=False, create_constraint=True, length=17)


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=32), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column(
            "crime_area",
            sa.Enum(
                "terrorism",
                "high_risk_criminal_networks",
                "cyber_attacks",
                "trafficking_in_human_beings",
                "child_sexual_exploitation",
                "migrant_smuggling",
                "drug_trafficking",
                "fraud",
                "payment_card_fraud",
                "organised_property_crime",
                "environmental_crime",
                "firearms_trafficking",
                "money_laundering",
                "document_fraud",
                "other",
                name="crime_area",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("lead_agency_id", sa.Integer(), nullable=False),
        sa.Column("opened_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum("open", "closed", name="case_status", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("origin", sa.String(length=64), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["lead_agency_id"], ["agencies.id"], name=op.f("fk_cases_lead_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(["opened_by_id"], ["users.id"], name=op.f("fk_cases_opened_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("origin", name=op.f("uq_cases_origin")),
        sa.UniqueConstraint("reference", name=op.f("uq_cases_reference")),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cases_lead_agency_id"), ["lead_agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_cases_opened_at"), ["opened_at"], unique=False)

    op.create_table(
        "case_agencies",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("added_by_agency_id", sa.Integer(), nullable=True),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by_agency_id"], ["agencies.id"], name=op.f("fk_case_agencies_added_by_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_case_agencies_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_agencies_case_id_cases"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", "agency_id", name=op.f("pk_case_agencies")),
    )
    with op.batch_alter_table("case_agencies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_agencies_agency_id"), ["agency_id"], unique=False)

    op.create_table(
        "case_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("sender_agency_id", sa.Integer(), nullable=False),
        sa.Column("author_user_id", sa.Integer(), nullable=True),
        sa.Column("author_machine_client_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "information",
                "request",
                "answer",
                "refusal",
                "clarification_request",
                name="message_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("in_reply_to_id", sa.Integer(), nullable=True),
        sa.Column("forwarded_from_id", sa.Integer(), nullable=True),
        sa.Column("provider_agency_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column(
            "handling_code",
            sa.Enum("H0", "H1", "H2", "H3", name="handling_code", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("handling_restriction", sa.Text(), nullable=True),
        sa.Column(
            "source_reliability",
            sa.Enum("A", "B", "C", "X", name="source_reliability", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column(
            "information_accuracy",
            sa.Enum(
                "1", "2", "3", "4", name="information_accuracy", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column(
            "urgency",
            sa.Enum(
                "urgent_direct",
                "urgent_other",
                "normal",
                name="urgency",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "handling_code <> 'H3' OR handling_restriction IS NOT NULL",
            name=op.f("ck_case_messages_h3_has_restriction"),
        ),
        sa.CheckConstraint(
            "kind <> 'request' OR (urgency IS NOT NULL AND due_at IS NOT NULL)",
            name=op.f("ck_case_messages_request_due"),
        ),
        sa.ForeignKeyConstraint(
            ["author_machine_client_id"],
            ["machine_clients.id"],
            name=op.f("fk_case_messages_author_machine_client_id_machine_clients"),
        ),
        sa.ForeignKeyConstraint(
            ["author_user_id"], ["users.id"], name=op.f("fk_case_messages_author_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_messages_case_id_cases"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["forwarded_from_id"],
            ["case_messages.id"],
            name=op.f("fk_case_messages_forwarded_from_id_case_messages"),
        ),
        sa.ForeignKeyConstraint(
            ["in_reply_to_id"],
            ["case_messages.id"],
            name=op.f("fk_case_messages_in_reply_to_id_case_messages"),
        ),
        sa.ForeignKeyConstraint(
            ["provider_agency_id"], ["agencies.id"], name=op.f("fk_case_messages_provider_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["sender_agency_id"], ["agencies.id"], name=op.f("fk_case_messages_sender_agency_id_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_messages")),
    )
    with op.batch_alter_table("case_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_messages_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_messages_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_messages_due_at"), ["due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_messages_in_reply_to_id"), ["in_reply_to_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_case_messages_sender_agency_id"), ["sender_agency_id"], unique=False
        )

    op.create_table(
        "forward_permissions",
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("granted_by_id", sa.Integer(), nullable=True),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_forward_permissions_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["granted_by_id"], ["users.id"], name=op.f("fk_forward_permissions_granted_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["case_messages.id"],
            name=op.f("fk_forward_permissions_message_id_case_messages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("message_id", "agency_id", name=op.f("pk_forward_permissions")),
    )
    op.create_table(
        "message_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("stored_as", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["case_messages.id"],
            name=op.f("fk_message_attachments_message_id_case_messages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_attachments")),
    )
    with op.batch_alter_table("message_attachments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_message_attachments_message_id"), ["message_id"], unique=False)

    op.create_table(
        "message_entities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "person",
                "document",
                "vehicle",
                "phone",
                "flight",
                "booking",
                "record",
                "hit",
                "query_hit",
                name="entity_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("value", sa.String(length=300), nullable=False),
        sa.Column("normalised", sa.String(length=300), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["case_messages.id"],
            name=op.f("fk_message_entities_message_id_case_messages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_entities")),
    )
    with op.batch_alter_table("message_entities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_message_entities_message_id"), ["message_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_message_entities_normalised"), ["normalised"], unique=False)

    op.create_table(
        "message_recipients",
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("read_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "request_status",
            sa.Enum(
                "open",
                "answered",
                "refused",
                "clarification_asked",
                name="request_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("replied_by_id", sa.Integer(), nullable=True),
        sa.Column("overdue_flagged_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_message_recipients_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["case_messages.id"],
            name=op.f("fk_message_recipients_message_id_case_messages"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["read_by_id"], ["users.id"], name=op.f("fk_message_recipients_read_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["replied_by_id"],
            ["case_messages.id"],
            name=op.f("fk_message_recipients_replied_by_id_case_messages"),
        ),
        sa.PrimaryKeyConstraint("message_id", "agency_id", name=op.f("pk_message_recipients")),
    )
    with op.batch_alter_table("message_recipients", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_message_recipients_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_message_recipients_due_at"), ["due_at"], unique=False)

    with op.batch_alter_table("query_hits", schema=None) as batch_op:
        batch_op.add_column(sa.Column("explanation", sa.JSON(), nullable=True))

    with op.batch_alter_table("detail_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_detail_requests_message_id_case_messages"), "case_messages", ["message_id"], ["id"]
        )

    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_notifications_user_id"), ["user_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_notifications_user_id_users"), "users", ["user_id"], ["id"]
        )
        batch_op.alter_column(
            "kind", existing_type=_notification_kind(OLD_KINDS), type_=_notification_kind(NEW_KINDS)
        )

    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE exchange_search USING fts5("
            "search_text, content='case_messages', content_rowid='id', "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        for event, action in _FTS_TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER exchange_search_{event} AFTER {event.upper()} ON case_messages "
                f"BEGIN {action} END"
            )
    else:
        op.execute(
            "CREATE INDEX ix_case_messages_search ON case_messages "
            "USING gin (to_tsvector('simple', search_text))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in _FTS_TRIGGERS:
            op.execute(f"DROP TRIGGER exchange_search_{event}")
        op.execute("DROP TABLE exchange_search")
    else:
        op.execute("DROP INDEX ix_case_messages_search")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.alter_column(
            "kind", existing_type=_notification_kind(NEW_KINDS), type_=_notification_kind(OLD_KINDS)
        )
        batch_op.drop_constraint(batch_op.f("fk_notifications_user_id_users"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_notifications_user_id"))
        batch_op.drop_column("user_id")

    with op.batch_alter_table("query_hits", schema=None) as batch_op:
        batch_op.drop_column("explanation")

    with op.batch_alter_table("detail_requests", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_detail_requests_message_id_case_messages"), type_="foreignkey"
        )
        batch_op.drop_column("message_id")

    with op.batch_alter_table("message_recipients", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_recipients_due_at"))
        batch_op.drop_index(batch_op.f("ix_message_recipients_agency_id"))

    op.drop_table("message_recipients")
    with op.batch_alter_table("message_entities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_entities_normalised"))
        batch_op.drop_index(batch_op.f("ix_message_entities_message_id"))

    op.drop_table("message_entities")
    with op.batch_alter_table("message_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_attachments_message_id"))

    op.drop_table("message_attachments")
    op.drop_table("forward_permissions")
    with op.batch_alter_table("case_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_messages_sender_agency_id"))
        batch_op.drop_index(batch_op.f("ix_case_messages_in_reply_to_id"))
        batch_op.drop_index(batch_op.f("ix_case_messages_due_at"))
        batch_op.drop_index(batch_op.f("ix_case_messages_created_at"))
        batch_op.drop_index(batch_op.f("ix_case_messages_case_id"))

    op.drop_table("case_messages")
    with op.batch_alter_table("case_agencies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_agencies_agency_id"))

    op.drop_table("case_agencies")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_opened_at"))
        batch_op.drop_index(batch_op.f("ix_cases_lead_agency_id"))

    op.drop_table("cases")
