"""JSON API of accounts: tokens for scripts, the user list and the audit log."""

from __future__ import annotations

from flask import current_app

from workbench.db import get_db
from workbench.parties.operations import get_party
from workbench.serialize import party_ref
from workbench.users.models import ApiToken, Role, User
from workbench.users.operations import (
    create_user,
    get_user,
    list_audit,
    list_users,
    set_user_active,
)
from workbench.users.tokens import find_token, issue_token, list_tokens, revoke_token
from workbench.web.api.base import Blueprint
from workbench.web.api.schemas.users import (
    ActiveBody,
    AuditArgs,
    AuditLog,
    NewToken,
    NewUserBody,
    Token,
    TokenBody,
    TokenList,
    UserList,
)
from workbench.web.api.schemas.users import (
    User as UserAnswer,
)
from workbench.web.security import acting_user, log_in, require_roles

bp = Blueprint("users_api", __name__, url_prefix="/api", description=__doc__)


def user_json(user: User) -> dict:
    return {
        "name": user.name,
        "role": str(user.role),
        "party": party_ref(user.party) if user.party else None,
        "active": user.active,
    }


def token_json(row: ApiToken) -> dict:
    return {
        "name": row.name,
        "created_at": row.created_at.isoformat(),
        "expires_at": row.expires_at.isoformat(),
        "last_used_at": row.last_used_at.isoformat() if row.last_used_at else None,
        "revoked": row.revoked_at is not None,
    }


@bp.post("/token")
@bp.arguments(TokenBody)
@bp.response(201, NewToken)
@bp.errors(401, 403, 409, 413, 429)
@bp.doc(operationId="createToken")
def token_create(data: dict):
    """Exchange a name and password (and TOTP code) for a new API token; others stay valid."""
    token_name, days = data["token_name"], data["days"]
    user = log_in(data["name"], data["password"], data["code"])
    db = get_db()
    if days is None:
        days = current_app.config["TOKEN_DAYS"]
    token = issue_token(db, user, name=token_name, days=days)
    db.commit()
    row = find_token(db, token)
    assert row is not None  # issued and committed just above
    return {"token": token, "token_info": token_json(row), "user": user_json(user)}, 201


@bp.get("/tokens")
@bp.write
@bp.response(200, TokenList)
@bp.errors(401)
@bp.doc(operationId="listTokens")
def tokens_index():
    """The caller's API tokens (never the tokens themselves)."""
    user = acting_user()
    return {"tokens": [token_json(t) for t in list_tokens(get_db(), user)]}


@bp.delete("/tokens/<token_name>")
@bp.write
@bp.response(200, Token)
@bp.errors(401, 404)
@bp.doc(operationId="revokeToken")
def token_revoke(token_name: str):
    """Revoke one of the caller's tokens by name; the others go on working."""
    user = acting_user()
    db = get_db()
    row = revoke_token(db, user, token_name, actor=user)
    db.commit()
    return token_json(row)


@bp.post("/users/<name>/active")
@bp.write
@bp.arguments(ActiveBody)
@bp.response(200, UserAnswer)
@bp.errors(401, 403, 404)
@bp.doc(operationId="setUserActive")
def user_active(data: dict, name: str):
    """Disable or enable an account (admins only): a disabled user's sessions end at once."""
    actor = require_roles(Role.ADMIN)
    db = get_db()
    user = set_user_active(db, get_user(db, name), data["active"], actor=actor)
    db.commit()
    return user_json(user)


@bp.get("/me")
@bp.write
@bp.response(200, UserAnswer)
@bp.errors(401)
@bp.doc(operationId="me")
def me():
    """The user the request is authenticated as."""
    return user_json(acting_user())


@bp.get("/users")
@bp.write
@bp.response(200, UserList)
@bp.errors(401, 403)
@bp.doc(operationId="listUsers")
def users_index():
    """Every user (admins only)."""
    require_roles(Role.ADMIN)
    return {"users": [user_json(u) for u in list_users(get_db())]}


@bp.post("/users")
@bp.write
@bp.arguments(NewUserBody)
@bp.response(201, UserAnswer)
@bp.errors(401, 403, 404, 409, 413)
@bp.doc(operationId="createUser")
def user_create(data: dict):
    """Create a user (admins only)."""
    actor = require_roles(Role.ADMIN)
    db = get_db()
    party_code = data["party"]
    user = create_user(
        db,
        name=data["name"],
        role=data["role"],
        password=data["password"],
        party=get_party(db, party_code) if party_code else None,
        actor=actor,
    )
    db.commit()
    return user_json(user), 201


@bp.get("/audit")
@bp.write
@bp.arguments(AuditArgs, location="query")
@bp.response(200, AuditLog)
@bp.errors(400, 401, 403)
@bp.doc(operationId="listAudit")
def audit_index(args: dict):
    """The audit log, newest first (secretariat and admins)."""
    actor = require_roles(Role.SECRETARIAT, Role.ADMIN)
    entries = list_audit(
        get_db(),
        limit=args["limit"],
        offset=args["offset"],
        entity=args["entity"],
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
