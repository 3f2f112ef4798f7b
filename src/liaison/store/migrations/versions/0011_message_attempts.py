"""Dead letters: count failed processing attempts and allow the `failed` status.

A message whose processing fails again and again (poison) is set aside as
`failed` after a bounded number of attempts instead of being redelivered for
ever; the count lives in the database so that it holds across workers and
restarts.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

BEFORE = ("received", "processed", "duplicate", "rejected")
AFTER = (*BEFORE, "failed")
CONSTRAINT = "ck_inbound_messages_message_status"


def _status_check(values: tuple[str, ...]) -> str:
    return "status IN (" + ", ".join(f"'{value}'" for value in values) + ")"


def upgrade() -> None:
    with op.batch_alter_table("inbound_messages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "attempts",
                sa.Integer(),
                server_default="0",
                nullable=False,
                comment="processing attempts that failed; at the limit the message is set aside as failed",
            )
        )
        batch_op.drop_constraint(batch_op.f(CONSTRAINT), type_="check")
        batch_op.create_check_constraint(batch_op.f(CONSTRAINT), _status_check(AFTER))


def downgrade() -> None:
    op.execute("UPDATE inbound_messages SET status = 'received' WHERE status = 'failed'")
    with op.batch_alter_table("inbound_messages", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f(CONSTRAINT), type_="check")
        batch_op.create_check_constraint(batch_op.f(CONSTRAINT), _status_check(BEFORE))
        batch_op.drop_column("attempts")
