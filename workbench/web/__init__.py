"""The web layer: HTML pages and the JSON API, thin over the shared operations."""

from __future__ import annotations

from flask import Flask, abort, g, render_template, request
from markupsafe import Markup
from sqlalchemy.exc import IntegrityError, OperationalError
from werkzeug.exceptions import HTTPException

from workbench.errors import Conflict, DatabaseUnavailable, WorkbenchError
from workbench.resources import resource_folder, translations_folder


def _rollback() -> None:
    db = g.get("db_session")
    if db is not None:
        db.rollback()


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/api"


def _render_error(error: WorkbenchError):
    _rollback()
    # A throttled caller is told when to come back.
    headers = {"Retry-After": str(error.retry_after)} if hasattr(error, "retry_after") else {}
    if _wants_json():
        from workbench.web.api.util import error_response

        response = error_response(error)
        response.headers.update(headers)
        return response
    return render_template("error.html", error=error), error.status_code, headers


def register_error_handlers(app: Flask) -> None:
    """Errors become JSON under /api and a page elsewhere; the transaction is rolled back."""

    @app.errorhandler(WorkbenchError)
    def _workbench_error(error: WorkbenchError):
        return _render_error(error)

    @app.errorhandler(IntegrityError)
    def _integrity_error(error: IntegrityError):
        # Two writers raced on one row (e.g. the same version number): the loser retries.
        return _render_error(
            Conflict(
                "The change clashed with another one made at the same moment; reload and try again."
            )
        )

    @app.errorhandler(OperationalError)
    def _operational_error(error: OperationalError):
        if "locked" in str(error.orig).lower():
            return _render_error(
                Conflict("The text is being changed by someone else right now; try again.")
            )
        app.logger.exception("database error")
        return _render_error(
            DatabaseUnavailable("The database is not answering; try again shortly.")
        )

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        _rollback()
        if _wants_json():
            from workbench.web.api.util import http_error_response

            return http_error_response(error)
        wrapped = WorkbenchError(error.description or error.name)
        wrapped.status_code = error.code or 500
        return render_template("error.html", error=wrapped), wrapped.status_code


def change_excerpt(proposal) -> Markup:
    """The words a proposal changes, with a little context, in the reader's language if it can."""
    from workbench.diff.result import excerpt_html
    from workbench.proposals.redline import proposal_redline
    from workbench.web.views.common import ui_lang

    redline = proposal_redline(proposal)
    for lang in (ui_lang(), "en", "zh", *redline):
        if lang in redline:
            return Markup(excerpt_html(redline[lang]))
    return Markup("")


def init_babel(app: Flask) -> None:
    """The interface speaks English or Chinese, as the reader chose with the switch."""
    from flask_babel import Babel

    from workbench.web.views.common import choose_locale, ui_lang

    app.config.setdefault(
        "BABEL_TRANSLATION_DIRECTORIES",
        str(translations_folder(app.config["LANGUAGES"], app.config["BABEL_DEFAULT_LOCALE"])),
    )
    Babel(app, locale_selector=choose_locale)
    from workbench.proposals.sponsors import (
        active_sponsorships,
        confirmed_sponsorships,
        pending_invitations,
        sponsors_label,
    )
    from workbench.texts.labels import structural_label
    from workbench.web.views.progress import status_name

    app.jinja_env.globals["ui_lang"] = ui_lang
    app.jinja_env.globals["active_sponsorships"] = active_sponsorships
    app.jinja_env.globals["confirmed_sponsorships"] = confirmed_sponsorships
    app.jinja_env.globals["pending_invitations"] = pending_invitations
    app.jinja_env.globals["sponsors_label"] = sponsors_label
    app.jinja_env.globals["change_excerpt"] = change_excerpt
    app.jinja_env.globals["status_name"] = status_name
    # Structural labels in the reader's language: "Article 6" reads 第六条 in Chinese.
    app.jinja_env.globals["label_of"] = lambda label: structural_label(label, ui_lang())


def serve_only_assets(app: Flask) -> None:
    """The static folder is also a package (for the wheel): never serve its Python files."""
    send = app.view_functions["static"]

    def static(filename: str):
        if filename.endswith((".py", ".pyc")) or "__pycache__" in filename.split("/"):
            abort(404)
        return send(filename=filename)

    app.view_functions["static"] = static


def init_app(app: Flask) -> None:
    """Register security, blueprints and error handlers."""
    from workbench.web import pages
    from workbench.web.fragments import init_fragments
    from workbench.web.idempotency import init_idempotency
    from workbench.web.pagecache import init_page_cache
    from workbench.web.security import init_security

    # Stylesheet and script: static/ at the top of the project, workbench.static once built.
    app.static_folder = str(resource_folder("static"))
    serve_only_assets(app)
    init_security(app)
    init_idempotency(app)
    init_babel(app)
    init_page_cache(app)
    init_fragments(app)
    register_error_handlers(app)
    app.register_blueprint(pages.bp)
    from workbench.web.blueprints import register_blueprints

    register_blueprints(app)
