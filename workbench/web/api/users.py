"""JSON API of accounts: tokens for scripts, the user list and the audit log."""

from __future__ import annotations

from flask import Blueprint, current_app, request

from workbench.db import get_db
from workbench.errors import TooManyRequests, Unauthorized
from workbench.parties.operations import get_party
from workbench.serialize import party_ref
from workbench.users.models import Role, User
from workbench.users.operations import (
    authenticate,
    create_user,
    issue_token,
    list_audit,
    list_users,
)
from workbench.web.api.util import field, int_arg, json_body
from workbench.web.security import acting_user, require_roles

bp = Blueprint("users_api", __name__, url_prefix="/api")


def user_json(user: User) -> dict:
    return {
        "name": user.name,
        "role": str(user.role),
        "party": party_ref(user.party) if user.party else None,
        "active": user.active,
    }


@bp.post("/token")
def token_create():
    """Exchange a name and password for an API token (the previous token stops working)."""
    data = json_body()
    name = field(data, "name", str, required=True)
    limiter = current_app.extensions["workbench.login_limiter"]
    if not limiter.allow(
        f"{request.remote_addr}|{name}", current_app.config["LOGIN_ATTEMPTS_PER_MINUTE"]
    ):
        raise TooManyRequests("Too many login attempts; wait a minute.")
    db = get_db()
    user = authenticate(db, name, field(data, "password", str, required=True))
    if user is None:
        raise Unauthorized("Wrong name or password.")
    token = issue_token(db, user)
    db.commit()
    return {"token": token, "user": user_json(user)}, 201


@bp.get("/me")
def me():
    """The user the request is authenticated as."""
    return user_json(acting_user())


@bp.get("/users")
def users_index():
    """Every user (admins only)."""
    require_roles(Role.ADMIN)
    return {"users": [user_json(u) for u in list_users(get_db())]}


@bp.post("/users")
def user_create():
    """Create a user (admins only)."""
    actor = require_roles(Role.ADMIN)
    data = json_body()
    db = get_db()
    party_code = field(data, "party", str)
    user = create_user(
        db,
        name=field(data, "name", str, required=True),
        role=field(data, "role", str, required=True),
        password=field(data, "password", str, required=True),
        party=get_party(db, party_code) if party_code else None,
        actor=actor,
    )
    db.commit()
    return user_json(user), 201


@bp.get("/audit")
def audit_index():
    """The audit log, newest first (secretariat and admins)."""
    actor = require_roles(Role.SECRETARIAT, Role.ADMIN)
    entries = list_audit(
        get_db(),
        limit=int_arg("limit", 100, minimum=1, maximum=1000),
        offset=int_arg("offset", 0),
        entity=request.args.get("entity"),
        actor=actor,
    )
    return {
        "entries": [
            {
                "id": e.id,
                "at": e.at.isoformat(),
                "user": e.user.name if e.user else None,
                "action": e.action,
                "entity": e.entity,
                "entity_id": e.entity_id,
                "summary": e.summary,
                "before": e.before,
                "after": e.after,
            }
            for e in entries
        ]
    }
