"""Logging in and out of the web workbench."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from workbench.db import get_db
from workbench.errors import TooManyRequests, WorkbenchError
from workbench.users.passwords import change_password, verify_password
from workbench.users.tokens import list_tokens, revoke_token
from workbench.users.totp import enrol_totp, new_totp_secret, totp_uri
from workbench.web.forms.accounts import (
    LoginForm,
    PasswordChangeForm,
    TokenRevokeForm,
    TotpForm,
)
from workbench.web.forms.base import errors_of
from workbench.web.security import end_session, log_in, start_session
from workbench.web.views.common import page_actor, page_blueprint, safe_next

bp = page_blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The login form; a correct name and password start a session."""
    next_url = safe_next(request.values.get("next"))
    if request.method == "GET":
        return render_template("auth/login.html", name="", next_url=next_url, errors={})
    form = LoginForm()
    name = form.name.data or ""
    if not form.validate():
        page = render_template(
            "auth/login.html", name=name, next_url=next_url, errors=errors_of(form)
        )
        return page, 400
    try:
        user = log_in(name, form.password.data, form.code.data or None)
    except WorkbenchError as exc:
        errors = {exc.field or "": _message(exc)}
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


def _account_page(user, errors: dict, status: int = 200):
    """The account page: password, second factor, API tokens."""
    # The secret being enrolled stays the same across reloads until it is confirmed.
    secret = session.get("totp_pending") or new_totp_secret()
    session["totp_pending"] = secret
    return render_template(
        "auth/account.html",
        user=user,
        errors=errors,
        tokens=list_tokens(get_db(), user),
        totp_secret=secret,
        totp_uri=totp_uri(user, secret),
    ), status


@bp.get("/account")
def account():
    """The logged-in user's own account."""
    return _account_page(page_actor(), {})


@bp.post("/account/password")
def account_password():
    """Change one's own password; sessions in other browsers end, this one goes on."""
    user = page_actor()
    db = get_db()
    form = PasswordChangeForm()
    errors = {} if form.validate() else errors_of(form)
    if not errors and not verify_password(db, user, form.current.data):
        errors["current"] = _("This is not your current password.")
    if not errors:
        try:
            change_password(db, user, form.password.data, actor=user)
        except WorkbenchError as exc:
            errors[exc.field or ""] = exc.message
    if errors:
        db.rollback()
        return _account_page(user, errors, 400)
    db.commit()
    start_session(user)
    flash(_("Your password is changed; your other sessions have ended."))
    return redirect(url_for("auth.account"), code=303)


@bp.post("/account/totp")
def account_totp():
    """Turn on the second factor with the secret shown, once a code proves the app has it."""
    user = page_actor()
    db = get_db()
    secret = session.get("totp_pending")
    form = TotpForm()
    if not form.validate() or not secret:
        return _account_page(user, errors_of(form) or {"code": _("This field is required.")}, 400)
    try:
        enrol_totp(db, user, secret, form.code.data, actor=user)
    except WorkbenchError:
        db.rollback()
        return _account_page(
            user,
            {"code": _("The code does not match; check the app's clock and try again.")},
            400,
        )
    db.commit()
    start_session(user)
    flash(_("The second factor is on: logging in now asks for a code."))
    return redirect(url_for("auth.account"), code=303)


@bp.post("/account/tokens/revoke")
def account_token_revoke():
    """Revoke one of one's own API tokens."""
    user = page_actor()
    db = get_db()
    form = TokenRevokeForm()
    if not form.validate():
        # The page has one revoke button per token and no field to show an error beside.
        return _account_page(user, {"": errors_of(form)["name"]}, 400)
    name = form.name.data
    try:
        revoke_token(db, user, name, actor=user)
    except WorkbenchError as exc:
        db.rollback()
        return _account_page(user, {"": exc.message}, exc.status_code)
    db.commit()
    flash(_("The token %(name)s is revoked.", name=name))
    return redirect(url_for("auth.account"), code=303)
