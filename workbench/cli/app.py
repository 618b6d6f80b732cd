"""The command group, its application context and the helpers every command uses."""

from __future__ import annotations

import json
import sys
from functools import update_wrapper
from typing import TYPE_CHECKING

import click
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from flask import Flask


class WorkbenchGroup(click.Group):
    """A command group that prints one clear sentence instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WorkbenchError as exc:
            fail(exc.message)
        except (ArgumentError, NoSuchModuleError, OperationalError) as exc:
            from workbench.db import explain_database_error

            url = (
                ctx.obj.app.config.get("DATABASE_URL") if ctx.obj and ctx.obj.app_created else None
            )
            fail(explain_database_error(exc, url or _env_url()))


def _env_url() -> str | None:
    import os

    return os.environ.get("DATABASE_URL")


def fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


class Context:
    """Holds the application the commands work on, created once on first use."""

    def __init__(self) -> None:
        self._app: Flask | None = None
        self.web = False  # only `serve` needs the web layer (pages, API, login)

    @property
    def app_created(self) -> bool:
        return self._app is not None

    @property
    def app(self) -> Flask:
        if self._app is None:
            from workbench import create_app

            self._app = create_app(web=self.web)
        return self._app


def with_app(check_schema: bool = True, web: bool = False):
    """Run the command inside an application context, on a database at the newest migration."""

    def decorator(f):
        @click.pass_context
        def wrapper(ctx, *args, **kwargs):
            context = ctx.ensure_object(Context)
            context.web = context.web or web
            app = context.app
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


def progress_bar(label: str):
    """A progress callback drawing a bar on the terminal (stderr), for long jobs."""
    state: dict = {}

    def update(done: int, total: int) -> None:
        if "bar" not in state:
            state["bar"] = click.progressbar(length=max(total, 1), label=label, file=sys.stderr)
            state["bar"].__enter__()
            state["done"] = 0
        state["bar"].update(done - state["done"])
        state["done"] = done
        if done >= total:
            state["bar"].__exit__(None, None, None)
            state.pop("bar")

    return update
