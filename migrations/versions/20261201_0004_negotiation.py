"""Running a negotiation: consent of co-sponsors, the session in progress, revisions with
their rationale, stances tied to a revision, and proposals in the search index.

Existing co-sponsorships count as consented when the state itself (its delegate), the
secretariat or a trusted server-side caller recorded them; one recorded by another state's
delegate becomes an invitation that the named state must accept. Existing stances are tied to
the revision that was current when they were recorded.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    op.add_column(
        "sessions",
        sa.Column("is_current", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.create_index(
        "uq_sessions_current",
        "sessions",
        ["is_current"],
        unique=True,
        sqlite_where=sa.text("is_current"),
        postgresql_where=sa.text("is_current"),
    )
    op.add_column("proposal_revisions", sa.Column("rationale", sa.Text(), nullable=True))
    op.add_column("stances", sa.Column("revision", sa.Integer(), nullable=True))
    with op.batch_alter_table("sponsorships") as batch:
        batch.add_column(sa.Column("confirmed_revision", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("consent_by_id", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("consent_oral", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.add_column(
            sa.Column("declined", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.create_foreign_key(
            "fk_sponsorships_consent_by_id_users", "users", ["consent_by_id"], ["id"]
        )
        batch.create_check_constraint(
            op.f("ck_sponsorships_declined_is_withdrawn"),
            "NOT declined OR withdrawn_at IS NOT NULL",
        )
    _restore_guards("sponsorships", "DELETE")
    _backfill_consent()
    _backfill_stance_revisions()
    _create_proposal_search()


def _restore_guards(table: str, *statements: str) -> None:
    """Put back the append-only triggers that a batch (copy-and-move) on SQLite dropped."""
    if _postgres():
        return  # PostgreSQL alters in place: its triggers stay
    for statement in statements:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{statement.lower()}")
        op.execute(
            f"CREATE TRIGGER {table}_no_{statement.lower()} BEFORE {statement} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, 'append-only: {statement} on {table} is refused'); END"
        )


def _backfill_consent() -> None:
    # Consent is implied where the state or a trusted hand recorded the sponsorship.
    op.execute(
        """
        UPDATE sponsorships SET
            confirmed_revision = (
                SELECT p.current_revision FROM proposals p WHERE p.id = sponsorships.proposal_id),
            confirmed_at = joined_at,
            consent_by_id = recorded_by_id
        WHERE recorded_by_id IS NULL
           OR EXISTS (SELECT 1 FROM users u WHERE u.id = sponsorships.recorded_by_id
                      AND (u.role <> 'delegate' OR u.party_id = sponsorships.party_id))
        """
    )


def _backfill_stance_revisions() -> None:
    # Stances are append-only: the guard is lifted for this one backfill and put back.
    postgres = _postgres()
    on = " ON stances" if postgres else ""
    op.execute(f"DROP TRIGGER IF EXISTS stances_no_update{on}")
    op.execute(
        """
        UPDATE stances SET revision = COALESCE(
            (SELECT MAX(r.number) FROM proposal_revisions r
             WHERE r.proposal_id = stances.proposal_id AND r.created_at <= stances.recorded_at),
            1)
        """
    )
    if postgres:
        op.execute(
            "CREATE TRIGGER stances_no_update BEFORE UPDATE ON stances "
            "FOR EACH ROW EXECUTE FUNCTION workbench_append_only()"
        )
    else:
        _restore_guards("stances", "UPDATE")


def _create_proposal_search() -> None:
    op.create_table(
        "proposal_search_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["proposals.id"],
            name="fk_proposal_search_entries_proposal_id_proposals",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_proposal_search_entries"),
        sa.UniqueConstraint(
            "proposal_id", "lang", name="uq_proposal_search_entries_proposal_id_lang"
        ),
    )
    op.create_index(
        "ix_proposal_search_entries_proposal_id", "proposal_search_entries", ["proposal_id"]
    )
    if _postgres():
        op.execute(
            "CREATE INDEX ix_proposal_search_entries_terms_tsv ON proposal_search_entries "
            "USING gin (to_tsvector('simple', terms))"
        )
    else:
        _create_proposal_fts()
    _index_existing_proposals()


def _index_existing_proposals() -> None:
    # Proposals tabled before this migration become searchable: the wording of the revision
    # in force and the rationale, as terms computed the way the application computes them.
    from workbench.search.operations import terms_for

    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT p.id, t.lang, t.text FROM proposals p "
            "JOIN proposal_revisions r ON r.proposal_id = p.id AND r.number = p.current_revision "
            "JOIN proposal_texts t ON t.revision_id = r.id "
            "UNION ALL SELECT p.id, 'note', p.rationale FROM proposals p "
            "WHERE p.rationale IS NOT NULL AND p.rationale <> ''"
        )
    ).all()
    entries = sa.table(
        "proposal_search_entries",
        sa.column("proposal_id", sa.Integer),
        sa.column("lang", sa.String),
        sa.column("text", sa.Text),
        sa.column("terms", sa.Text),
    )
    if rows:
        op.bulk_insert(
            entries,
            [
                {"proposal_id": pid, "lang": lang, "text": text, "terms": " ".join(terms_for(text))}
                for pid, lang, text in rows
            ],
        )


def _create_proposal_fts() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE proposal_search_fts USING fts5(terms, "
        "content='proposal_search_entries', content_rowid='id', tokenize='unicode61')"
    )
    for name, when, body in (
        ("ai", "AFTER INSERT", "INSERT INTO proposal_search_fts(rowid, terms) "
         "VALUES (new.id, new.terms);"),
        ("ad", "AFTER DELETE", "INSERT INTO proposal_search_fts(proposal_search_fts, rowid, "
         "terms) VALUES ('delete', old.id, old.terms);"),
        ("au", "AFTER UPDATE", "INSERT INTO proposal_search_fts(proposal_search_fts, rowid, "
         "terms) VALUES ('delete', old.id, old.terms); INSERT INTO proposal_search_fts(rowid, "
         "terms) VALUES (new.id, new.terms);"),
    ):
        op.execute(
            f"CREATE TRIGGER proposal_search_entries_{name} {when} ON proposal_search_entries "
            f"BEGIN {body} END"
        )


def downgrade() -> None:
    if not _postgres():
        for name in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS proposal_search_entries_{name}")
        op.execute("DROP TABLE IF EXISTS proposal_search_fts")
    op.drop_table("proposal_search_entries")
    with op.batch_alter_table("sponsorships") as batch:
        batch.drop_constraint(op.f("ck_sponsorships_declined_is_withdrawn"), type_="check")
        batch.drop_constraint("fk_sponsorships_consent_by_id_users", type_="foreignkey")
        for column in ("declined", "consent_oral", "consent_by_id", "confirmed_at"):
            batch.drop_column(column)
        batch.drop_column("confirmed_revision")
    _restore_guards("sponsorships", "DELETE")
    with op.batch_alter_table("stances") as batch:
        batch.drop_column("revision")
    _restore_guards("stances", "UPDATE", "DELETE")
    with op.batch_alter_table("proposal_revisions") as batch:
        batch.drop_column("rationale")
    _restore_guards("proposal_revisions", "UPDATE", "DELETE")
    op.drop_index("uq_sessions_current", table_name="sessions")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("is_current")
