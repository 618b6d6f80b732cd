"""Login, sessions, API tokens, throttling, CSRF and security headers."""

from __future__ import annotations

import time

from flask import Flask, current_app, g, request, session
from flask_login import LoginManager, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import joinedload

from workbench.db import get_database, get_db
from workbench.errors import Forbidden, TooManyRequests, Unauthorized
from workbench.users.models import Role, User
from workbench.users.throttle import Limit, clear_hits, record_hit, wait_seconds
from workbench.web.inputs import check_request_values, column_number

login_manager = LoginManager()
csrf = CSRFProtect()

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def init_security(app: Flask) -> None:
    """Wire Flask-Login, CSRF checks and the response headers into the app."""
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "strong"
    csrf.init_app(app)
    app.url_value_preprocessor(check_request_values)
    if app.config.get("HTTPS"):
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Only as many X-Forwarded-* hops as there are proxies of our own: a client could
        # otherwise claim any address and slip past the throttles.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]  # Flask's documented way
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )

    for check in (_session_lifetimes, _authenticate_token, _check_csrf):
        app.before_request(check)
    app.teardown_request(_note_token_use)
    app.after_request(_security_headers)


def _session_lifetimes():
    # Idle and absolute lifetimes, checked from the times the signed cookie carries: an
    # old cookie replayed later carries its old times and is turned away.
    if "_user_id" not in session:
        return
    now = now_seconds()
    started, seen = session.get("wb_started"), session.get("wb_seen")
    idle = current_app.config["SESSION_IDLE_MINUTES"] * 60
    longest = current_app.config["SESSION_MAX_HOURS"] * 3600
    if (
        not isinstance(started, (int, float))
        or not isinstance(seen, (int, float))
        or now - seen > idle
        or now - started > longest
    ):
        logout_user()
    elif now - seen > 60:
        session["wb_seen"] = now


def _authenticate_token():
    # A bearer token decides who is calling, whatever cookie comes with it: a script's
    # cookie jar may hold an anonymous session from a page it fetched, and Flask-Login's
    # session protection would otherwise throw the caller out before looking at the token.
    token = bearer_token()
    if token is not None:
        from workbench.users.tokens import find_token, use_is_news

        row = find_token(get_db(), token)
        if row is None:
            g.bad_token = True
        elif use_is_news(row):
            # Written after the request, and only every few minutes per token: no
            # write lock is taken for the ordinary request.
            g.token_id = row.id
        login_manager._update_request_context_with_user(row.user if row else None)


def _note_token_use(exc):
    token_id = g.pop("token_id", None)
    if token_id is None:
        return
    # After the request's own transaction, so that this write never waits on it.
    request_db = g.pop("db_session", None)
    if request_db is not None:
        request_db.close()
    from workbench.users.tokens import note_token_use

    try:
        with get_database().session() as db:
            note_token_use(db, token_id)
    except SQLAlchemyError:
        current_app.logger.warning("could not record the use of API token %s", token_id)


def _check_csrf():
    # Scripts authenticate with a bearer token and carry no cookie to forge;
    # everything a browser sends with the session cookie must carry the CSRF token.
    if (
        request.method in WRITE_METHODS
        and not bearer_token()
        and current_app.config.get("WTF_CSRF_ENABLED", True)
        and not _api_call_without_session()
    ):
        csrf.protect()


def _security_headers(response):
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
    )
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    # What a logged-in user sees (CSRF tokens, drafts, their API answers) stays out of
    # every cache, shared or the browser's own.
    if is_logged_in():
        headers["Cache-Control"] = "no-store"
    elif request.path.startswith("/api/"):
        # Anonymous API answers: an ETagged read may be kept to ask again with
        # If-None-Match (web.api.conditional_get); anything else is not kept.
        headers.setdefault("Cache-Control", "no-store")
    return response


def _api_call_without_session() -> bool:
    """An API write that no logged-in browser session sends: nothing for CSRF to forge.

    Such a call either logs in for a token (POST /api/token returns it in the body, not in a
    cookie) or is refused with 401 by the endpoint; answering 400 "CSRF token missing"
    instead would hide the real reason.
    """
    return request.path.startswith("/api/") and not current_user.is_authenticated


def is_logged_in() -> bool:
    """Whether this request comes from a logged-in user, by session cookie or bearer token."""
    return bool(current_user.is_authenticated) or bearer_token() is not None


def bearer_token() -> str | None:
    """The API token of the request, if it carries one."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    return None


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    # "id.generation" (User.get_id): a cookie of an ended generation no longer loads anyone.
    number, _, generation = (column_number(part) for part in user_id.partition("."))
    if number is None or generation is None:
        return None
    # With the party the account bar shows: one query for the reader, not two.
    user = get_db().get(User, number, options=[joinedload(User.party)])
    if user is None or not user.active or user.session_generation != generation:
        return None
    return user


def start_session(user: User) -> None:
    """Log the user in on this browser, with the times its lifetimes are measured from."""
    session.clear()
    login_user(user)
    session["wb_started"] = session["wb_seen"] = now_seconds()


def end_session() -> None:
    """Log out: every session of the user ends, in this browser and any other."""
    from workbench.users.operations import end_sessions

    if current_user.is_authenticated:
        db = get_db()
        end_sessions(db, current_user._get_current_object())
        db.commit()
    logout_user()
    session.clear()


@login_manager.unauthorized_handler
def _unauthorized():
    if request.path.startswith("/api/"):
        raise Unauthorized("Log in or send an API token (Authorization: Bearer …).")
    from flask import redirect, url_for

    return redirect(url_for("auth.login", next=request.full_path))


def acting_user() -> User:
    """The logged-in user, or Unauthorized: every write needs one."""
    if g.get("bad_token"):
        raise Unauthorized("The API token is not valid.")
    if not current_user.is_authenticated:
        raise Unauthorized("Log in to do this.")
    return current_user._get_current_object()


def reader() -> User | None:
    """The user reading, or None; refuses anonymous reading when the setting asks for login."""
    if g.get("bad_token"):
        raise Unauthorized("The API token is not valid.")
    if current_user.is_authenticated:
        return current_user._get_current_object()
    if current_app.config.get("READ_REQUIRES_LOGIN"):
        raise Unauthorized("Log in to read the texts.")
    return None


def require_roles(*roles: Role) -> User:
    """The acting user, if they hold one of the roles."""
    user = acting_user()
    if user.role not in roles:
        raise Forbidden(f"Only the {' or '.join(r.value for r in roles)} may do this.")
    return user


def now_seconds() -> float:
    """The clock session lifetimes are measured by (one place, so tests can move it)."""
    return time.time()


def client_address() -> str:
    """The caller's address (the proxy's client when TRUSTED_PROXIES is set)."""
    return request.remote_addr or "unknown"


def _login_limits(name: str) -> list[Limit]:
    config = current_app.config
    address = client_address()
    return [
        Limit(f"login:{address}|{name}", config["LOGIN_ATTEMPTS_PER_MINUTE"], 60),
        # Spraying one password across many names, from one address.
        Limit(
            f"login-address:{address}",
            config["LOGIN_FAILURES_PER_ADDRESS"],
            config["LOGIN_ADDRESS_WINDOW_SECONDS"],
        ),
    ]


def log_in(name: str, password: str, code: str | None = None) -> User:
    """The user with this name, password (and second-factor code), or a clear refusal.

    Failures are counted in the database, per address and name and per address alone, so
    that every worker process refuses alike; the caller commits on success.
    """
    from workbench.users.operations import authenticate
    from workbench.users.totp import code_matches, needs_second_factor

    db = get_db()
    limits = _login_limits(name)
    wait = wait_seconds(db, limits)
    if wait:
        raise TooManyRequests(
            f"Too many failed logins; try again in {wait} seconds.", retry_after=wait
        )
    user = authenticate(db, name, password)
    problem = None
    if user is None:
        problem = Unauthorized("Wrong name or password.")
    elif needs_second_factor(user, current_app.config["TOTP_REQUIRED_FOR_STAFF"]):
        if user.totp_secret is None:
            raise Forbidden(
                f"The {user.role.value} must log in with a second factor: ask an admin to run "
                f"`workbench user totp {user.name}` and add the code to an authenticator app.",
                field="code",
            )
        if not code_matches(user.totp_secret, code):
            problem = Unauthorized(
                "Give the six-digit code of your authenticator app as well.", field="code"
            )
    if problem is not None or user is None:
        db.rollback()
        record_hit(db, *(limit.key for limit in limits))
        db.commit()
        raise problem or Unauthorized("Wrong name or password.")
    clear_hits(db, limits[0].key)
    return user


def check_export_throttle() -> None:
    """Count one expensive export for this client, or refuse with 429 and Retry-After."""
    config = current_app.config
    client = (
        f"user:{current_user.id}" if current_user.is_authenticated else f"addr:{client_address()}"
    )
    limit = Limit(
        f"pdf:{client}",
        config["PDF_EXPORTS_PER_CLIENT"],
        config["PDF_EXPORT_WINDOW_SECONDS"],
    )
    # In its own transaction: the request's session may be a reading one.
    with get_database().session() as db:
        wait = wait_seconds(db, [limit])
        if wait:
            raise TooManyRequests(
                f"Too many PDF exports; try again in {wait} seconds (the Word file is not limited).",
                retry_after=wait,
            )
        record_hit(db, limit.key)
