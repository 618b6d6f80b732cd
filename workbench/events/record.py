"""Recording events with the write they announce, and waking the listeners on commit."""

from __future__ import annotations

from sqlalchemy import event, text
from sqlalchemy.orm import Session

from workbench.errors import InvalidInput
from workbench.events.models import EVENT_IDS, Event, EventKind

CHANNEL = "workbench_events"
# Any fixed number: the transaction-level lock that numbers events in commit order.
ORDER_LOCK = 170_017
_PENDING = "workbench.pending_events"


def record_event(db: Session, kind: EventKind | str, **ids: int | str | None) -> Event:
    """Announce a change in the current transaction; the row is written when it commits.

    ``ids`` are public identifiers only (proposal, provision, instrument, session, number,
    status): an event never carries wording or a person's name.
    """
    unknown = set(ids) - set(EVENT_IDS)
    if unknown:
        raise InvalidInput(f"An event carries ids only, not {sorted(unknown)}.")
    columns = {
        (name if name in ("number", "status") else f"{name}_id"): value
        for name, value in ids.items()
    }
    if columns.get("status") is not None:
        columns["status"] = str(columns["status"])
    pending = Event(kind=EventKind(kind), **columns)
    db.info.setdefault(_PENDING, []).append(pending)
    return pending


@event.listens_for(Session, "before_commit")
def _write_pending(db: Session) -> None:
    # Written last, after every other row of the transaction: on PostgreSQL two writers may
    # commit out of order, so the lock is taken only now (no row lock can be awaited after
    # it) and held until commit, so that a reader never passes an event that commits late.
    pending = db.info.pop(_PENDING, None)
    if not pending:
        return
    db.flush()
    postgres = db.get_bind().dialect.name == "postgresql"
    if postgres:
        db.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ORDER_LOCK})
    db.add_all(pending)
    db.flush()
    if postgres:
        # Delivered when (and only if) the transaction commits.
        db.execute(
            text("SELECT pg_notify(:channel, :last)"),
            {"channel": CHANNEL, "last": str(pending[-1].id)},
        )


@event.listens_for(Session, "after_transaction_end")
def _forget_pending(db: Session, transaction) -> None:
    # A rolled-back write announces nothing.
    if transaction.parent is None:
        db.info.pop(_PENDING, None)
