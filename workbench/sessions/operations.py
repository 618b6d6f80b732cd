"""Operations on sessions (meetings)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from workbench.db import utcnow
from workbench.errors import NotFound
from workbench.sessions.models import Session
from workbench.users.audit import record_audit
from workbench.users.models import Role, User
from workbench.users.permissions import require_role


def list_sessions(db: DbSession) -> list[Session]:
    """Every session, most recent first."""
    return list(db.scalars(select(Session).order_by(Session.starts_on.desc(), Session.id.desc())))


def get_session(db: DbSession, code: str) -> Session:
    """The session with this code, or NotFound."""
    session = db.scalar(select(Session).where(Session.code == str(code).upper()))
    if session is None:
        session = db.scalar(select(Session).where(Session.code == str(code)))
    if session is None:
        raise NotFound(f"No session with the code {code!r}.")
    return session


def named_session(db: DbSession, code: str | None) -> Session | None:
    """The session with this code, or None when none is named (NotFound for an unknown one)."""
    return get_session(db, code) if code else None


def latest_session(db: DbSession) -> Session | None:
    """The session that started last."""
    return db.scalar(select(Session).order_by(Session.starts_on.desc(), Session.id.desc()).limit(1))


def current_session(db: DbSession) -> Session | None:
    """The session in progress, as the secretariat set it, or None."""
    return db.scalar(select(Session).where(Session.is_current.is_(True)))


def set_current_session(db: DbSession, session: Session | None, *, actor: User | None) -> None:
    """Make a session the one in progress (None: no session in progress)."""
    require_role(actor, Role.SECRETARIAT, Role.ADMIN, action="set the session in progress")
    previous = current_session(db)
    if previous is not None and previous is not session:
        previous.is_current = False
        # Unset first: at most one session may be current, checked row by row.
        db.flush()
    if session is not None:
        session.is_current = True
    db.flush()
    record_audit(
        db,
        actor,
        "current_session",
        "session",
        session.id if session else None,
        summary=f"session in progress: {session.code if session else 'none'}",
        before={"session": previous.code if previous else None},
        after={"session": session.code if session else None},
    )


def decision_session(db: DbSession, given: Session | None) -> Session | None:
    """The session a decision is recorded under: the one named, else the one in progress,
    else the latest that has begun."""
    if given is not None:
        return given
    return current_session(db) or db.scalar(
        select(Session)
        .where(Session.starts_on <= utcnow().date())
        .order_by(Session.starts_on.desc(), Session.id.desc())
        .limit(1)
    )
