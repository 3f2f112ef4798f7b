"""What changed between versions of a booking; a subject key that deduplicates hits across pushes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("booking_versions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "changes",
                sa.JSON(),
                nullable=False,
                server_default=sa.text("'{}'"),  # existing versions: nothing recorded
                comment="what changed since the previous version",
            )
        )

    with op.batch_alter_table("hits", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "subject_key",
                sa.String(length=200),
                nullable=True,
                comment="the same traveller across pushes: deduplicates hits",
            )
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_hits_agency_id_subject_key_record_id"), ["agency_id", "subject_key", "record_id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("hits", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_hits_agency_id_subject_key_record_id"), type_="unique")
        batch_op.drop_column("subject_key")

    with op.batch_alter_table("booking_versions", schema=None) as batch_op:
        batch_op.drop_column("changes")
