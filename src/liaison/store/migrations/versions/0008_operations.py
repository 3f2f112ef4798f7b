"""Operations: joint and airport action days with their agencies, field reports
from the airports, and airlines' fraud alerts.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

OUTCOMES = ("arrest", "refused_boarding", "released", "seizure", "no_action")


def upgrade() -> None:
    op.create_table(
        "operations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("lead_agency_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("crime_areas", sa.JSON(), nullable=False),
        sa.Column(
            "scope", sa.JSON(), nullable=False, comment="airports, routes, registers and rules in scope"
        ),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "closed_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="the lead closed it: figures are final",
        ),
        sa.CheckConstraint("ends_at > starts_at", name="ck_operations_period"),
        sa.ForeignKeyConstraint(
            ["lead_agency_id"], ["agencies.id"], name="fk_operations_lead_agency_id_agencies"
        ),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name="fk_operations_created_by_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_operations"),
    )
    op.create_index("ix_operations_lead_agency_id", "operations", ["lead_agency_id"])
    op.create_table(
        "operation_agencies",
        sa.Column("operation_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["operation_id"],
            ["operations.id"],
            name="fk_operation_agencies_operation_id_operations",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name="fk_operation_agencies_agency_id_agencies"
        ),
        sa.PrimaryKeyConstraint("operation_id", "agency_id", name="pk_operation_agencies"),
    )
    op.create_index("ix_operation_agencies_agency_id", "operation_agencies", ["agency_id"])
    op.create_table(
        "field_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operation_id", sa.Integer(), nullable=False),
        sa.Column("hit_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("airport", sa.String(length=3), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum(*OUTCOMES, name="field_outcome", native_enum=False, create_constraint=True, length=16),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["operation_id"],
            ["operations.id"],
            name="fk_field_reports_operation_id_operations",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["hit_id"], ["hits.id"], name="fk_field_reports_hit_id_hits"),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"], name="fk_field_reports_agency_id_agencies"),
        sa.ForeignKeyConstraint(["officer_id"], ["users.id"], name="fk_field_reports_officer_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_field_reports"),
    )
    op.create_index("ix_field_reports_operation_id", "field_reports", ["operation_id"])
    op.create_index("ix_field_reports_hit_id", "field_reports", ["hit_id"])
    op.create_index("ix_field_reports_reported_at", "field_reports", ["reported_at"])
    op.create_table(
        "fraud_alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("airline_agency_id", sa.Integer(), nullable=False),
        sa.Column("carrier", sa.String(length=3), nullable=False),
        sa.Column("record_locator", sa.String(length=12), nullable=False),
        sa.Column("flight_number", sa.String(length=5), nullable=True),
        sa.Column("origin", sa.String(length=3), nullable=True),
        sa.Column("destination", sa.String(length=3), nullable=True),
        sa.Column("departure_date", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["airline_agency_id"], ["agencies.id"], name="fk_fraud_alerts_airline_agency_id_agencies"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_fraud_alerts"),
    )
    op.create_index("ix_fraud_alerts_airline_agency_id", "fraud_alerts", ["airline_agency_id"])
    op.create_index("ix_fraud_alerts_departure_date", "fraud_alerts", ["departure_date"])
    op.create_index("ix_fraud_alerts_received_at", "fraud_alerts", ["received_at"])


def downgrade() -> None:
    op.drop_table("fraud_alerts")
    op.drop_table("field_reports")
    op.drop_table("operation_agencies")
    op.drop_table("operations")
