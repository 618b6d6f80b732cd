"""Full-text search across every text, English and Chinese, on SQLite FTS5 and PostgreSQL."""
