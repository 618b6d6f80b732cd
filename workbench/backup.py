"""Dump and restore: every row of every table to a portable file, and back, exactly.

The file is gzip-compressed JSON Lines: a header line, then one line per table holding
its column names, then one line per row. Values are plain JSON; dates and times are ISO
8601 strings in UTC, so a dump from SQLite restores into PostgreSQL and back.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, Table, func, insert, select, text
from sqlalchemy.orm import Session

from workbench.db import Base, utcnow
from workbench.errors import Conflict, InvalidInput
from workbench.migrate import current_revision

FORMAT = "treaty-workbench-dump"
FORMAT_VERSION = 1


def _tables() -> list[Table]:
    # The data version is the state of this database's caches, not part of the negotiation.
    return [t for t in Base.metadata.sorted_tables if t.name != "data_version"]


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)  # SQLite hands back naive UTC times
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, (str, int, float, bool)):
        return value.value  # enums
    return value


def _decode(column, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return date.fromisoformat(value)
    return value


def _self_references(table: Table) -> list[str]:
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def _parents_first(table: Table, rows: list[dict]) -> list[dict]:
    """Order rows so that a row referencing another row of the same table comes after it."""
    columns = _self_references(table)
    if not columns:
        return rows
    by_id = {row["id"]: row for row in rows}
    ordered: list[dict] = []
    seen: set[int] = set()

    def visit(row, depth=0):
        if row["id"] in seen:
            return
        seen.add(row["id"])
        for column in columns:
            parent = by_id.get(row.get(column))
            if parent is not None and depth < 10_000:
                visit(parent, depth + 1)
        ordered.append(row)

    for row in rows:
        visit(row)
    return ordered


def dump_database(
    db: Session, path: str | Path, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Write every table to a dump file (atomically: a temporary file, then a rename)."""
    path = Path(path)
    counts: dict[str, int] = {}
    temporary = path.with_name(f".{path.name}.partial")
    try:
        with gzip.open(temporary, "wt", encoding="utf-8") as handle:
            header = {
                "format": FORMAT,
                "version": FORMAT_VERSION,
                "schema": current_revision(db.get_bind()),
                "created_at": utcnow().isoformat(),
                "backend": db.get_bind().dialect.name,
                "tables": [t.name for t in _tables()],
            }
            handle.write(json.dumps(header) + "\n")
            for table in _tables():
                columns = [c.name for c in table.columns]
                handle.write(json.dumps({"table": table.name, "columns": columns}) + "\n")
                count = 0
                order = [table.c.id] if "id" in table.c else list(table.primary_key.columns)
                for row in db.execute(select(table).order_by(*order)):
                    handle.write(json.dumps([_encode(v) for v in row], ensure_ascii=False) + "\n")
                    count += 1
                counts[table.name] = count
                if progress is not None:
                    progress(table.name, count)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise InvalidInput(f"Cannot write the dump to {path}: {exc.strerror or exc}.") from None
    return counts


def read_dump(path: str | Path) -> tuple[dict, dict[str, tuple[list[str], list[list]]]]:
    """The header and the rows per table of a dump file, or a clear error."""
    path = Path(path)
    if not path.is_file():
        raise InvalidInput(f"{path} does not exist or is not a file.")
    tables: dict[str, tuple[list[str], list[list]]] = {}
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            header = json.loads(handle.readline() or "null")
            if not isinstance(header, dict) or header.get("format") != FORMAT:
                raise InvalidInput(f"{path} is not a workbench dump.")
            current = None
            for line in handle:
                item = json.loads(line)
                if isinstance(item, dict):
                    current = item["table"]
                    tables[current] = (item["columns"], [])
                elif current is not None:
                    tables[current][1].append(item)
    except (OSError, EOFError, json.JSONDecodeError, UnicodeDecodeError, KeyError) as exc:
        raise InvalidInput(f"{path} is not a readable workbench dump ({exc}).") from None
    return header, tables


def restore_database(
    db: Session, path: str | Path, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Load a dump into an empty database at the same migration, in one transaction."""
    header, tables = read_dump(path)
    revision = current_revision(db.get_bind())
    if header.get("schema") != revision:
        raise Conflict(
            f"The dump was made at migration {header.get('schema')} but the database is at "
            f"{revision}; upgrade both to the same version first."
        )
    for table in _tables():
        if db.scalar(select(func.count()).select_from(table)):
            raise Conflict(
                f"The database is not empty ({table.name} has rows); restore into an empty one."
            )
    counts: dict[str, int] = {}
    for table in _tables():
        columns, rows = tables.get(table.name, ([], []))
        unknown = set(columns) - {c.name for c in table.columns}
        if unknown:
            raise InvalidInput(f"The dump's {table.name} has unknown columns: {sorted(unknown)}.")
        records = [
            {name: _decode(table.c[name], value) for name, value in zip(columns, row, strict=True)}
            for row in rows
        ]
        records = _parents_first(table, records)
        for start in range(0, len(records), 1000):
            db.execute(insert(table), records[start : start + 1000])
        counts[table.name] = len(records)
        if progress is not None:
            progress(table.name, len(records))
    if db.get_bind().dialect.name == "postgresql":
        for table in _tables():
            if "id" in table.c:
                db.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT max(id) FROM {table.name}), 1), "
                        f"(SELECT max(id) FROM {table.name}) IS NOT NULL)"
                    )
                )
    db.flush()
    return counts
