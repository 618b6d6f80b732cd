"""The `workbench` command line: one console script, the database from DATABASE_URL."""

from __future__ import annotations

import json
import sys
from functools import update_wrapper

import click
from flask import Flask
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from workbench.errors import WorkbenchError


class WorkbenchGroup(click.Group):
    """A command group that prints one clear sentence instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WorkbenchError as exc:
            _fail(exc.message)
        except (ArgumentError, NoSuchModuleError, OperationalError) as exc:
            from workbench.db import explain_database_error

            url = ctx.obj.app.config.get("DATABASE_URL") if ctx.obj and ctx.obj.app_created else None
            _fail(explain_database_error(exc, url or _env_url()))


def _env_url() -> str | None:
    import os

    return os.environ.get("DATABASE_URL")


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


class Context:
    """Holds the application the commands work on, created once on first use."""

    def __init__(self) -> None:
        self._app: Flask | None = None

    @property
    def app_created(self) -> bool:
        return self._app is not None

    @property
    def app(self) -> Flask:
        if self._app is None:
            from workbench import create_app

            self._app = create_app()
        return self._app


def with_app(check_schema: bool = True):
    """Run the command inside an application context, on a database at the newest migration."""

    def decorator(f):
        @click.pass_context
        def wrapper(ctx, *args, **kwargs):
            app = ctx.ensure_object(Context).app
            with app.app_context():
                if check_schema:
                    from workbench.db import get_database
                    from workbench.migrate import require_current_schema

                    require_current_schema(get_database().engine)
                return ctx.invoke(f, *args, **kwargs)

        return update_wrapper(wrapper, f)

    return decorator


def echo_json(data) -> None:
    """Print data as indented JSON, keeping Chinese readable."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group(cls=WorkbenchGroup)
@click.pass_context
def main(ctx: click.Context) -> None:
    """Treaty workbench: drafting and clause-tracking for a multilateral convention.

    Every command works on the database named by DATABASE_URL (default: a SQLite
    file in the instance folder).
    """
    ctx.ensure_object(Context)


@main.command()
@with_app(check_schema=False)
def init() -> None:
    """Create the database, or upgrade it to the newest migration."""
    from workbench.db import get_database
    from workbench.migrate import current_revision, head_revision, upgrade

    engine = get_database().engine
    before = current_revision(engine)
    upgrade(engine)
    head = head_revision()
    if before == head:
        click.echo(f"Database already at the newest migration ({head}).")
    else:
        click.echo(f"Database upgraded from {before or 'empty'} to {head}.")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=int, help="Worker threads.")
@with_app()
def serve(host: str, port: int, threads: int) -> None:
    """Serve the web UI and the API with waitress, a production WSGI server."""
    from flask import current_app
    from waitress import serve as waitress_serve

    app = current_app._get_current_object()
    click.echo(f"Treaty workbench serving on http://{host}:{port}/  (Ctrl+C to stop)")
    sys.stdout.flush()
    waitress_serve(app, host=host, port=port, threads=threads, ident="workbench")
