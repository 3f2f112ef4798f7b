"""Journeys: frequent-flyer numbers of travellers, keyed hashes of a booking's
contacts, analysts' identity decisions.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The same person under another spelling is looked for by birth date.
    op.create_index("ix_traveller_identities_birth_date", "traveller_identities", ["birth_date"])
    with op.batch_alter_table("traveller_identities") as batch:
        batch.add_column(
            sa.Column("frequent_flyers", sa.JSON(), nullable=True, comment='"LH:992200331", for journeys')
        )
    with op.batch_alter_table("booking_versions") as batch:
        batch.add_column(
            sa.Column(
                "contact_hashes",
                sa.JSON(),
                nullable=True,
                comment="keyed hashes of the booking's e-mail addresses and phones (never in clear)",
            )
        )
    op.create_table(
        "identity_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("traveller_a_id", sa.Integer(), nullable=False),
        sa.Column("traveller_b_id", sa.Integer(), nullable=False),
        sa.Column("same", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name="fk_identity_decisions_agency_id_agencies"
        ),
        sa.ForeignKeyConstraint(
            ["traveller_a_id"],
            ["travellers.id"],
            name="fk_identity_decisions_traveller_a_id_travellers",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["traveller_b_id"],
            ["travellers.id"],
            name="fk_identity_decisions_traveller_b_id_travellers",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name="fk_identity_decisions_decided_by_id_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_identity_decisions"),
        sa.UniqueConstraint(
            "agency_id",
            "traveller_a_id",
            "traveller_b_id",
            name="uq_identity_decisions_agency_id_traveller_a_id_traveller_b_id",
        ),
    )
    op.create_index("ix_identity_decisions_agency_id", "identity_decisions", ["agency_id"])
    op.create_index("ix_identity_decisions_traveller_a_id", "identity_decisions", ["traveller_a_id"])
    op.create_index("ix_identity_decisions_traveller_b_id", "identity_decisions", ["traveller_b_id"])


def downgrade() -> None:
    op.drop_index("ix_identity_decisions_traveller_b_id", table_name="identity_decisions")
    op.drop_index("ix_identity_decisions_traveller_a_id", table_name="identity_decisions")
    op.drop_index("ix_identity_decisions_agency_id", table_name="identity_decisions")
    op.drop_table("identity_decisions")
    with op.batch_alter_table("booking_versions") as batch:
        batch.drop_column("contact_hashes")
    with op.batch_alter_table("traveller_identities") as batch:
        batch.drop_column("frequent_flyers")
    op.drop_index("ix_traveller_identities_birth_date", table_name="traveller_identities")
