"""Passwords: how strong a new one must be, hashing, re-hashing, and changing one."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.errors import InvalidInput
from workbench.parties.models import Party
from workbench.users.audit import record_audit
from workbench.users.models import Role, User
from workbench.users.permissions import require_role

MIN_PASSWORD = 10
MAX_PASSWORD = 1000
MIN_SCORE = 3  # zxcvbn: 3 is "safely unguessable" against an online attack, and more
# Words a guesser tries first against this product: its own vocabulary.
PRODUCT_WORDS = (
    "treaty",
    "convention",
    "workbench",
    "protocol",
    "negotiation",
    "delegate",
    "delegation",
    "secretariat",
    "observer",
    "admin",
    "party",
    "parties",
    "proposal",
    "amendment",
    "article",
    "cybercrime",
    "budapest",
    "united nations",
    "ahc",
)

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash of the password, with the current parameters."""
    return _hasher.hash(password)


def password_context(db: Session, name: str, party: Party | None = None) -> list[str]:
    """What zxcvbn should treat as easy to guess for this user: names and product words."""
    words = [name, *name.replace("-", " ").replace("_", " ").split(), *PRODUCT_WORDS]
    if party is not None:
        words += [party.code, *party.name_en.split()]
    words += list(db.scalars(select(Party.code)))
    return [w for w in words if w]


def check_password(password, context: list[str]) -> str:
    """The password if strong enough, else InvalidInput saying why (zxcvbn's feedback)."""
    from zxcvbn import zxcvbn

    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise InvalidInput(
            f"The password needs at least {MIN_PASSWORD} characters.", field="password"
        )
    if len(password) > MAX_PASSWORD:
        raise InvalidInput(
            f"The password may have at most {MAX_PASSWORD} characters.", field="password"
        )
    # zxcvbn's matching grows fast with length; the first 100 characters decide.
    result = zxcvbn(password[:100], user_inputs=context)
    if result["score"] < MIN_SCORE:
        feedback = result.get("feedback") or {}
        reasons = [feedback.get("warning") or "This password is easy to guess."]
        reasons += feedback.get("suggestions") or []
        raise InvalidInput(
            "The password is too easy to guess: " + " ".join(r for r in reasons if r),
            field="password",
        )
    return password


def verify_password(db: Session, user: User, password: str) -> bool:
    """Whether the password is the user's; re-hashes it when the hash parameters changed."""
    try:
        _hasher.verify(user.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return False
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        db.flush()
    return True


def waste_a_hash(password: str) -> None:
    """Hash anyway, so that an unknown name takes as long to refuse as a wrong password."""
    _hasher.hash(password or "")


def change_password(db: Session, user: User, password: str, *, actor: User | None = None) -> None:
    """Set a new (strong) password; every session of the user ends."""
    if actor is not None and actor.id != user.id:
        require_role(actor, Role.ADMIN, action="change other users' passwords")
    check_password(password, password_context(db, user.name, user.party))
    user.password_hash = hash_password(password)
    user.session_generation += 1
    db.flush()
    record_audit(
        db,
        actor or user,
        "change_password",
        "user",
        user.id,
        summary=f"new password for {user.name}",
    )
