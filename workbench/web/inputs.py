"""What every request carries, checked before any query: ids in range, no NUL characters,
JSON bodies any database can store and file names any file system can hold."""

from __future__ import annotations

import json
import re

from flask import request

from workbench.errors import InvalidInput, NotFound
from workbench.validation import character_name, check_characters

# Ids and counts are 32-bit integers in every database; a larger number can name nothing and
# would make the database driver fail instead of answering "not found".
MAX_INT = 2**31 - 1
# No request of the API nests deeper than a few levels; Python's parser gives up near 1,000.
MAX_JSON_DEPTH = 32
# No field is a number this long; Python refuses to parse integers of over 4,300 digits.
MAX_NUMBER_DIGITS = 50
# File systems hold names of at most 255 bytes; the workbench saves uploads under their name.
MAX_FILE_NAME_BYTES = 255

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


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
    if request.method != "GET":
        for name, upload in request.files.items(multi=True):
            if upload.filename:  # an empty file field is sent without a name
                upload_name(upload.filename, name)


def upload_name(filename: str | None, field: str = "file") -> str:
    """The name of an uploaded file without its folders, if a file system can hold it."""
    # Browsers on Windows may send the whole path; only the last part names the file.
    name = re.split(r"[\\/]", filename or "")[-1].strip()
    if not name:
        raise InvalidInput("The uploaded file has no name.", field=field)
    if "\x00" in name:
        raise InvalidInput("The file name contains a NUL character.", field=field)
    check_characters(name, field, multiline=False, what="The file name")
    if name in (".", "..") or name.startswith("."):
        raise InvalidInput(f"{name!r} is not a file name the workbench accepts.", field=field)
    size = len(name.encode("utf-8", "surrogatepass"))
    if size > MAX_FILE_NAME_BYTES:
        raise InvalidInput(
            f"The file name is {len(name)} characters ({size} bytes) long; the limit is "
            f"{MAX_FILE_NAME_BYTES} bytes. Rename the file and upload it again.",
            field=field,
        )
    return name


def column_number(text: str) -> int | None:
    """The whole number ASCII digits write, if a 32-bit column can hold it; else None.

    str.isdigit() alone is not enough: it takes "²" (which int() refuses) and "٣".
    """
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_INT)):
        return None
    value = int(text)
    return value if value <= MAX_INT else None


def _refuse_constant(name: str):
    raise InvalidInput(f"{name} is not a number JSON allows; send a number or null.")


def _parse_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise InvalidInput(f"A number of {len(digits)} digits is beyond any field's range.")
    return int(digits)


def _parse_float(digits: str) -> float:
    value = float(digits)
    if value in (float("inf"), float("-inf")):
        raise InvalidInput(f"The number {digits[:40]} is too large.")
    return value


def _object(pairs: list[tuple[str, object]]) -> dict:
    data = dict(pairs)
    if len(data) != len(pairs):
        keys = [key for key, _ in pairs]
        twice = next(key for n, key in enumerate(keys) if key in keys[:n])
        raise InvalidInput(f"The key {twice!r} appears twice in one object.", field=twice)
    return data


def _check_depth(text: str) -> None:
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return
    depth = 0
    for bracket in _BRACKETS.findall(_JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        if depth > MAX_JSON_DEPTH:
            raise InvalidInput(
                f"The request body nests objects or lists more than {MAX_JSON_DEPTH} deep."
            )


def parse_json(raw: bytes):
    """A JSON document as the API accepts it, else InvalidInput saying what is wrong.

    Beyond the syntax: UTF-8 only, no duplicate keys, no NaN or infinite numbers, no number
    longer than any field, no nesting deeper than ``MAX_JSON_DEPTH``, and no string holding a
    NUL character or half of a surrogate pair (no database can store either).
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"The request body is not UTF-8 (byte {exc.start + 1} cannot be read)."
        ) from None
    _check_depth(text)
    try:
        data = json.loads(
            text,
            object_pairs_hook=_object,
            parse_constant=_refuse_constant,
            parse_int=_parse_int,
            parse_float=_parse_float,
        )
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"The request body is not valid JSON: {exc.msg} (line {exc.lineno}, "
            f"column {exc.colno})."
        ) from None
    except (RecursionError, ValueError):
        raise InvalidInput("The request body is not valid JSON.") from None
    check_strings(data)
    return data


def check_strings(value, where: str = "the request body") -> None:
    """Refuse a NUL character or a lone surrogate anywhere in a decoded JSON value."""
    stack = [(value, where)]
    while stack:
        item, place = stack.pop()
        if isinstance(item, str):
            bad = _unstorable(item)
            if bad is not None:
                field = None if place == where else place
                raise InvalidInput(f"{place} contains {character_name(bad)}.", field=field)
        elif isinstance(item, dict):
            for key, entry in item.items():
                stack.append((entry, where if _unstorable(key) else key))
                stack.append((key, where))
        elif isinstance(item, list):
            stack.extend((entry, place) for entry in item)


def _unstorable(text: str) -> str | None:
    """The first NUL character or lone surrogate of a text, if any."""
    return next((c for c in text if c == "\x00" or "\ud800" <= c <= "\udfff"), None)
