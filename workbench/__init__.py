"""Treaty workbench: drafting and clause-tracking for a multilateral convention."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: dict | None = None, *, web: bool = True) -> Flask:
    """Build the application: configuration, database and (unless ``web`` is false) the web layer.

    Command-line commands other than ``serve`` build it without the web layer: its pages,
    API, login and translations are half of the start-up time and none of their work.
    """
    # Imported here, not at the top: importing any workbench module imports this package.
    from flask import Flask

    from workbench import db
    from workbench.config import default_instance_path, load_config
    from workbench.resources import resource_folder

    app = Flask(
        __name__,
        instance_path=(config or {}).get("INSTANCE_PATH") or default_instance_path(),
        template_folder=str(resource_folder("templates")),
    )
    load_config(app, config)
    # Every model must be mapped before the first session is used.
    import workbench.models  # noqa: F401

    db.init_app(app)

    if web:
        from workbench.files import remove_leftovers
        from workbench.web import init_app as init_web

        # What a killed worker was writing (uploads, exports, key files) goes at the next start.
        remove_leftovers([app.instance_path, app.config["EXPORT_DIR"]])

        init_web(app)
    return app
