"""Treaty workbench: drafting and clause-tracking for a multilateral convention."""

from __future__ import annotations

from flask import Flask

from workbench import db
from workbench.config import PROJECT_ROOT, _instance_path, load_config


def create_app(config: dict | None = None) -> Flask:
    """Build the application: configuration, database, blueprints."""
    app = Flask(
        __name__,
        instance_path=(config or {}).get("INSTANCE_PATH") or _instance_path(),
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    load_config(app, config)
    # Every model must be mapped before the first session is used.
    import workbench.models  # noqa: F401

    db.init_app(app)

    from workbench.web import init_app as init_web

    init_web(app)
    return app
