"""Finding and keeping the response of a write done under an Idempotency-Key."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from workbench.db import utcnow
from workbench.idempotency.models import IdempotencyKey

# How long a client may retry a write and get its first answer back.
KEEP_FOR = timedelta(days=1)


def find_kept_response(db: Session, user_id: int, key: str) -> IdempotencyKey | None:
    """The response kept under this user's key, if it is less than a day old."""
    return db.scalar(
        select(IdempotencyKey).where(
            IdempotencyKey.user_id == user_id,
            IdempotencyKey.key == key,
            IdempotencyKey.created_at > utcnow() - KEEP_FOR,
        )
    )


def keep_response(
    db: Session,
    user_id: int,
    key: str,
    *,
    fingerprint: str,
    status: int,
    content_type: str,
    body: bytes,
) -> IdempotencyKey:
    """Keep a response under the key, in the transaction of the write it answers; flushes.

    Keys older than a day are dropped first, so that one may be used again; a key in use by
    a concurrent request makes the flush (or the commit) fail on the unique constraint.
    """
    db.execute(delete(IdempotencyKey).where(IdempotencyKey.created_at <= utcnow() - KEEP_FOR))
    kept = IdempotencyKey(
        user_id=user_id,
        key=key,
        fingerprint=fingerprint,
        status=status,
        content_type=content_type,
        body=body,
    )
    db.add(kept)
    db.flush()
    return kept
