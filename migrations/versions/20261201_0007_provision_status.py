"""Negotiation status of provisions: an append-only history of status changes.

A provision's status (open, under negotiation, informally agreed, agreed ad referendum,
reopened) is the last change recorded for it; no change means open.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

STATUSES = ("open", "under_negotiation", "informally_agreed", "agreed_ad_ref", "reopened")
TABLE = "provision_status_changes"


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _status(name: str) -> sa.Enum:
    return sa.Enum(*STATUSES, name=name, native_enum=False, create_constraint=True, length=25)


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provision_id", sa.Integer(), nullable=False),
        sa.Column("from_status", _status("provision_from_status"), nullable=False),
        sa.Column("to_status", _status("provision_to_status"), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["provision_id"], ["provisions.id"], name=op.f(f"fk_{TABLE}_provision_id_provisions")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name=op.f(f"fk_{TABLE}_session_id_sessions")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f(f"fk_{TABLE}_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{TABLE}")),
    )
    op.create_index(op.f(f"ix_{TABLE}_provision_id"), TABLE, ["provision_id"])
    op.create_index(op.f(f"ix_{TABLE}_session_id"), TABLE, ["session_id"])
    # The history is the record of decisions: the database refuses to change or delete it.
    for statement in ("UPDATE", "DELETE"):
        name = f"{TABLE}_no_{statement.lower()}"
        if _postgres():
            op.execute(
                f"CREATE TRIGGER {name} BEFORE {statement} ON {TABLE} "
                "FOR EACH ROW EXECUTE FUNCTION workbench_append_only()"
            )
        else:
            op.execute(
                f"CREATE TRIGGER {name} BEFORE {statement} ON {TABLE} "
                f"BEGIN SELECT RAISE(ABORT, 'append-only: {statement} on {TABLE} is refused'); END"
            )


def downgrade() -> None:
    on = f" ON {TABLE}" if _postgres() else ""
    for statement in ("UPDATE", "DELETE"):
        op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_{statement.lower()}{on}")
    op.drop_index(op.f(f"ix_{TABLE}_session_id"), table_name=TABLE)
    op.drop_index(op.f(f"ix_{TABLE}_provision_id"), table_name=TABLE)
    op.drop_table(TABLE)
