"""Operations on the concordance: topics, and which provisions of each instrument treat them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from workbench.concordance.models import Correspondence, Relation, Topic
from workbench.errors import NotFound
from workbench.instruments.models import Instrument, InstrumentKind, Provision, Version
from workbench.instruments.queries import current_versions


def list_topics(db: Session) -> list[Topic]:
    """Every topic in its curated order."""
    return list(db.scalars(select(Topic).order_by(Topic.position, Topic.id)))


def get_topic(db: Session, slug: str) -> Topic:
    """The topic with this slug, or NotFound."""
    topic = db.scalar(select(Topic).where(Topic.slug == slug))
    if topic is None:
        raise NotFound(f"No topic with the slug {slug!r}.")
    return topic


@dataclass
class TopicColumn:
    """One instrument's treatment of a topic: its provisions with current text, or its silence."""

    instrument: Instrument
    entries: list[tuple[Correspondence, Provision | None, Version | None]] = field(
        default_factory=list
    )

    @property
    def absent(self) -> bool:
        return all(c.relation == Relation.ABSENT for c, _p, _v in self.entries)


def topic_synopsis(
    db: Session, topic: Topic, *, include_negotiating: bool = True
) -> list[TopicColumn]:
    """Every instrument's text on a topic, side by side: sources first, then negotiating texts.

    Negotiating texts appear through the provisions they took from the linked sources.
    """
    correspondences = list(
        db.scalars(
            select(Correspondence)
            .where(Correspondence.topic_id == topic.id)
            .options(
                selectinload(Correspondence.instrument), selectinload(Correspondence.provision)
            )
            .order_by(Correspondence.id)
        )
    )
    linked_ids = [c.provision_id for c in correspondences if c.provision_id]
    derived: list[Provision] = []
    if include_negotiating and linked_ids:
        derived = list(
            db.scalars(
                select(Provision)
                .join(Instrument)
                .where(
                    Provision.source_provision_id.in_(linked_ids),
                    Instrument.kind == InstrumentKind.NEGOTIATING,
                )
                .options(selectinload(Provision.instrument))
                .order_by(Provision.instrument_id, Provision.position)
            )
        )
    versions = current_versions(db, linked_ids + [p.id for p in derived])
    columns: dict[int, TopicColumn] = {}
    for correspondence in correspondences:
        column = columns.setdefault(
            correspondence.instrument_id, TopicColumn(correspondence.instrument)
        )
        provision = correspondence.provision
        column.entries.append(
            (correspondence, provision, versions.get(provision.id) if provision else None)
        )
    by_source: dict[int | None, Correspondence] = {
        c.provision_id: c for c in correspondences if c.provision_id
    }
    for provision in derived:
        column = columns.setdefault(provision.instrument_id, TopicColumn(provision.instrument))
        column.entries.append(
            (by_source[provision.source_provision_id], provision, versions.get(provision.id))
        )
    return sorted(
        columns.values(),
        key=lambda col: (col.instrument.kind == InstrumentKind.NEGOTIATING, col.instrument.id),
    )


def provision_topics(db: Session, provision: Provision) -> list[dict]:
    """The topics a provision treats (directly or through the source it was taken from),
    each with the corresponding provisions of the other instruments."""
    lineage = [provision.id]
    current = provision
    while current.source_provision_id is not None and len(lineage) < 10:
        lineage.append(current.source_provision_id)
        assert current.source_provision is not None, "its source_provision_id points to it"
        current = current.source_provision
    own = list(
        db.scalars(
            select(Correspondence)
            .where(Correspondence.provision_id.in_(lineage))
            .options(selectinload(Correspondence.topic))
        )
    )
    if not own:
        return []
    topic_ids = {c.topic_id for c in own}
    others = list(
        db.scalars(
            select(Correspondence)
            .where(Correspondence.topic_id.in_(topic_ids))
            .options(
                selectinload(Correspondence.instrument), selectinload(Correspondence.provision)
            )
            .order_by(Correspondence.id)
        )
    )
    by_topic: dict[int, list[Correspondence]] = defaultdict(list)
    for correspondence in others:
        if correspondence.provision_id not in lineage:
            by_topic[correspondence.topic_id].append(correspondence)
    result = []
    seen = set()
    for correspondence in own:
        if correspondence.topic_id in seen:
            continue
        seen.add(correspondence.topic_id)
        result.append(
            {
                "topic": correspondence.topic,
                "relation": correspondence.relation,
                "note_en": correspondence.note_en,
                "others": by_topic.get(correspondence.topic_id, []),
            }
        )
    return result
