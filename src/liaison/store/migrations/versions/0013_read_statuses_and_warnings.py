"""Messages say how they were read; booking versions keep their warnings.

A message read with warnings or in part was stored as `processed` with a note in
`error`: two statuses now say so (`read_with_warnings`, `partly_read`), and the
messages already stored with such a note get the status it states. The message's
warnings are kept as a list, a booking version keeps the warnings of its PNR and a
digest of the booking as read (the same PNR pushed again is not a new version).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

BEFORE = ("received", "processed", "duplicate", "rejected", "failed")
AFTER = ("received", "processed", "read_with_warnings", "partly_read", "duplicate", "rejected", "failed")
CONSTRAINT = "ck_inbound_messages_message_status"


def _status_check(values: tuple[str, ...]) -> str:
    return "status IN (" + ", ".join(f"'{value}'" for value in values) + ")"


def upgrade() -> None:
    with op.batch_alter_table("inbound_messages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "warnings",
                sa.JSON(),
                nullable=True,
                comment="what was changed, left out or doubted when it was read (catalogued warnings)",
            )
        )
        batch_op.drop_constraint(batch_op.f(CONSTRAINT), type_="check")
        batch_op.alter_column(
            "status",
            existing_type=sa.String(length=9),
            type_=sa.String(length=max(len(value) for value in AFTER)),
            existing_nullable=False,
        )
        batch_op.create_check_constraint(batch_op.f(CONSTRAINT), _status_check(AFTER))
    # The notes `ingest.process` wrote until now: "partly read: ..." first, then "warnings: ...".
    op.execute(
        "UPDATE inbound_messages SET status = 'partly_read' "
        "WHERE status = 'processed' AND error LIKE 'partly read: %'"
    )
    op.execute(
        "UPDATE inbound_messages SET status = 'read_with_warnings' "
        "WHERE status = 'processed' AND error LIKE 'warnings: %'"
    )
    with op.batch_alter_table("booking_versions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "warnings",
                sa.JSON(),
                nullable=True,
                comment="what the reader changed, left out or doubted in this PNR",
            )
        )
        batch_op.add_column(
            sa.Column(
                "content_sha256",
                sa.String(length=64),
                nullable=True,
                comment="digest of the booking as read: the same PNR pushed again is not a new version",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("booking_versions", schema=None) as batch_op:
        batch_op.drop_column("content_sha256")
        batch_op.drop_column("warnings")
    op.execute(
        "UPDATE inbound_messages SET status = 'processed' "
        "WHERE status IN ('read_with_warnings', 'partly_read')"
    )
    with op.batch_alter_table("inbound_messages", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f(CONSTRAINT), type_="check")
        batch_op.alter_column(
            "status",
            existing_type=sa.String(length=max(len(value) for value in AFTER)),
            type_=sa.String(length=9),
            existing_nullable=False,
        )
        batch_op.create_check_constraint(batch_op.f(CONSTRAINT), _status_check(BEFORE))
        batch_op.drop_column("warnings")
