"""Name parts counted over the screened traffic.

The matcher learns how common a name part is from the registers and from the
travellers it screens (liaison.matching.frequency); the travellers' counts are
kept here, updated in bulk per screened batch and loaded at start.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "name_part_counts",
        sa.Column("part", sa.String(length=64), nullable=False),
        sa.Column("persons", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("part", name=op.f("pk_name_part_counts")),
    )


def downgrade() -> None:
    op.drop_table("name_part_counts")
