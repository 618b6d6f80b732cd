"""Operations on users: creating, finding, authenticating, disabling, ending sessions."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.errors import Conflict, InvalidInput, NotFound
from workbench.parties.models import Party
from workbench.users.audit import record_audit, snapshot
from workbench.users.models import AuditEntry, Role, User
from workbench.users.passwords import (
    check_password,
    hash_password,
    password_context,
    verify_password,
    waste_a_hash,
)
from workbench.users.permissions import require_role

# Tokens live in their own module; these names stay importable from here.
from workbench.users.tokens import issue_token, user_for_token  # noqa: F401
from workbench.validation import clean_short


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
    check_password(password, password_context(db, name, party))
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
    """The active user with this name and password, or None (re-hashes an old hash)."""
    user = db.scalar(select(User).where(User.name == name)) if name else None
    if user is None or not user.active:
        waste_a_hash(password)
        return None
    return user if verify_password(db, user, password) else None


def end_sessions(db: Session, user: User) -> None:
    """End every session of the user, in every browser (logging out does this)."""
    user.session_generation += 1
    db.flush()


def set_user_active(db: Session, user: User, active: bool, *, actor: User | None = None) -> User:
    """Disable an account (its sessions and tokens stop at once) or enable it again."""
    require_role(actor, Role.ADMIN, action="disable or enable users")
    if actor is not None and actor.id == user.id and not active:
        raise InvalidInput("An admin cannot disable their own account.", field="name")
    before = snapshot(user)
    user.active = active
    user.session_generation += 1
    db.flush()
    record_audit(
        db,
        actor,
        "enable" if active else "disable",
        "user",
        user.id,
        summary=f"user {user.name} {'enabled' if active else 'disabled'}",
        before=before,
        after=snapshot(user),
    )
    return user


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
