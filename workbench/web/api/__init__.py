"""The JSON API under /api: one module per resource, each a thin adapter over operations."""

from __future__ import annotations

from importlib import import_module

from flask import Flask, Response, request

from workbench.web.api.base import Blueprint, init_api
from workbench.web.security import is_logged_in

RESOURCES = (
    "document",
    "instruments",
    "provisions",
    "proposals",
    "parties",
    "sessions",
    "topics",
    "users",
    "search",
    "exports",
    "imports",
    "events",
    "progress",
)


def register_api(app: Flask) -> None:
    """Register the blueprint of every API resource, each described in the OpenAPI document."""
    api = init_api(app)
    for name in RESOURCES:
        bp = import_module(f"workbench.web.api.{name}").bp
        if isinstance(bp, Blueprint):
            api.register_blueprint(bp)
        else:
            app.register_blueprint(bp)
    app.after_request(conditional_get)


def conditional_get(response: Response) -> Response:
    """Every successful GET of the API carries an ETag (a digest of the answer); a client
    sending it back in If-None-Match gets 304 Not Modified and no body."""
    if (
        request.method in ("GET", "HEAD")
        and request.path.startswith("/api/")
        and response.status_code == 200
        and not response.direct_passthrough
        and not response.is_streamed
    ):
        response.add_etag()
        if not is_logged_in():
            # Kept by the client only to ask again with If-None-Match; never shared. A
            # logged-in user's answers are never kept at all (web.security).
            response.headers["Cache-Control"] = "private, no-cache"
        response.make_conditional(request)
    return response
