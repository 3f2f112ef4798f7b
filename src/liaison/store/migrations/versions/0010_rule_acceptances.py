"""Risk rules across agencies: a version scoped to another agency's passengers
runs on them only once that agency has accepted it. Versions already in force
with such a scope are asked again (pending): none ran with consent before.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

STATUSES = ("pending", "accepted", "declined", "withdrawn")


def upgrade() -> None:
    op.create_table(
        "risk_rule_acceptances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(*STATUSES, name="rule_acceptance", native_enum=False, create_constraint=True, length=9),
            nullable=False,
        ),
        sa.Column("reason", sa.Text(), nullable=True, comment="why it was accepted, declined or withdrawn"),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["risk_rule_versions.id"],
            name="fk_risk_rule_acceptances_version_id_risk_rule_versions",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name="fk_risk_rule_acceptances_agency_id_agencies"
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name="fk_risk_rule_acceptances_decided_by_id_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_risk_rule_acceptances"),
        sa.UniqueConstraint("version_id", "agency_id", name="uq_risk_rule_acceptances_version_id_agency_id"),
    )
    op.create_index("ix_risk_rule_acceptances_version_id", "risk_rule_acceptances", ["version_id"])
    op.create_index("ix_risk_rule_acceptances_agency_id", "risk_rule_acceptances", ["agency_id"])
    _ask_for_versions_in_force()


def _ask_for_versions_in_force() -> None:
    connection = op.get_bind()
    agencies: dict[str, int] = {
        row[0]: row[1] for row in connection.execute(sa.text("SELECT code, id FROM agencies"))
    }
    rows = connection.execute(
        sa.text(
            "SELECT v.id, v.scope, r.agency_id FROM risk_rule_versions v "
            "JOIN risk_rules r ON r.id = v.rule_id WHERE v.status = 'active'"
        )
    ).all()
    now = datetime.now(UTC)
    wanted: list[dict[str, Any]] = []
    for version_id, scope, owner in rows:
        if isinstance(scope, str):  # SQLite hands JSON back as text
            scope = json.loads(scope)
        for code in sorted(set((scope or {}).get("agencies", ()))):
            agency_id = agencies.get(code)
            if agency_id is not None and agency_id != owner:
                wanted.append(
                    {
                        "version_id": version_id,
                        "agency_id": agency_id,
                        "status": "pending",
                        "requested_at": now,
                    }
                )
    if wanted:
        table = sa.table(
            "risk_rule_acceptances",
            sa.column("version_id", sa.Integer()),
            sa.column("agency_id", sa.Integer()),
            sa.column("status", sa.String()),
            sa.column("requested_at", sa.DateTime(timezone=True)),
        )
        op.bulk_insert(table, wanted)


def downgrade() -> None:
    op.drop_index("ix_risk_rule_acceptances_agency_id", table_name="risk_rule_acceptances")
    op.drop_index("ix_risk_rule_acceptances_version_id", table_name="risk_rule_acceptances")
    op.drop_table("risk_rule_acceptances")
