"""Logging in and out of the web workbench."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_user, logout_user

from workbench.db import get_db
from workbench.users.operations import authenticate
from workbench.web.views.common import page_blueprint, safe_next

bp = page_blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The login form; a correct name and password start a session."""
    next_url = safe_next(request.values.get("next"))
    if request.method == "GET":
        return render_template("auth/login.html", name="", next_url=next_url, errors={})
    name = (request.form.get("name") or "").strip()
    password = request.form.get("password") or ""
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Enter your user name.")
    if not password:
        errors["password"] = _("Enter your password.")
    if errors:
        return render_template("auth/login.html", name=name, next_url=next_url, errors=errors), 400
    limiter = current_app.extensions["workbench.login_limiter"]
    if not limiter.allow(
        f"{request.remote_addr}|{name}", current_app.config["LOGIN_ATTEMPTS_PER_MINUTE"]
    ):
        errors[""] = _("Too many login attempts; wait a minute.")
        return render_template("auth/login.html", name=name, next_url=next_url, errors=errors), 429
    db = get_db()
    user = authenticate(db, name, password)
    if user is None:
        errors[""] = _("Wrong name or password.")
        return render_template("auth/login.html", name=name, next_url=next_url, errors=errors), 401
    login_user(user)
    flash(_("Logged in as %(name)s.", name=user.name))
    return redirect(next_url, code=303)


@bp.post("/logout")
def logout():
    """End the session (a POST, so that no link on another site can log anyone out)."""
    logout_user()
    flash(_("Logged out."))
    return redirect(url_for("pages.home"), code=303)
