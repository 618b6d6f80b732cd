"""Operations on users: creating them, checking passwords, issuing API tokens."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.errors import Conflict, InvalidInput, NotFound
from workbench.parties.models import Party
from workbench.users.audit import record_audit, snapshot
from workbench.users.models import AuditEntry, Role, User
from workbench.users.permissions import require_role
from workbench.validation import clean_short

_hasher = PasswordHasher()
MIN_PASSWORD = 8


def hash_password(password: str) -> str:
    """An argon2id hash of the password."""
    return _hasher.hash(password)


def token_digest(token: str) -> str:
    """The digest under which an API token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_user(
    db: Session,
    *,
    name: str,
    role: Role | str,
    password: str,
    party: Party | None = None,
    actor: User | None = None,
) -> User:
    """Create a user; a delegate must be bound to a party, and only a delegate is."""
    require_role(actor, Role.ADMIN, action="manage users")
    name = clean_short(name, "name", required=True)
    if len(name) < 2:
        raise InvalidInput("A user name needs at least 2 characters.", field="name")
    try:
        role = Role(role)
    except ValueError:
        raise InvalidInput(
            f"Unknown role {role!r} (use secretariat, delegate, observer or admin).", field="role"
        ) from None
    if role == Role.DELEGATE and party is None:
        raise InvalidInput("A delegate must be bound to a party (--party CODE).", field="party")
    if role != Role.DELEGATE and party is not None:
        raise InvalidInput("Only a delegate is bound to a party.", field="party")
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise InvalidInput(
            f"The password needs at least {MIN_PASSWORD} characters.", field="password"
        )
    if db.scalar(select(User.id).where(User.name == name)) is not None:
        raise Conflict(f"A user named {name!r} already exists.", field="name")
    user = User(name=name, role=role, party=party, password_hash=hash_password(password))
    db.add(user)
    db.flush()
    record_audit(
        db, actor, "create", "user", user.id, summary=f"user {name} ({role})", after=snapshot(user)
    )
    return user


def get_user(db: Session, name: str) -> User:
    """The user with this name, or NotFound."""
    user = db.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFound(f"No user named {name!r}.")
    return user


def list_users(db: Session) -> list[User]:
    """Every user, by name."""
    return list(db.scalars(select(User).order_by(User.name)))


def authenticate(db: Session, name: str, password: str) -> User | None:
    """The active user with this name and password, or None."""
    user = db.scalar(select(User).where(User.name == name)) if name else None
    if user is None or not user.active:
        # Hash anyway so that the answer takes as long for unknown names.
        _hasher.hash(password or "")
        return None
    try:
        _hasher.verify(user.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return None
    return user


def issue_token(db: Session, user: User, *, actor: User | None = None) -> str:
    """A new API token for the user (the old one stops working); shown once, stored hashed."""
    if actor is not None and actor.id != user.id:
        require_role(actor, Role.ADMIN, action="issue tokens for other users")
    token = "wbt_" + secrets.token_urlsafe(32)
    user.token_digest = token_digest(token)
    db.flush()
    record_audit(
        db, actor or user, "issue_token", "user", user.id, summary=f"new API token for {user.name}"
    )
    return token


def user_for_token(db: Session, token: str) -> User | None:
    """The active user holding this API token, or None."""
    if not token:
        return None
    user = db.scalar(select(User).where(User.token_digest == token_digest(token)))
    return user if user is not None and user.active else None


def list_audit(
    db: Session,
    *,
    limit: int = 100,
    offset: int = 0,
    entity: str | None = None,
    actor: User | None = None,
) -> list[AuditEntry]:
    """The audit log, newest first (the secretariat and admins read it)."""
    require_role(actor, Role.SECRETARIAT, Role.ADMIN, action="read the audit log")
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit).offset(offset)
    if entity:
        query = query.where(AuditEntry.entity == entity)
    return list(db.scalars(query))
