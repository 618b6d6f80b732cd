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
    from workbench.web.api.openapi import build_spec as handwritten

    old = handwritten()
    for path, item in old["paths"].items():
        for method, operation in item.items():
            spec["paths"].setdefault(path, {}).setdefault(method, operation)
    for name, schema in old["components"]["schemas"].items():
        spec["components"]["schemas"].setdefault(name, schema)
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method == "get":
                operation["responses"].setdefault("304", NOT_MODIFIED)
            elif method in ("post", "put", "patch", "delete") and path != "/api/token":
                # The token exchange is never replayed (workbench.web.idempotency).
                operation.setdefault("parameters", []).append(IDEMPOTENCY_KEY)
                operation["responses"].setdefault("422", KEY_REUSED)
    return spec


@bp.get("/openapi.json")
@bp.response(200, OpenApiDocument)
def openapi_document():
    """This document"""
    return build_spec()
