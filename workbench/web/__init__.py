"""The web layer: HTML pages and the JSON API, thin over the shared operations."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register blueprints and error handlers."""
    from workbench.web import pages

    app.register_blueprint(pages.bp)
