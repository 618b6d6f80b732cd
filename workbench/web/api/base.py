"""flask-smorest for the API: bodies and arguments read through schemas, refused as the API
always refused them, and answers sent as the views build them."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from http import HTTPStatus
from typing import ClassVar

import flask_smorest
from flask import Flask, current_app, make_response, request
from marshmallow import ValidationError
from webargs.flaskparser import FlaskParser
from webargs.multidictproxy import MultiDictProxy
from werkzeug.datastructures import CombinedMultiDict

from workbench.errors import InvalidInput, TooLarge
from workbench.web.api.schemas.common import ErrorSchema
from workbench.web.inputs import parse_json
from workbench.web.security import acting_user

# Writes need a token or the browser session (with its CSRF header).
WRITE: list[dict[str, list[str]]] = [{"bearerAuth": []}, {"cookieAuth": []}]


def json_body() -> dict:
    """The request's JSON object, read as strictly as ``parse_json`` reads, or a clear 400/413."""
    limit = current_app.config["MAX_JSON_BYTES"]
    if request.content_length is not None and request.content_length > limit:
        raise TooLarge(f"The request body is {request.content_length} bytes; the limit is {limit}.")
    if not request.is_json:
        raise InvalidInput("Send the request body as JSON (Content-Type: application/json).")
    data = parse_json(request.get_data(cache=True))
    if not isinstance(data, dict):
        raise InvalidInput("The request body must be a JSON object.")
    return data


def first_error(messages, prefix: str = "") -> tuple[str | None, str]:
    """The first field a schema refused, and what is wrong with it."""
    if isinstance(messages, dict):
        for name, inner in messages.items():
            path = f"{prefix}.{name}" if prefix else str(name)
            if isinstance(name, int):  # an item of a list: its field is the list
                path = prefix
            return first_error(inner, path)
    if isinstance(messages, list) and messages:
        return first_error(messages[0], prefix)
    text = str(messages)
    if prefix and text[:1].islower():  # the fields' own messages start with the verb
        return prefix, f"{prefix} {text}"
    return (prefix or None), text


class ApiParser(FlaskParser):
    """webargs' parser with the API's JSON reading and its 400 {"error", "message", "field"}."""

    DEFAULT_VALIDATION_STATUS = 400

    def load_json(self, req, schema):
        return json_body()

    def handle_error(
        self, error: ValidationError, req, schema, *, error_status_code, error_headers
    ):
        # webargs files the messages under the location ("json", "query"): not a field.
        messages = error.messages
        if isinstance(messages, dict) and len(messages) == 1:
            (messages,) = messages.values()
        name, message = first_error(messages)
        raise InvalidInput(message, field=name)


PARSER = ApiParser()


@PARSER.location_loader("multipart")
def load_multipart(req, schema):
    """An upload's fields and its file, read as one form (multipart/form-data)."""
    return MultiDictProxy(CombinedMultiDict([req.form, req.files]), schema)


class Blueprint(flask_smorest.Blueprint):
    """A resource of the API: its schemas document it, its views' answers go out as built."""

    ARGUMENTS_PARSER = PARSER
    DEFAULT_LOCATION_CONTENT_TYPE_MAPPING: ClassVar = {
        **flask_smorest.Blueprint.DEFAULT_LOCATION_CONTENT_TYPE_MAPPING,
        "multipart": "multipart/form-data",
    }

    def response(self, status_code, schema=None, **kwargs):
        """Document the answer with ``schema``; send the view's own JSON, never a re-dump.

        The schema describes what the serializers build (a test validates real answers
        against it); the bytes stay those of Flask's JSON provider, shared with the pages."""
        document = super().response(status_code, schema, **kwargs)

        def decorator(func: Callable):
            @wraps(func)
            def as_built(*args, **kw):
                # flask-smorest passes a Response through untouched.
                return make_response(func(*args, **kw))

            return document(as_built)

        return decorator

    def errors(self, *codes: int):
        """Document the error answers a route may give, each an Error body."""

        def decorator(func: Callable):
            for code in codes:
                func = self.alt_response(code, response=HTTPStatus(code).name)(func)
            return func

        return decorator

    def file(self, description: str, *content_types: str):
        """Document an answer that is a file (or a stream) of these types, sent as made."""
        binary = {"schema": {"type": "string", "format": "binary"}}
        content = {kind: binary for kind in content_types}
        answer = super().response(200, description=description)

        def decorator(func: Callable):
            return self.doc(responses={200: {"content": content}})(answer(func))

        return decorator

    def write(self, func: Callable):
        """A route for a logged-in caller (token or session): refused with 401 otherwise."""

        @wraps(func)
        def wrapper(*args, **kwargs):
            # Who is calling is settled before the body is read: an anonymous write is a 401
            # whatever it sends, as it was when the views read their bodies themselves.
            acting_user()
            return func(*args, **kwargs)

        return self.doc(security=WRITE)(wrapper)


class Api(flask_smorest.Api):
    """The API's document; errors stay with the app's own handlers (workbench.web)."""

    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self):
        pass


def init_api(app: Flask) -> Api:
    """flask-smorest on the app; the document is served by the openapi resource."""
    app.config.setdefault("API_TITLE", "Treaty workbench API")
    app.config.setdefault("API_VERSION", "1.0")
    app.config.setdefault("OPENAPI_VERSION", "3.1.0")
    app.config.setdefault(
        "API_SPEC_OPTIONS",
        {
            "info": {
                "description": "Instruments, provisions and their versions, proposals with "
                "their sponsors, word-level diffs, attribution and consolidated Word drafts."
            }
        },
    )
    # No documentation pages: the document alone, served at /api/openapi.json.
    app.config["OPENAPI_URL_PREFIX"] = None
    api = Api(app)
    api.spec.components.security_scheme(
        "bearerAuth",
        {"type": "http", "scheme": "bearer", "description": "A token from POST /api/token"},
    )
    api.spec.components.security_scheme(
        "cookieAuth",
        {
            "type": "apiKey",
            "in": "cookie",
            "name": "session",
            "description": "The browser session (send X-CSRFToken on writes)",
        },
    )
    return api
