"""What the security tests compare: every row of every table, read afresh."""

from __future__ import annotations

from sqlalchemy import select

from workbench.db import Base

# Bookkeeping, not data: counted failed logins and when a token was last used change with
# every refused request, and say nothing about what the request wrote.
BOOKKEEPING_TABLES = {"throttle_hits"}
BOOKKEEPING_COLUMNS = {("api_tokens", "last_used_at")}


def all_rows(app) -> dict[str, list[tuple]]:
    """Every row of every table (bookkeeping aside), by primary key, from a new session."""
    database = app.extensions["workbench.db"]
    rows = {}
    with database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name in BOOKKEEPING_TABLES:
                continue
            columns = [c for c in table.columns if (table.name, c.name) not in BOOKKEEPING_COLUMNS]
            order = list(table.primary_key.columns)
            rows[table.name] = [
                tuple(row) for row in connection.execute(select(*columns).order_by(*order))
            ]
    return rows


def changed_tables(before: dict, after: dict) -> list[str]:
    """The tables whose rows differ between two readings."""
    return [name for name in before if before[name] != after.get(name)]
