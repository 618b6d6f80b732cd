"""Who may do what: the rules every write checks, whichever door it came through.

``actor=None`` means a trusted caller on the server itself (the CLI, the corpus loader).
"""

from __future__ import annotations

from workbench.errors import Forbidden, Unauthorized
from workbench.users.models import Role, User


def require_role(actor: User | None, *roles: Role, action: str) -> None:
    """Refuse unless the actor has one of the roles."""
    if actor is None:
        return
    if not actor.is_authenticated:
        raise Unauthorized(f"Log in to {action}.")
    if actor.role not in roles:
        allowed = " or ".join(role.value for role in roles)
        raise Forbidden(f"Only the {allowed} may {action}.")


def require_party_hand(actor: User | None, party_id: int, party_name: str, *, action: str) -> None:
    """Refuse unless the actor may act for this party: the secretariat, or its own delegate."""
    if actor is None:
        return
    if not actor.is_authenticated:
        raise Unauthorized(f"Log in to {action}.")
    if actor.role == Role.SECRETARIAT:
        return
    if actor.role == Role.DELEGATE and actor.party_id == party_id:
        return
    if actor.role == Role.DELEGATE:
        raise Forbidden(f"A delegate of one party cannot {action} for {party_name}.")
    raise Forbidden(f"The {actor.role.value} role cannot {action}.")
