"""Events: announcements of tabled, revised, decided and rebased proposals, new versions and
the provision on screen, numbered in commit order for the live event stream.

Append-only like the audit log: a trigger refuses UPDATE and DELETE.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

KINDS = ("tabled", "revised", "decided", "rebased", "version", "screen")


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(*KINDS, name="event_kind", native_enum=False, create_constraint=True, length=15),
            nullable=False,
        ),
        sa.Column("proposal_id", sa.Integer(), nullable=True),
        sa.Column("provision_id", sa.Integer(), nullable=True),
        sa.Column("instrument_id", sa.Integer(), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_index("ix_events_kind_session_id", "events", ["kind", "session_id"])
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in ("UPDATE", "DELETE"):
        if postgres:
            op.execute(
                f"CREATE TRIGGER events_no_{statement.lower()} BEFORE {statement} ON events "
                "FOR EACH ROW EXECUTE FUNCTION workbench_append_only()"
            )
        else:
            op.execute(
                f"CREATE TRIGGER events_no_{statement.lower()} BEFORE {statement} ON events "
                f"BEGIN SELECT RAISE(ABORT, 'append-only: {statement} on events is refused'); END"
            )


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in ("update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS events_no_{statement}{' ON events' if postgres else ''}")
    op.drop_index("ix_events_kind_session_id", table_name="events")
    op.drop_table("events")
