"""Throttling kept in the database, so that every worker process counts the same attempts."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from workbench.users.models import ThrottleHit

# Hits older than this are never counted again, whatever the window: they are removed.
KEEP_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Limit:
    """At most ``count`` hits of ``key`` within ``seconds``."""

    key: str
    count: int
    seconds: int


def wait_seconds(db: Session, limits: list[Limit], now: float | None = None) -> int:
    """Seconds until every limit allows one more hit (0: allowed now)."""
    now = time.time() if now is None else now
    wait = 0.0
    for limit in limits:
        if limit.count <= 0:
            continue
        times = list(
            db.scalars(
                select(ThrottleHit.at)
                .where(ThrottleHit.key == limit.key, ThrottleHit.at > now - limit.seconds)
                .order_by(ThrottleHit.at.desc())
                .limit(limit.count)
            )
        )
        if len(times) >= limit.count:
            # The oldest of the last ``count`` hits must leave the window first.
            wait = max(wait, times[-1] + limit.seconds - now)
    return math.ceil(wait) if wait > 0 else 0


def record_hit(db: Session, *keys: str, now: float | None = None) -> None:
    """Count one hit against each key (and forget hits no window still looks at)."""
    now = time.time() if now is None else now
    db.add_all(ThrottleHit(key=key[:200], at=now) for key in keys)
    db.execute(delete(ThrottleHit).where(ThrottleHit.at < now - KEEP_SECONDS))
    db.flush()


def clear_hits(db: Session, key: str) -> None:
    """Forget the hits of one key (a successful login clears its name's failures)."""
    db.execute(delete(ThrottleHit).where(ThrottleHit.key == key))
    db.flush()
