"""Commands that set the workbench up and keep it: init, serve, user, dump, restore."""

from __future__ import annotations

import sys

import click

from workbench.cli.app import main, with_app


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
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes: 1 serves with waitress, more with gunicorn (not on Windows).",
)
@click.option("--threads", default=8, show_default=True, type=int, help="Threads per worker.")
@with_app(web=True)
def serve(host: str, port: int, workers: int, threads: int) -> None:
    """Serve the web UI and the API: waitress in one process, gunicorn with several workers."""
    from flask import current_app

    from workbench.files import remove_leftovers
    from workbench.web.server import serve_gunicorn, serve_waitress

    # Flask types current_app as the Flask it stands for, not as the proxy it is.
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    # Nothing has started yet: even names with this process's id were left by a killed server.
    remove_leftovers([app.instance_path, app.config["EXPORT_DIR"]], own_is_gone=True)
    server = "waitress" if workers == 1 else f"gunicorn, {workers} workers"
    click.echo(f"Treaty workbench serving on http://{host}:{port}/  ({server}; Ctrl+C to stop)")
    sys.stdout.flush()
    if workers == 1:
        serve_waitress(app, host, port, threads)
    else:
        serve_gunicorn(app, host, port, workers, threads)


@main.group("user")
def user_group() -> None:
    """Manage user accounts."""


@user_group.command("add")
@click.argument("name")
@click.option(
    "--role", type=click.Choice(["secretariat", "delegate", "observer", "admin"]), required=True
)
@click.option("--party", "party_code", help="Party code a delegate acts for (e.g. CHN).")
@click.option(
    "--password",
    envvar="WORKBENCH_PASSWORD",
    help="Password (default: asked for; or WORKBENCH_PASSWORD).",
)
@click.option("--token", "with_token", is_flag=True, help="Also print an API token.")
@with_app()
def user_add(
    name: str, role: str, party_code: str | None, password: str | None, with_token: bool
) -> None:
    """Create a user with a role (delegates are bound to one party)."""
    from workbench.db import get_db
    from workbench.parties.operations import get_party
    from workbench.users.operations import create_user, issue_token

    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    db = get_db(write=True)
    user = create_user(
        db,
        name=name,
        role=role,
        password=password,
        party=get_party(db, party_code) if party_code else None,
    )
    token = issue_token(db, user) if with_token else None
    db.commit()
    click.echo(
        f"User {user.name} created ({user.role}{', ' + user.party.code if user.party else ''})."
    )
    if token:
        click.echo(f"API token (shown once): {token}")


@main.command("dump")
@click.argument("path", type=click.Path(dir_okay=False, path_type=str))
@with_app()
def dump_command(path: str) -> None:
    """Write every table, version, proposal, status change and audit row to PATH."""
    from workbench.backup import dump_database
    from workbench.db import get_db

    counts = dump_database(get_db(), path)
    click.echo(f"Wrote {sum(counts.values())} rows from {len(counts)} tables to {path}.")


@main.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=str))
@with_app()
def restore_command(path: str) -> None:
    """Restore a dump into an empty database (run `workbench init` on it first)."""
    from workbench.backup import restore_database
    from workbench.db import get_db

    db = get_db(write=True)
    counts = restore_database(db, path)
    db.commit()
    click.echo(f"Restored {sum(counts.values())} rows into {len(counts)} tables from {path}.")
