"""The JSON API under /api: one module per resource, each a thin adapter over operations."""

from __future__ import annotations

from importlib import import_module

from flask import Flask

RESOURCES = (
    "openapi",
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
    "progress",
)


def register_api(app: Flask) -> None:
    """Register the blueprint of every API resource and the OpenAPI document."""
    for name in RESOURCES:
        app.register_blueprint(import_module(f"workbench.web.api.{name}").bp)
