"""Login, API tokens, CSRF and security headers."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

from flask import Flask, current_app, g, request
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import joinedload

from workbench.db import get_db
from workbench.errors import Forbidden, Unauthorized
from workbench.users.models import Role, User
from workbench.web.inputs import check_request_values

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
    app.extensions["workbench.login_limiter"] = LoginLimiter()
    app.url_value_preprocessor(check_request_values)

    @app.before_request
    def _authenticate_token():
        # A bearer token decides who is calling, whatever cookie comes with it: a script's
        # cookie jar may hold an anonymous session from a page it fetched, and Flask-Login's
        # session protection would otherwise throw the caller out before looking at the token.
        token = bearer_token()
        if token is not None:
            from workbench.users.operations import user_for_token

            user = user_for_token(get_db(), token)
            if user is None:
                g.bad_token = True
            login_manager._update_request_context_with_user(user)

    @app.before_request
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

    @app.after_request
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
        if request.path.startswith("/api/"):
            headers.setdefault("Cache-Control", "no-store")
        return response


def _api_call_without_session() -> bool:
    """An API write that no logged-in browser session sends: nothing for CSRF to forge.

    Such a call either logs in for a token (POST /api/token returns it in the body, not in a
    cookie) or is refused with 401 by the endpoint; answering 400 "CSRF token missing"
    instead would hide the real reason.
    """
    return request.path.startswith("/api/") and not current_user.is_authenticated


def bearer_token() -> str | None:
    """The API token of the request, if it carries one."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    return None


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    if not user_id.isdigit():
        return None
    # With the party the account bar shows: one query for the reader, not two.
    user = get_db().get(User, int(user_id), options=[joinedload(User.party)])
    return user if user is not None and user.active else None


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


class LoginLimiter:
    """At most N login attempts per minute per address and name (in this process)."""

    def __init__(self) -> None:
        self._attempts: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, key: str, per_minute: int) -> bool:
        now = time.monotonic()
        with self._lock:
            attempts = self._attempts[key]
            while attempts and now - attempts[0] > 60:
                attempts.popleft()
            if len(attempts) >= per_minute:
                return False
            attempts.append(now)
            return True
