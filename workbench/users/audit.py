"""The audit trail: every write leaves who, when, what, and the record before and after."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from workbench.users.models import AuditEntry, User


def snapshot(obj) -> dict[str, Any]:
    """The column values of a model instance, as JSON-friendly data."""
    data: dict[str, Any] = {}
    for attr in inspect(obj).mapper.column_attrs:
        value = getattr(obj, attr.key)
        if isinstance(value, Enum):
            value = value.value
        elif isinstance(value, (datetime, date)):
            value = value.isoformat()
        elif key_is_secret(attr.key):
            value = "***" if value else None
        data[attr.key] = value
    return data


def key_is_secret(key: str) -> bool:
    return key in {"password_hash", "token_digest", "digest", "totp_secret"}


def record_audit(
    db: Session,
    actor: User | None,
    action: str,
    entity: str,
    entity_id: int | None,
    *,
    summary: str | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    """Add one audit entry in the current transaction (so it is written with the change)."""
    entry = AuditEntry(
        user_id=actor.id if actor is not None else None,
        action=action,
        entity=entity,
        entity_id=entity_id,
        summary=summary,
        before=before,
        after=after,
    )
    db.add(entry)
    return entry
