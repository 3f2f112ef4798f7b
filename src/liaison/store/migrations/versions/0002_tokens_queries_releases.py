"""API tokens, login attempts, hit/no-hit queries, detail requests, releases, notifications,
several birth dates per person; audit events made append-only by database triggers.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("remote", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempts")),
    )
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.create_index("ix_login_attempts_remote_at", ["remote", "at"], unique=False)
        batch_op.create_index("ix_login_attempts_username_at", ["username", "at"], unique=False)

    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "hit_on_record",
                "details_requested",
                "details_approved",
                "details_refused",
                "record_passed_on",
                "hit_confirmed",
                name="notification_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_notifications_agency_id_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notifications_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_notifications_created_at"), ["created_at"], unique=False)

    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("machine_client_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "token_prefix",
            sa.String(length=16),
            nullable=False,
            comment="first characters, to recognise a token",
        ),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "(user_id IS NULL) <> (machine_client_id IS NULL)", name=op.f("ck_api_tokens_one_holder")
        ),
        sa.ForeignKeyConstraint(
            ["machine_client_id"],
            ["machine_clients.id"],
            name=op.f("fk_api_tokens_machine_client_id_machine_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_api_tokens_machine_client_id"), ["machine_client_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_api_tokens_user_id"), ["user_id"], unique=False)

    op.create_table(
        "register_queries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("machine_client_id", sa.Integer(), nullable=True),
        sa.Column("batch", sa.String(length=36), nullable=False, comment="queries sent in one call"),
        sa.Column(
            "kind",
            sa.Enum(
                "persons", "documents", "cards", name="query_kind", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False, comment="what was asked (personal data)"),
        sa.Column("hit_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_register_queries_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["machine_client_id"],
            ["machine_clients.id"],
            name=op.f("fk_register_queries_machine_client_id_machine_clients"),
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_register_queries_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_register_queries")),
    )
    with op.batch_alter_table("register_queries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_register_queries_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_register_queries_batch"), ["batch"], unique=False)
        batch_op.create_index(batch_op.f("ix_register_queries_created_at"), ["created_at"], unique=False)

    op.create_table(
        "query_hits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("query_id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("owner_agency_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_agency_id"], ["agencies.id"], name=op.f("fk_query_hits_owner_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["query_id"],
            ["register_queries.id"],
            name=op.f("fk_query_hits_query_id_register_queries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["record_id"], ["records.id"], name=op.f("fk_query_hits_record_id_records")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_query_hits")),
    )
    with op.batch_alter_table("query_hits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_query_hits_owner_agency_id"), ["owner_agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_query_hits_query_id"), ["query_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_query_hits_record_id"), ["record_id"], unique=False)

    op.create_table(
        "detail_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("query_hit_id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("requesting_agency_id", sa.Integer(), nullable=False),
        sa.Column("owner_agency_id", sa.Integer(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "approved",
                "refused",
                name="detail_request_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_detail_requests_decided_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["owner_agency_id"], ["agencies.id"], name=op.f("fk_detail_requests_owner_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["query_hit_id"], ["query_hits.id"], name=op.f("fk_detail_requests_query_hit_id_query_hits")
        ),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name=op.f("fk_detail_requests_record_id_records")
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"], ["users.id"], name=op.f("fk_detail_requests_requested_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["requesting_agency_id"],
            ["agencies.id"],
            name=op.f("fk_detail_requests_requesting_agency_id_agencies"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_detail_requests")),
        sa.UniqueConstraint("query_hit_id", name=op.f("uq_detail_requests_query_hit_id")),
    )
    with op.batch_alter_table("detail_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_detail_requests_owner_agency_id"), ["owner_agency_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_detail_requests_record_id"), ["record_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_detail_requests_requesting_agency_id"), ["requesting_agency_id"], unique=False
        )

    op.create_table(
        "record_releases",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "released_by_agency_id",
            sa.Integer(),
            nullable=False,
            comment="the owner, or an agency passing it on with the owner's leave",
        ),
        sa.Column("detail_request_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_record_releases_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["detail_request_id"],
            ["detail_requests.id"],
            name=op.f("fk_record_releases_detail_request_id_detail_requests"),
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name=op.f("fk_record_releases_record_id_records"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["released_by_agency_id"],
            ["agencies.id"],
            name=op.f("fk_record_releases_released_by_agency_id_agencies"),
        ),
        sa.PrimaryKeyConstraint("record_id", "agency_id", name=op.f("pk_record_releases")),
    )
    with op.batch_alter_table("record_releases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_record_releases_agency_id"), ["agency_id"], unique=False)

    with op.batch_alter_table("machine_clients", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_machine_clients_token_hash"), type_="unique")
        batch_op.drop_column("last_used_at")
        batch_op.drop_column("token_hash")
        batch_op.drop_column("token_prefix")

    op.create_table(
        "person_birth_dates",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=10), nullable=False, comment="YYYY, YYYY-MM or YYYY-MM-DD"),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["person_records.record_id"],
            name=op.f("fk_person_birth_dates_record_id_person_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("record_id", "value", name=op.f("pk_person_birth_dates")),
    )
    op.execute(
        "INSERT INTO person_birth_dates (record_id, value) "
        "SELECT record_id, birth_date FROM person_records WHERE birth_date IS NOT NULL"
    )
    with op.batch_alter_table("person_records", schema=None) as batch_op:
        batch_op.drop_column("birth_date")

    _make_audit_append_only()


AUDIT_GUARD_MESSAGE = "audit events cannot be changed or deleted"


def _make_audit_append_only() -> None:
    """Refuse UPDATE and DELETE on audit_events in the database itself."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{AUDIT_GUARD_MESSAGE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events "
            "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()"
        )
        return
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_events_no_{event.lower()} BEFORE {event} ON audit_events "
            f"BEGIN SELECT RAISE(ABORT, '{AUDIT_GUARD_MESSAGE}'); END"
        )


def _drop_audit_guard() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_events_append_only ON audit_events")
        op.execute("DROP FUNCTION audit_events_append_only()")
        return
    for event in ("update", "delete"):
        op.execute(f"DROP TRIGGER audit_events_no_{event}")


def downgrade() -> None:
    _drop_audit_guard()
    with op.batch_alter_table("person_records", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "birth_date", sa.String(length=10), nullable=True, comment="YYYY, YYYY-MM or YYYY-MM-DD"
            )
        )
    # One column holds one date: keep the earliest of several.
    op.execute(
        "UPDATE person_records SET birth_date = (SELECT MIN(value) FROM person_birth_dates "
        "WHERE person_birth_dates.record_id = person_records.record_id)"
    )
    op.drop_table("person_birth_dates")
    # Tokens now live in api_tokens; old clients get a hash no token can have.
    with op.batch_alter_table("machine_clients", schema=None) as batch_op:
        batch_op.add_column(sa.Column("token_prefix", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("token_hash", sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE machine_clients SET token_prefix = '', token_hash = 'revoked-' || id")
    with op.batch_alter_table("machine_clients", schema=None) as batch_op:
        batch_op.alter_column("token_prefix", existing_type=sa.String(length=16), nullable=False)
        batch_op.alter_column("token_hash", existing_type=sa.String(length=128), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_machine_clients_token_hash"), ["token_hash"])

    with op.batch_alter_table("record_releases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_record_releases_agency_id"))

    op.drop_table("record_releases")
    with op.batch_alter_table("detail_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_detail_requests_requesting_agency_id"))
        batch_op.drop_index(batch_op.f("ix_detail_requests_record_id"))
        batch_op.drop_index(batch_op.f("ix_detail_requests_owner_agency_id"))

    op.drop_table("detail_requests")
    with op.batch_alter_table("query_hits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_query_hits_record_id"))
        batch_op.drop_index(batch_op.f("ix_query_hits_query_id"))
        batch_op.drop_index(batch_op.f("ix_query_hits_owner_agency_id"))

    op.drop_table("query_hits")
    with op.batch_alter_table("register_queries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_register_queries_created_at"))
        batch_op.drop_index(batch_op.f("ix_register_queries_batch"))
        batch_op.drop_index(batch_op.f("ix_register_queries_agency_id"))

    op.drop_table("register_queries")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_tokens_user_id"))
        batch_op.drop_index(batch_op.f("ix_api_tokens_machine_client_id"))

    op.drop_table("api_tokens")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notifications_created_at"))
        batch_op.drop_index(batch_op.f("ix_notifications_agency_id"))

    op.drop_table("notifications")
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_login_attempts_username_at")
        batch_op.drop_index("ix_login_attempts_remote_at")

    op.drop_table("login_attempts")
