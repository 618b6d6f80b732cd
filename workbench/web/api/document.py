"""The OpenAPI document of the JSON API, made by flask-smorest from the routes' schemas."""

from __future__ import annotations

from copy import deepcopy

from flask import current_app
from marshmallow import fields

from workbench.web.api.base import Blueprint
from workbench.web.api.schemas.common import Answer

bp = Blueprint("openapi", __name__, url_prefix="/api", description="The API's own description")

# Every successful GET carries an ETag (workbench.web.api.conditional_get).
NOT_MODIFIED = {
    "description": "Not modified: the answer is still the one whose ETag was sent in "
    "If-None-Match (no body)"
}
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[!-~]+$"},
    "description": "A key of the client's own (a UUID): sent again with the same request, the "
    "first successful answer comes back instead of acting twice; kept for a day.",
}
KEY_REUSED = {
    "description": "The Idempotency-Key was used for another request",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


class OpenApiDocument(Answer):
    """An OpenAPI 3.1 document."""

    openapi = fields.String(required=True)
    info = fields.Dict(required=True)
    paths = fields.Dict(required=True)
    components = fields.Dict()
    tags = fields.List(fields.Dict())


def build_spec() -> dict:
    """The whole OpenAPI document, with what every route shares added to each."""
    api = current_app.extensions["flask-smorest"]["apis"][""]["ext_obj"]
    spec = deepcopy(api.spec.to_dict())
    for path, operations in spec["paths"].items():
        for parameter in operations.get("parameters", []):
            _never_null(parameter)
        for method, operation in operations.items():
            if method == "parameters":
                continue
            for parameter in operation.get("parameters", []):
                _never_null(parameter)
            if method == "get":
                operation["responses"].setdefault("304", NOT_MODIFIED)
            elif method in ("post", "put", "patch", "delete") and path != "/api/token":
                # The token exchange is never replayed (workbench.web.idempotency).
                operation.setdefault("parameters", []).append(IDEMPOTENCY_KEY)
                operation["responses"].setdefault("422", KEY_REUSED)
    return spec


def _never_null(parameter: dict) -> None:
    """A query argument or header is absent or text, never null (absent is its default)."""
    schema = parameter.get("schema", {})
    if isinstance(schema.get("type"), list):
        kinds = [kind for kind in schema["type"] if kind != "null"]
        schema["type"] = kinds[0] if len(kinds) == 1 else kinds
    if schema.get("default", 0) is None:
        del schema["default"]


@bp.get("/openapi.json")
@bp.response(200, OpenApiDocument)
@bp.doc(operationId="openapi")
def openapi_document():
    """This document"""
    return build_spec()
