"""Helpers shared by the HTML views: the reader, roles, language choices, form errors."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, redirect, request, session, url_for
from flask_babel import get_locale
from flask_login import current_user

from workbench.errors import Forbidden, Unauthorized, WorkbenchError
from workbench.users.models import Role, User
from workbench.web.security import reader

TEXT_VIEWS = ("en", "zh", "both")
UI_LANGUAGES = ("en", "zh")


def ui_lang() -> str:
    """The language the interface speaks: 'en' or 'zh'."""
    return "zh" if str(get_locale() or "en").startswith("zh") else "en"


def choose_locale() -> str:
    """Flask-Babel's locale selector: the language chosen with the switch, else the browser's."""
    chosen = session.get("lang")
    if chosen in UI_LANGUAGES:
        return chosen
    return request.accept_languages.best_match(UI_LANGUAGES) or "en"


def text_view(available: list[str] | None = None) -> str:
    """Which texts to show: ?text=en|zh|both, else both when both exist, else the UI language."""
    asked = request.args.get("text")
    if asked in TEXT_VIEWS:
        return asked
    if available is not None and not {"en", "zh"} <= set(available):
        return "zh" if available == ["zh"] else "en"
    return "both"


def page_reader() -> User | None:
    """The reader of a page; anonymous readers are sent to log in when reading needs it."""
    return reader()


def page_actor(*roles: Role) -> User:
    """The logged-in user, who must hold one of the roles (anonymous → login page)."""
    if not current_user.is_authenticated:
        raise Unauthorized("Log in to do this.")
    user = current_user._get_current_object()
    if roles and user.role not in roles:
        raise Forbidden(f"Only the {' or '.join(r.value for r in roles)} may do this.")
    return user


def can(role: Role, *roles: Role) -> bool:
    return role in roles


def safe_next(target: str | None, default: str = "/") -> str:
    """A local path to go back to (never another site)."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def _to_login(_error: Unauthorized):
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def page_blueprint(name: str, import_name: str, **kwargs) -> Blueprint:
    """A blueprint of pages: a reader who must log in is taken to the login page."""
    bp = Blueprint(name, import_name, **kwargs)
    bp.register_error_handler(Unauthorized, _to_login)
    return bp


class FormErrors(dict):
    """Errors of a form, keyed by field name ('' for the form as a whole)."""

    def add(self, error: WorkbenchError, fields: tuple[str, ...] = ()) -> None:
        key = error.field if error.field in fields else ""
        self[key] = error.message

    @property
    def status(self) -> int:
        return 400
