"""Every blueprint of the application, registered in one place."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    """Register the JSON API and the HTML pages."""
    from workbench.web.api import register_api

    register_api(app)
    register_page_blueprints(app)


def register_page_blueprints(app: Flask) -> None:
    """Register the HTML pages (the home page's blueprint is registered with the web layer)."""
    from workbench.web.views import (
        auth,
        imports,
        negotiation,
        progress,
        proposals,
        records,
        screen,
        texts,
    )

    for blueprint in (
        auth.bp,
        texts.bp,
        negotiation.bp,
        proposals.bp,
        records.bp,
        imports.bp,
        screen.bp,
        progress.bp,
    ):
        app.register_blueprint(blueprint)
