"""The optional second factor: a TOTP code from an authenticator app."""

from __future__ import annotations

import pyotp
from sqlalchemy.orm import Session

from workbench.errors import InvalidInput
from workbench.users.audit import record_audit
from workbench.users.models import Role, User
from workbench.users.permissions import require_role

ISSUER = "Treaty workbench"
# Roles the deployment may oblige to use a second factor (TOTP_REQUIRED_FOR_STAFF).
STAFF = (Role.ADMIN, Role.SECRETARIAT)


def new_totp_secret() -> str:
    """A fresh base32 secret for an authenticator app."""
    return pyotp.random_base32()


def totp_uri(user: User, secret: str) -> str:
    """The otpauth:// URI an authenticator app reads (as text or as a QR code)."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.name, issuer_name=ISSUER)


def code_matches(secret: str, code) -> bool:
    """Whether a six-digit code fits the secret now (one step of clock drift allowed)."""
    code = (code or "").replace(" ", "") if isinstance(code, str) else ""
    return bool(secret) and code.isdigit() and pyotp.TOTP(secret).verify(code, valid_window=1)


def enrol_totp(
    db: Session, user: User, secret: str, code: str | None, *, actor: User | None = None
) -> None:
    """Turn on the second factor with this secret; a code from the app proves it was set up."""
    if actor is not None and actor.id != user.id:
        require_role(actor, Role.ADMIN, action="enrol a second factor for other users")
    if code is not None and not code_matches(secret, code):
        raise InvalidInput(
            "The code does not match; check the authenticator app's clock and try again.",
            field="code",
        )
    user.totp_secret = secret
    user.session_generation += 1
    db.flush()
    record_audit(db, actor or user, "enrol_totp", "user", user.id, summary="second factor on")


def needs_second_factor(user: User, required_for_staff: bool) -> bool:
    """Whether this user must give a TOTP code to log in."""
    return user.totp_secret is not None or (required_for_staff and user.role in STAFF)
