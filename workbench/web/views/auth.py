"""Logging in and out of the web workbench."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from workbench.db import get_db
from workbench.errors import TooManyRequests, WorkbenchError
from workbench.web.security import end_session, log_in, start_session
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
    try:
        user = log_in(name, password, request.form.get("code"))
    except WorkbenchError as exc:
        errors[exc.field or ""] = _message(exc)
        page = render_template("auth/login.html", name=name, next_url=next_url, errors=errors)
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, TooManyRequests) else {}
        return page, exc.status_code, headers
    start_session(user)
    get_db().commit()  # a re-hashed password, the failures of this name forgotten
    flash(_("Logged in as %(name)s.", name=user.name))
    return redirect(next_url, code=303)


@bp.post("/logout")
def logout():
    """End the session (a POST, so that no link on another site can log anyone out)."""
    end_session()
    flash(_("Logged out."))
    return redirect(url_for("pages.home"), code=303)


def _message(error: WorkbenchError) -> str:
    """The refusal in the reader's language where the page has words for it."""
    if isinstance(error, TooManyRequests):
        return _(
            "Too many failed logins; try again in %(seconds)s seconds.", seconds=error.retry_after
        )
    if error.field == "code" and error.status_code == 401:
        return _("Give the six-digit code of your authenticator app as well.")
    if error.status_code == 401:
        return _("Wrong name or password.")
    return error.message
