"""The JSON API under /api: one module per resource, each a thin adapter over operations."""

from __future__ import annotations

from flask import Flask


def register_api(app: Flask) -> None:
    """Register the blueprint of every API resource and the OpenAPI document."""
    from workbench.web.api import openapi

    app.register_blueprint(openapi.bp)
