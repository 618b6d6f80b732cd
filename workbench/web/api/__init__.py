"""The JSON API under /api: one module per resource, each a thin adapter over operations."""

from __future__ import annotations

from flask import Flask


def register_api(app: Flask) -> None:
    """Register the blueprint of every API resource and the OpenAPI document."""
    from workbench.web.api import exports as exports_api
    from workbench.web.api import imports as imports_api
    from workbench.web.api import instruments as instruments_api
    from workbench.web.api import openapi
    from workbench.web.api import parties as parties_api
    from workbench.web.api import proposals as proposals_api
    from workbench.web.api import provisions as provisions_api
    from workbench.web.api import search as search_api
    from workbench.web.api import sessions as sessions_api
    from workbench.web.api import topics as topics_api
    from workbench.web.api import users as users_api

    app.register_blueprint(openapi.bp)
    app.register_blueprint(imports_api.bp)
    app.register_blueprint(exports_api.bp)
    app.register_blueprint(search_api.bp)
    app.register_blueprint(users_api.bp)
    app.register_blueprint(topics_api.bp)
    app.register_blueprint(sessions_api.bp)
    app.register_blueprint(parties_api.bp)
    app.register_blueprint(proposals_api.bp)
    app.register_blueprint(instruments_api.bp)
    app.register_blueprint(provisions_api.bp)
