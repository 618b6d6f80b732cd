"""Full-text search: an FTS5 table on SQLite, a GIN index on PostgreSQL.

Both index `search_entries.terms`, which holds pre-segmented, lower-cased terms (Chinese
as jieba words plus character pairs), so a plain whitespace tokenizer serves both
languages on both backends.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX ix_search_entries_terms_tsv ON search_entries "
            "USING gin (to_tsvector('simple', terms))"
        )
        return
    op.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        "terms, content='search_entries', content_rowid='id', tokenize='unicode61')"
    )
    op.execute(
        "CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN "
        "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END"
    )
    op.execute(
        "CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN "
        "INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); END"
    )
    op.execute(
        "CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN "
        "INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); "
        "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END"
    )
    # Entries written before this migration (none on a new database) join the index.
    op.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_search_entries_terms_tsv")
        return
    for trigger in ("search_entries_ai", "search_entries_ad", "search_entries_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS search_fts")
