"""Read-only concordance queries behind the web pages, in a fixed, small number of queries."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from workbench.concordance.models import Correspondence
from workbench.instruments.models import Provision


def corresponding_provisions(db: Session, provision: Provision) -> list[dict]:
    """The topics a provision treats (itself or the provision it was taken from), each with
    the other instruments' correspondences on it. Two queries."""
    lineage = [provision.id]
    if provision.source_provision_id is not None:
        lineage.append(provision.source_provision_id)
    own = list(
        db.scalars(
            select(Correspondence)
            .where(Correspondence.provision_id.in_(lineage))
            .options(joinedload(Correspondence.topic))
            .order_by(Correspondence.id)
        )
    )
    if not own:
        return []
    topic_ids = {c.topic_id for c in own}
    others = db.scalars(
        select(Correspondence)
        .where(Correspondence.topic_id.in_(topic_ids))
        .options(joinedload(Correspondence.instrument), joinedload(Correspondence.provision))
        .order_by(Correspondence.id)
    )
    by_topic: dict[int, list[Correspondence]] = {topic_id: [] for topic_id in topic_ids}
    for correspondence in others:
        if correspondence.provision_id not in lineage:
            by_topic[correspondence.topic_id].append(correspondence)
    result, seen = [], set()
    for correspondence in own:
        if correspondence.topic_id not in seen:
            seen.add(correspondence.topic_id)
            result.append(
                {
                    "topic": correspondence.topic,
                    "relation": correspondence.relation,
                    "others": by_topic[correspondence.topic_id],
                }
            )
    return result
