"""Card numbers kept before masking read messages as their readers do.

Until this version, raw messages were masked by a byte pattern that missed other
`UNA` separators, the typographic terminator, single-quoted or character-referenced
XML attributes and numbers split by dots or line breaks, and free text was not
masked at all. Rows written then may hold a clear card number: they are masked
here with the same functions that mask new input. A raw message's size and digest
follow its masked body, as they do for new messages. Masking cannot be undone, so
the downgrade leaves the data as it is.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from alembic import op

from liaison.domain.cards import mask_card_numbers_in_text
from liaison.formats.masking import mask_card_numbers

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

BATCH = 500
# Free text people and machines wrote, as the services now mask it on the way in:
# table, its key, its text columns.
FREE_TEXT = (
    ("inbound_messages", "id", ("error",)),
    ("cases", "id", ("subject",)),
    ("case_messages", "id", ("body", "search_text")),
    ("field_reports", "id", ("text",)),
    ("fraud_alerts", "id", ("reason",)),
    ("hits", "id", ("reason",)),
    ("detail_requests", "id", ("justification", "decision_reason")),
    ("person_records", "record_id", ("remarks",)),
    ("identity_decisions", "id", ("reason",)),
)


def _batches(connection: sa.Connection, key: Any, columns: list[Any]) -> Iterator[tuple[Any, ...]]:
    """Key and columns of a table's rows in key order, a batch at a time: a year of
    messages does not fit in memory."""
    last = 0
    while True:
        rows = connection.execute(sa.select(key, *columns).where(key > last).order_by(key).limit(BATCH)).all()
        if not rows:
            return
        yield from (tuple(row) for row in rows)
        last = rows[-1][0]


def _remask_messages(connection: sa.Connection) -> None:
    messages = sa.table(
        "inbound_messages", sa.column("id"), sa.column("body"), sa.column("size"), sa.column("sha256")
    )
    for row in _batches(connection, messages.c.id, [messages.c.body]):
        id_, body = row[0], bytes(row[1])
        masked = mask_card_numbers(body)
        if masked != body:
            connection.execute(
                messages.update()
                .where(messages.c.id == id_)
                .values(body=masked, size=len(masked), sha256=hashlib.sha256(masked).hexdigest())
            )


def _remask_text(connection: sa.Connection, name: str, key: str, names: tuple[str, ...]) -> None:
    table = sa.table(name, sa.column(key), *(sa.column(column) for column in names))
    columns = [table.c[column] for column in names]
    for row in _batches(connection, table.c[key], columns):
        id_, values = row[0], row[1:]
        changed = {
            column: masked
            for column, value in zip(names, values, strict=True)
            if value is not None and (masked := mask_card_numbers_in_text(value)) != value
        }
        if changed:
            connection.execute(table.update().where(table.c[key] == id_).values(**changed))


def upgrade() -> None:
    connection = op.get_bind()
    _remask_messages(connection)
    for name, key, columns in FREE_TEXT:
        _remask_text(connection, name, key, columns)


def downgrade() -> None:
    """Nothing to do: a masked number cannot be told again."""
