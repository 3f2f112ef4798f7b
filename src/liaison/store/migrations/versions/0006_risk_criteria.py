"""Risk criteria: named lists, rules and their versions (four-eyes approval as a
CHECK), and the facts of each booking version for back-testing.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(
        *values, name=name, native_enum=False, create_constraint=True, length=max(len(v) for v in values)
    )


def _user(column: str) -> sa.Column[int]:
    return sa.Column(
        column, sa.Integer(), sa.ForeignKey("users.id", name=f"fk_risk_rule_versions_{column}_users")
    )


def upgrade() -> None:
    op.create_table(
        "criteria_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", _enum("list_kind", "airports", "countries", "bins"), nullable=False),
        sa.Column("entries", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"], name="fk_criteria_lists_agency_id_agencies"),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name="fk_criteria_lists_updated_by_id_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_criteria_lists"),
        sa.UniqueConstraint("agency_id", "name", name="uq_criteria_lists_agency_id_name"),
    )
    op.create_index("ix_criteria_lists_agency_id", "criteria_lists", ["agency_id"])
    op.create_table(
        "risk_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"], name="fk_risk_rules_agency_id_agencies"),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name="fk_risk_rules_created_by_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_risk_rules"),
    )
    op.create_index("ix_risk_rules_agency_id", "risk_rules", ["agency_id"])
    op.create_table(
        "risk_rule_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "definition", sa.JSON(), nullable=False, comment="the rule as written (name, description, when)"
        ),
        sa.Column(
            "lists",
            sa.JSON(),
            nullable=False,
            comment="the named lists it uses, as they stood when this version was saved",
        ),
        sa.Column("status", _enum("rule_status", "draft", "approved", "active", "retired"), nullable=False),
        _user("author_id"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("backtest", sa.JSON(), nullable=True, comment="figures shown before approval"),
        _user("approved_by_id"),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("scope", sa.JSON(), nullable=False, comment="airports and flights it applies to"),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=True),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=True),
        _user("activated_by_id"),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=True),
        _user("retired_by_id"),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "approved_by_id IS NULL OR approved_by_id <> author_id", name="ck_risk_rule_versions_four_eyes"
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["risk_rules.id"],
            name="fk_risk_rule_versions_rule_id_risk_rules",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_risk_rule_versions"),
        sa.UniqueConstraint("rule_id", "version", name="uq_risk_rule_versions_rule_id_version"),
    )
    op.create_index("ix_risk_rule_versions_rule_id", "risk_rule_versions", ["rule_id"])
    op.create_index(
        "ix_traveller_identities_person", "traveller_identities", ["surname", "given_names", "birth_date"]
    )
    with op.batch_alter_table("booking_versions") as batch:
        batch.add_column(
            sa.Column(
                "facts",
                sa.JSON(),
                nullable=True,
                comment="what risk rules may look at (liaison.criteria.BookingFacts), for back-testing",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("booking_versions") as batch:
        batch.drop_column("facts")
    op.drop_index("ix_traveller_identities_person", table_name="traveller_identities")
    op.drop_index("ix_risk_rule_versions_rule_id", table_name="risk_rule_versions")
    op.drop_table("risk_rule_versions")
    op.drop_index("ix_risk_rules_agency_id", table_name="risk_rules")
    op.drop_table("risk_rules")
    op.drop_index("ix_criteria_lists_agency_id", table_name="criteria_lists")
    op.drop_table("criteria_lists")
