"""Indexes for finding waiting messages and repeats without a reference.

`process_pending` and the workers' sweep look for messages still `received`,
and a repeat of a message with no interchange reference is found by its
digest: without these indexes both read every message ever received.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_inbound_messages_sender_sha256", "inbound_messages", ["sender_agency_id", "sha256"])
    op.create_index("ix_inbound_messages_status_id", "inbound_messages", ["status", "id"])


def downgrade() -> None:
    op.drop_index("ix_inbound_messages_status_id", table_name="inbound_messages")
    op.drop_index("ix_inbound_messages_sender_sha256", table_name="inbound_messages")
