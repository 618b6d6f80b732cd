"""Treaty workbench: drafting and clause-tracking for a multilateral convention."""

from __future__ import annotations

from flask import Flask

from workbench import db
from workbench.config import default_instance_path, load_config
from workbench.resources import resource_folder


def create_app(config: dict | None = None) -> Flask:
    """Build the application: configuration, database, blueprints."""
    app = Flask(
        __name__,
        instance_path=(config or {}).get("INSTANCE_PATH") or default_instance_path(),
        template_folder=str(resource_folder("templates")),
    )
    load_config(app, config)
    # Every model must be mapped before the first session is used.
    import workbench.models  # noqa: F401

    db.init_app(app)

    from workbench.web import init_app as init_web

    init_web(app)
    return app
