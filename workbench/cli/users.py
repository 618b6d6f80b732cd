"""Commands on accounts: tokens, passwords, disabling, the second factor."""

from __future__ import annotations

import click


def register(user_group: click.Group, with_app, echo_json) -> None:
    """Add the account commands to ``workbench user``."""
    for make in (_tokens, _token, _revoke_token, _password, _disable, _enable, _totp):
        user_group.add_command(make(with_app, echo_json))


def _db():
    from workbench.db import get_db

    return get_db(write=True)


def _tokens(with_app, echo_json):
    @click.command("tokens")
    @click.argument("name")
    @click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
    @with_app()
    def tokens(name: str, as_json: bool) -> None:
        """List a user's API tokens: name, expiry, last use (never the tokens themselves)."""
        from workbench.db import as_utc, utcnow
        from workbench.users.operations import get_user
        from workbench.users.tokens import list_tokens

        db = _db()
        rows = list_tokens(db, get_user(db, name))
        now = utcnow()

        def state(row) -> str:
            if row.revoked_at is not None:
                return "revoked"
            return "expired" if as_utc(row.expires_at) <= now else "in force"

        if as_json:
            echo_json(
                [
                    {
                        "name": r.name,
                        "state": state(r),
                        "created_at": r.created_at.isoformat(),
                        "expires_at": r.expires_at.isoformat(),
                        "last_used_at": r.last_used_at.isoformat() if r.last_used_at else None,
                    }
                    for r in rows
                ]
            )
            return
        if not rows:
            click.echo(f"{name} has no API tokens.")
        for r in rows:
            used = f"{r.last_used_at:%Y-%m-%d %H:%M}" if r.last_used_at else "never"
            click.echo(f"{r.name}\t{state(r)}\texpires {r.expires_at:%Y-%m-%d}\tlast used {used}")

    return tokens


def _token(with_app, echo_json):
    @click.command("token")
    @click.argument("name")
    @click.option("--name", "token_name", help="What the token is for (default: token-N).")
    @click.option("--days", type=int, help="Days until it expires (default: TOKEN_DAYS, 90).")
    @with_app()
    def token(name: str, token_name: str | None, days: int | None) -> None:
        """Issue one more API token for a user (the others stay valid)."""
        from flask import current_app

        from workbench.users.operations import get_user
        from workbench.users.tokens import issue_token

        db = _db()
        value = issue_token(
            db,
            get_user(db, name),
            name=token_name,
            days=days if days is not None else current_app.config["TOKEN_DAYS"],
        )
        db.commit()
        click.echo(f"API token (shown once): {value}")

    return token


def _revoke_token(with_app, echo_json):
    @click.command("revoke-token")
    @click.argument("name")
    @click.argument("token_name")
    @with_app()
    def revoke(name: str, token_name: str) -> None:
        """End one API token of a user, by its name."""
        from workbench.users.operations import get_user
        from workbench.users.tokens import revoke_token

        db = _db()
        revoke_token(db, get_user(db, name), token_name)
        db.commit()
        click.echo(f"Token {token_name!r} of {name} revoked.")

    return revoke


def _password(with_app, echo_json):
    @click.command("password")
    @click.argument("name")
    @click.option(
        "--password",
        envvar="WORKBENCH_PASSWORD",
        help="The new password (default: asked for; or WORKBENCH_PASSWORD).",
    )
    @with_app()
    def password(name: str, password: str | None) -> None:
        """Set a user's password; every session of the user ends."""
        from workbench.users.operations import get_user
        from workbench.users.passwords import change_password

        if password is None:
            password = click.prompt("New password", hide_input=True, confirmation_prompt=True)
        db = _db()
        change_password(db, get_user(db, name), password)
        db.commit()
        click.echo(f"Password of {name} changed; their sessions have ended.")

    return password


def _set_active(active: bool, with_app):
    verb = "enable" if active else "disable"

    @click.command(verb)
    @click.argument("name")
    @with_app()
    def command(name: str) -> None:
        from workbench.users.operations import get_user, set_user_active

        db = _db()
        set_user_active(db, get_user(db, name), active)
        db.commit()
        click.echo(f"User {name} {verb}d.")

    command.help = (
        "Enable a disabled account."
        if active
        else "Disable an account: its sessions and API tokens stop at once."
    )
    return command


def _disable(with_app, echo_json):
    return _set_active(False, with_app)


def _enable(with_app, echo_json):
    return _set_active(True, with_app)


def _totp(with_app, echo_json):
    @click.command("totp")
    @click.argument("name")
    @with_app()
    def totp(name: str) -> None:
        """Turn on the second factor: prints the secret and otpauth URI for the user's app."""
        from workbench.users.operations import get_user
        from workbench.users.totp import enrol_totp, new_totp_secret, totp_uri

        db = _db()
        user = get_user(db, name)
        secret = new_totp_secret()
        enrol_totp(db, user, secret, None)
        db.commit()
        click.echo(f"Second factor of {name} on. Give them, privately, to add to their app:")
        click.echo(f"  secret: {secret}")
        click.echo(f"  URI:    {totp_uri(user, secret)}")

    return totp
