"""Append-only guards: the database itself refuses to change or delete the record.

Versions, proposal wording, status history, stances and the audit log are never
updated or deleted; proposals and sponsorships change state but are never deleted.
The ORM refuses too, but a trigger also stops a stray SQL statement or another client.

Note for later migrations: a batch (copy-and-move) migration of one of these tables
on SQLite drops its triggers; recreate them afterwards with `create_guards()`.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

NO_UPDATE_NO_DELETE = (
    "versions",
    "version_texts",
    "proposal_revisions",
    "proposal_texts",
    "status_changes",
    "stances",
    "audit_entries",
)
NO_DELETE = ("proposals", "sponsorships", "provisions", "instruments")


def _guards():
    for table in NO_UPDATE_NO_DELETE:
        yield table, "UPDATE"
        yield table, "DELETE"
    for table in NO_DELETE:
        yield table, "DELETE"


def create_guards() -> None:
    """Create one trigger per guarded table and statement."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE OR REPLACE FUNCTION workbench_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'append-only: % on % is refused', TG_OP, TG_TABLE_NAME
                    USING ERRCODE = 'restrict_violation';
            END
            $$ LANGUAGE plpgsql
            """
        )
        for table, statement in _guards():
            op.execute(
                f"CREATE TRIGGER {table}_no_{statement.lower()} BEFORE {statement} ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION workbench_append_only()"
            )
    else:
        for table, statement in _guards():
            op.execute(
                f"CREATE TRIGGER {table}_no_{statement.lower()} BEFORE {statement} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'append-only: {statement} on {table} is refused'); END"
            )


def upgrade() -> None:
    create_guards()


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table, statement in _guards():
        suffix = f" ON {table}" if postgres else ""
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{statement.lower()}{suffix}")
    if postgres:
        op.execute("DROP FUNCTION IF EXISTS workbench_append_only()")
