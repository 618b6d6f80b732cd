"""Operations on sessions (meetings)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from workbench.errors import NotFound
from workbench.sessions.models import Session


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


def latest_session(db: DbSession) -> Session | None:
    """The session that started last."""
    return db.scalar(select(Session).order_by(Session.starts_on.desc(), Session.id.desc()).limit(1))
