"""Hits carry a priority: a document or corroborated match before a name alone.

The review queue sorts by it, then by score. Each hit already stored is graded
from its stored explanation, as screening grades new ones
(`liaison.matching.priority.assess_stored`): a person match from its aligned
names and evidence, a travel document matched on its number as a document
agreeing. Risk-rule and card hits grade no identity and keep no priority (null),
as does a row whose explanation cannot be read. The downgrade drops the columns.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-09
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from liaison.matching.priority import assess_stored

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

BATCH = 1000


def _grade_hits() -> None:
    """Grade every stored hit, in batches by id (a year of hits is not held whole)."""
    hits = sa.table(
        "hits",
        sa.column("id", sa.Integer()),
        sa.column("explanation", sa.JSON()),
        sa.column("priority", sa.Integer()),
        sa.column("priority_reason", sa.String()),
    )
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(
            sa.select(hits.c.id, hits.c.explanation).where(hits.c.id > last).order_by(hits.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        graded = [
            {"hit_id": id_, "grade": int(found.priority), "why": found.reason}
            for id_, explanation in rows
            if isinstance(explanation, dict) and (found := assess_stored(explanation)) is not None
        ]
        if graded:
            connection.execute(
                sa.update(hits)
                .where(hits.c.id == sa.bindparam("hit_id"))
                .values(priority=sa.bindparam("grade"), priority_reason=sa.bindparam("why")),
                graded,
            )
        last = rows[-1][0]


def upgrade() -> None:
    with op.batch_alter_table("hits", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "priority",
                sa.Integer(),
                nullable=True,
                comment="1 most urgent to 4 (liaison.matching.priority), read from the explanation; "
                "null for hits that grade no identity (risk rules, cards)",
            )
        )
        batch_op.add_column(
            sa.Column(
                "priority_reason",
                sa.String(length=120),
                nullable=True,
                comment="why this priority, in English",
            )
        )
    _grade_hits()


def downgrade() -> None:
    with op.batch_alter_table("hits", schema=None) as batch_op:
        batch_op.drop_column("priority_reason")
        batch_op.drop_column("priority")
