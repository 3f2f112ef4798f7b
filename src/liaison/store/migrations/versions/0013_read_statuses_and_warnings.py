"""Messages say how they were read; booking versions keep their warnings.

A message read with warnings or in part was stored as `processed` with a note in
`error`: two statuses now say so (`read_with_warnings`, `partly_read`), and the
messages already stored with such a note get the status it states. The message's
warnings are kept as a list, filled for those messages from their note (so that one
shown as read with warnings names them); a booking version keeps the warnings of its
PNR and a digest of the booking as read (the same PNR pushed again is not a new version).

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

# How `ingest.process` wrote its note until now: "partly read: e1; e2 | warnings: w1; w2",
# each list joined with "; " and cut at 20 items.
WARNINGS_NOTE = "warnings: "
NOTES_SEPARATOR = " | "
ITEMS_SEPARATOR = "; "
NOTE_LIMIT = 20
BATCH = 1000

BEFORE = ("received", "processed", "duplicate", "rejected", "failed")
AFTER = ("received", "processed", "read_with_warnings", "partly_read", "duplicate", "rejected", "failed")
CONSTRAINT = "ck_inbound_messages_message_status"


def _status_check(values: tuple[str, ...]) -> str:
    return "status IN (" + ", ".join(f"'{value}'" for value in values) + ")"


def warnings_of_note(note: str) -> list[str]:
    """The warnings an old note lists, split as they were joined; a list cut at the
    old limit says that more may have been left out, so nothing is lost silently."""
    if note.startswith(WARNINGS_NOTE):
        listed = note[len(WARNINGS_NOTE) :]
    elif (at := note.find(NOTES_SEPARATOR + WARNINGS_NOTE)) >= 0:
        listed = note[at + len(NOTES_SEPARATOR + WARNINGS_NOTE) :]
    else:
        return []
    found = [text for text in listed.split(ITEMS_SEPARATOR) if text.strip()]
    if len(found) >= NOTE_LIMIT:
        found.append(f"only the first {NOTE_LIMIT} warnings were kept when this message was read")
    return found


def _fill_warnings() -> None:
    """Each message now read with warnings or in part gets the warnings of its note, in
    batches by id (a long history is not held whole); JSON bound the same on both databases."""
    messages = sa.table(
        "inbound_messages",
        sa.column("id", sa.Integer()),
        sa.column("status", sa.String()),
        sa.column("error", sa.Text()),
        sa.column("warnings", sa.JSON()),
    )
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(
            sa.select(messages.c.id, messages.c.error)
            .where(
                messages.c.id > last,
                messages.c.status.in_(("read_with_warnings", "partly_read")),
                messages.c.error.like(f"%{WARNINGS_NOTE}%"),
            )
            .order_by(messages.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        filled = [
            {"message_id": id_, "found": found} for id_, note in rows if (found := warnings_of_note(note))
        ]
        if filled:
            connection.execute(
                sa.update(messages)
                .where(messages.c.id == sa.bindparam("message_id"))
                .values(warnings=sa.bindparam("found")),
                filled,
            )
        last = rows[-1][0]


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
    _fill_warnings()
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
