"""Reading negotiation statuses: one provision's, many at once, and a provision's history."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session, selectinload

from workbench.instruments.models import Provision
from workbench.progress.models import ProvisionStatus, ProvisionStatusChange


def latest_changes(db: Session, provision_ids: Iterable[int]) -> dict[int, ProvisionStatusChange]:
    """The last status change of each provision that has one, in one query."""
    ids = list(dict.fromkeys(provision_ids))
    if not ids:
        return {}
    last = (
        select(func.max(ProvisionStatusChange.id))
        .where(ProvisionStatusChange.provision_id.in_(ids))
        .group_by(ProvisionStatusChange.provision_id)
    )
    rows = db.scalars(
        select(ProvisionStatusChange)
        .where(ProvisionStatusChange.id.in_(last))
        .options(selectinload(ProvisionStatusChange.session))
    )
    return {change.provision_id: change for change in rows}


def statuses_of(db: Session, provisions: Iterable[Provision | int]) -> dict[int, ProvisionStatus]:
    """The negotiation status of each provision (by id), open where none was ever set."""
    ids = [p if isinstance(p, int) else p.id for p in provisions]
    changes = latest_changes(db, ids)
    return {pid: changes[pid].to_status if pid in changes else ProvisionStatus.OPEN for pid in ids}


def provision_status(provision: Provision) -> ProvisionStatus:
    """The negotiation status of one provision, open where none was ever set."""
    db = object_session(provision)
    if db is None or provision.id is None:
        return ProvisionStatus.OPEN
    return statuses_of(db, [provision.id])[provision.id]


def status_history(db: Session, provision: Provision) -> list[ProvisionStatusChange]:
    """Every status change of a provision, oldest first."""
    return list(
        db.scalars(
            select(ProvisionStatusChange)
            .where(ProvisionStatusChange.provision_id == provision.id)
            .order_by(ProvisionStatusChange.id)
            .options(
                selectinload(ProvisionStatusChange.session),
                selectinload(ProvisionStatusChange.user),
            )
        )
    )
