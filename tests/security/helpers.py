"""What the security tests compare: every row of every table, read afresh."""

from __future__ import annotations

from sqlalchemy import select

from workbench.db import Base


def all_rows(app) -> dict[str, list[tuple]]:
    """Every row of every table, ordered by primary key, from a new session."""
    database = app.extensions["workbench.db"]
    rows = {}
    with database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            order = list(table.primary_key.columns)
            rows[table.name] = [
                tuple(row) for row in connection.execute(select(table).order_by(*order))
            ]
    return rows


def changed_tables(before: dict, after: dict) -> list[str]:
    """The tables whose rows differ between two readings."""
    return [name for name in before if before[name] != after.get(name)]
