"""Helpers shared by the JSON API endpoints: bodies, arguments, errors."""

from __future__ import annotations

from typing import overload

from flask import current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from workbench.errors import InvalidInput, TooLarge, WorkbenchError
from workbench.languages import LANGUAGES
from workbench.web.inputs import MAX_INT, parse_json


def json_body() -> dict:
    """The request's JSON object, or a clear 400/413."""
    limit = current_app.config["MAX_JSON_BYTES"]
    if request.content_length is not None and request.content_length > limit:
        raise TooLarge(f"The request body is {request.content_length} bytes; the limit is {limit}.")
    if not request.is_json:
        raise InvalidInput("Send the request body as JSON (Content-Type: application/json).")
    data = parse_json(request.get_data(cache=True))
    if not isinstance(data, dict):
        raise InvalidInput("The request body must be a JSON object.")
    return data


@overload
def int_arg(name: str, default: int, *, minimum: int = 0, maximum: int | None = None) -> int: ...
@overload
def int_arg(
    name: str, default: None = None, *, minimum: int = 0, maximum: int | None = None
) -> int | None: ...
def int_arg(
    name: str, default: int | None = None, *, minimum: int = 0, maximum: int | None = None
) -> int | None:
    """An integer query argument, or a clear 400."""
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidInput(f"{name} must be a whole number (got {raw!r}).", field=name) from None
    if maximum is None:
        maximum = MAX_INT
    if value < minimum or value > maximum:
        bounds = f"between {minimum} and {maximum}"
        raise InvalidInput(f"{name} must be {bounds}.", field=name)
    return value


def field(data: dict, name: str, kind: type | tuple[type, ...], *, required: bool = False):
    """A field of a JSON body with the expected type, or a clear 400."""
    value = data.get(name)
    if value is None:
        if required:
            raise InvalidInput(f"{name} is required.", field=name)
        return None
    if isinstance(value, bool) and kind in (int, (int,)):
        raise InvalidInput(f"{name} must be a number.", field=name)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
        raise InvalidInput(f"{name} is out of range (at most {MAX_INT}).", field=name)
    if not isinstance(value, kind):
        names = {
            str: "text",
            int: "a number",
            dict: "an object",
            list: "a list",
            bool: "true or false",
        }
        wanted = " or ".join(
            names.get(k, k.__name__) for k in (kind if isinstance(kind, tuple) else (kind,))
        )
        raise InvalidInput(f"{name} must be {wanted}.", field=name)
    return value


def error_response(error: WorkbenchError):
    response = jsonify(error.to_dict())
    response.status_code = error.status_code
    return response


def http_error_response(error: HTTPException):
    messages: dict[int | None, str] = {
        404: "No such resource.",
        405: "This method is not allowed here.",
        413: "The request body is too large.",
    }
    response = jsonify(
        {
            "error": error.name.replace(" ", ""),
            "message": messages.get(error.code, error.description),
        }
    )
    response.status_code = error.code or 500
    return response


def lang_arg(default: str | None = None) -> str | None:
    """The ?lang= argument, one of the six languages."""
    lang = request.args.get("lang") or default
    if lang is not None and lang not in LANGUAGES:
        raise InvalidInput(f"lang must be one of {', '.join(LANGUAGES)}.", field="lang")
    return lang
