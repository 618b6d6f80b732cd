"""API tokens: several named ones per user, each shown once, stored hashed, expiring."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload

from workbench.db import as_utc, utcnow
from workbench.errors import Conflict, InvalidInput, NotFound
from workbench.users.audit import record_audit
from workbench.users.models import ApiToken, Role, User
from workbench.users.permissions import require_role
from workbench.validation import clean_short

TOKEN_DAYS = 90
# A token's last use is written at most this often, not on every request.
LAST_USED_GRANULARITY = timedelta(minutes=5)


def token_digest(token: str) -> str:
    """The digest under which an API token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(
    db: Session,
    user: User,
    *,
    name: str | None = None,
    days: int = TOKEN_DAYS,
    actor: User | None = None,
) -> str:
    """A new API token for the user, beside the ones it has; shown once, stored hashed."""
    if actor is not None and actor.id != user.id:
        require_role(actor, Role.ADMIN, action="issue tokens for other users")
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 366:
        raise InvalidInput("A token lasts from 1 to 366 days.", field="days")
    taken = {t.name for t in user.tokens if t.revoked_at is None}
    if name is None:
        number = len(user.tokens) + 1
        while f"token-{number}" in taken:
            number += 1
        name = f"token-{number}"
    name = clean_short(name, "token_name", required=True)
    if len(name) > 80:
        raise InvalidInput("A token's name has at most 80 characters.", field="token_name")
    if name in taken:
        raise Conflict(f"{user.name} already has a token named {name!r}.", field="token_name")
    token = "wbt_" + secrets.token_urlsafe(32)
    now = utcnow()
    row = ApiToken(
        user=user, name=name, digest=token_digest(token), expires_at=now + timedelta(days=days)
    )
    db.add(row)
    db.flush()
    record_audit(
        db,
        actor or user,
        "issue_token",
        "user",
        user.id,
        summary=f"API token {name!r} for {user.name}, until {row.expires_at:%Y-%m-%d}",
    )
    return token


def token_in_force(row: ApiToken | None, now: datetime | None = None) -> bool:
    """Whether a token still opens the door: not revoked, not expired, its user active."""
    if row is None or row.revoked_at is not None or not row.user.active:
        return False
    return as_utc(row.expires_at) > (now or utcnow())


def find_token(db: Session, token: str) -> ApiToken | None:
    """The token row in force for this token, or None."""
    if not token:
        return None
    # The user comes in the same query: every request of a script asks this, and the
    # check below needs the user at once.
    row = db.scalar(
        select(ApiToken)
        .options(joinedload(ApiToken.user))
        .where(ApiToken.digest == token_digest(token))
    )
    return row if token_in_force(row) else None


def user_for_token(db: Session, token: str) -> User | None:
    """The active user holding this API token in force, or None."""
    row = find_token(db, token)
    return row.user if row is not None else None


def use_is_news(row: ApiToken, now: datetime | None = None) -> bool:
    """Whether this use of the token should be written down (see LAST_USED_GRANULARITY)."""
    if row.last_used_at is None:
        return True
    return as_utc(row.last_used_at) < (now or utcnow()) - LAST_USED_GRANULARITY


def note_token_use(db: Session, token_id: int) -> None:
    """Record that a token was used now (at most every few minutes, to spare the writes)."""
    now = utcnow()
    db.execute(
        update(ApiToken)
        .where(ApiToken.id == token_id)
        .where(
            (ApiToken.last_used_at.is_(None))
            | (ApiToken.last_used_at < now - LAST_USED_GRANULARITY)
        )
        .values(last_used_at=now)
    )


def list_tokens(db: Session, user: User) -> list[ApiToken]:
    """The user's tokens, oldest first, revoked and expired ones included."""
    return list(db.scalars(select(ApiToken).where(ApiToken.user_id == user.id).order_by("id")))


def revoke_token(db: Session, user: User, name: str, *, actor: User | None = None) -> ApiToken:
    """End one token of the user, named; the others go on working."""
    if actor is not None and actor.id != user.id:
        require_role(actor, Role.ADMIN, action="revoke tokens of other users")
    row = db.scalar(
        select(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.name == name, ApiToken.revoked_at.is_(None))
        .order_by(ApiToken.id.desc())
    )
    if row is None:
        raise NotFound(f"{user.name} has no token in force named {name!r}.", field="token_name")
    row.revoked_at = utcnow()
    db.flush()
    record_audit(
        db, actor or user, "revoke_token", "user", user.id, summary=f"API token {name!r} revoked"
    )
    return row
