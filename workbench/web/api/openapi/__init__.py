"""The OpenAPI 3.1 document of the JSON API, served at /api/openapi.json.

A test checks that every /api route is described here and nothing else is. The paths are
kept by resource family (``texts``, ``negotiation``, ``accounts``), the answers' shapes in
``schemas`` and the building blocks in ``common``.
"""

from __future__ import annotations

from flask import Blueprint

from workbench.web.api.openapi.accounts import accounts_paths
from workbench.web.api.openapi.common import json_body, ref
from workbench.web.api.openapi.negotiation import negotiation_paths
from workbench.web.api.openapi.schemas import SCHEMAS
from workbench.web.api.openapi.texts import progress_paths, texts_paths

bp = Blueprint("openapi", __name__, url_prefix="/api")


def build_spec() -> dict:
    """The whole OpenAPI document."""
    paths: dict[str, dict] = {**texts_paths(), **negotiation_paths(), **accounts_paths()}
    paths.update(progress_paths())
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Treaty workbench API",
            "version": "1.0",
            "description": "Instruments, provisions and their versions, proposals with their "
            "sponsors, word-level diffs, attribution and consolidated Word drafts.",
        },
        "paths": paths,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token from POST /api/token",
                },
                "cookieAuth": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "session",
                    "description": "The browser session (send X-CSRFToken on writes)",
                },
            },
        },
    }


IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[!-~]+$"},
    "description": "A key of the client's own (a UUID): sent again with the same request, the "
    "first successful answer comes back instead of acting twice; kept for a day.",
}


def add_idempotency_key(paths: dict) -> None:
    """Every write but the token exchange accepts an Idempotency-Key."""
    for path, operations in paths.items():
        for method, operation in operations.items():
            if method not in ("post", "put", "patch", "delete") or path == "/api/token":
                continue
            operation.setdefault("parameters", []).append(IDEMPOTENCY_KEY)
            operation["responses"].setdefault(
                "422",
                {"description": "The Idempotency-Key was used for another request"}
                | json_body(ref("Error")),
            )


@bp.get("/openapi.json")
def openapi_document():
    """The OpenAPI document of this API."""
    return build_spec()
