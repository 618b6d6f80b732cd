"""What every request carries, checked before any query: ids in range, no NUL characters."""

from __future__ import annotations

from flask import request

from workbench.errors import InvalidInput, NotFound

# Ids and counts are 32-bit integers in every database; a larger number can name nothing and
# would make the database driver fail instead of answering "not found".
MAX_INT = 2**31 - 1


def check_request_values(_endpoint, values: dict | None) -> None:
    """Refuse, before any query, what no database can look up.

    A whole number in the path beyond any id names nothing (404); a NUL character in the
    path, the query or a form field can be stored by no database (PostgreSQL refuses it).
    """
    for name, value in (values or {}).items():
        if isinstance(value, int) and not 0 <= value <= MAX_INT:
            raise NotFound(f"No such {name.removesuffix('_id').replace('_', ' ')}: {value}.")
        if isinstance(value, str) and "\x00" in value:
            raise InvalidInput(f"{name} contains a NUL character.", field=name)
    for source in (request.args, request.form if request.method != "GET" else None):
        for name, value in source.items(multi=True) if source else ():
            if "\x00" in name or "\x00" in value:
                raise InvalidInput(f"{name!r} contains a NUL character.", field=name)


def check_no_nul(value, where: str = "the request body") -> None:
    """Refuse a NUL character anywhere in a decoded JSON value (no database can store one)."""
    if isinstance(value, str):
        if "\x00" in value:
            raise InvalidInput(f"{where} contains a NUL character.")
    elif isinstance(value, dict):
        for key, item in value.items():
            check_no_nul(key, where)
            check_no_nul(item, f"{key}" if isinstance(key, str) and "\x00" not in key else where)
    elif isinstance(value, list):
        for item in value:
            check_no_nul(item, where)
