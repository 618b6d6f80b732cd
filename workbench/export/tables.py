"""Synoptic tables from the database: the concordance's topics, or a chapter, across sources."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy.orm import Session

from workbench.concordance.models import Relation, Topic
from workbench.concordance.operations import provision_topics, topic_synopsis
from workbench.db import utcnow
from workbench.errors import InvalidInput
from workbench.export.model import SynopticCell, SynopticRow, SynopticTable
from workbench.instruments.models import Instrument, Provision, Version
from workbench.instruments.queries import (
    ChapterNode,
    ProvisionNode,
    current_versions,
    instrument_tree,
    walk_tree,
)


def _cell_text(version: Version | None, lang: str) -> str:
    if version is None:
        return ""
    return version.text(lang) or next((t.text for t in version.texts), "")


def concordance_table(
    db: Session,
    topics: list[Topic],
    *,
    lang: str = "en",
    today: date | None = None,
    title: str | None = None,
) -> SynopticTable:
    """Topics of the concordance as rows, every instrument treating them as a column."""
    if not topics:
        raise InvalidInput("Choose at least one topic.")
    synopses = [(topic, topic_synopsis(db, topic)) for topic in topics]
    instruments: dict[int, Instrument] = {}
    for _topic, columns in synopses:
        for column in columns:
            instruments.setdefault(column.instrument.id, column.instrument)
    if not instruments:
        raise InvalidInput("No instrument is linked to the chosen topics.")
    order = sorted(instruments.values(), key=lambda i: (i.kind == "negotiating", i.id))
    rows = []
    for topic, columns in synopses:
        by_instrument = {column.instrument.id: column for column in columns}
        cells = []
        for instrument in order:
            found = by_instrument.get(instrument.id)
            cell = SynopticCell()
            notes = []
            for correspondence, provision, version in found.entries if found else []:
                if provision is None:
                    notes.append(correspondence.note_en or "No provision on this matter.")
                    continue
                heading = f"{provision.label} {provision.title(lang)}".strip()
                cell.entries.append((heading, _cell_text(version, lang)))
                if (
                    correspondence.relation in (Relation.CONTRARY, Relation.PARTIAL)
                    and correspondence.note_en
                ):
                    notes.append(
                        f"{correspondence.relation.value.capitalize()}: {correspondence.note_en}"
                    )
            if found is None:
                notes.append("No corresponding provision.")
            cell.note = " ".join(dict.fromkeys(notes)) or None
            cells.append(cell)
        rows.append(SynopticRow(matter=topic.title(lang), cells=cells))
    single = topics[0] if len(topics) == 1 else None
    return SynopticTable(
        title=title or (single.title(lang) if single else "Synoptic table of the concordance"),
        subtitle=single.description if single else "Every topic, every instrument",
        date=today or utcnow().date(),
        columns=[i.short_title(lang) for i in order],
        rows=rows,
        language=lang,
    )


def chapter_table(
    db: Session,
    instrument: Instrument,
    chapter_label: str,
    *,
    lang: str = "en",
    today: date | None = None,
) -> SynopticTable:
    """A chapter of an instrument, each provision beside the corresponding provisions elsewhere."""
    tree = instrument_tree(db, instrument)
    chapter = next(
        (
            n
            for n in walk_tree(tree)
            if isinstance(n, ChapterNode) and n.chapter.label == chapter_label
        ),
        None,
    )
    if chapter is None:
        raise InvalidInput(f"{instrument.slug} has no chapter labelled {chapter_label!r}.")
    provisions = [
        n for n in walk_tree(chapter.children) if isinstance(n, ProvisionNode) and not n.deleted
    ]
    other_instruments: dict[int, Instrument] = {}
    rows_data = []
    for node in provisions:
        related: dict[int, list[Provision]] = defaultdict(list)
        for item in provision_topics(db, node.provision):
            for correspondence in item["others"]:
                if correspondence.provision is not None:
                    other_instruments.setdefault(
                        correspondence.instrument_id, correspondence.instrument
                    )
                    if correspondence.provision not in related[correspondence.instrument_id]:
                        related[correspondence.instrument_id].append(correspondence.provision)
        rows_data.append((node, related))
    order = sorted(other_instruments)
    all_ids = [p.id for _n, rel in rows_data for items in rel.values() for p in items]
    versions = current_versions(db, all_ids)
    rows = []
    for node, related in rows_data:
        first = SynopticCell(
            entries=[
                (
                    f"{node.provision.label} {node.provision.title(lang)}".strip(),
                    _cell_text(node.version, lang),
                )
            ]
        )
        cells = [first]
        for instrument_id in order:
            items = related.get(instrument_id, [])
            cells.append(
                SynopticCell(
                    entries=[
                        (f"{p.label} {p.title(lang)}".strip(), _cell_text(versions.get(p.id), lang))
                        for p in items
                    ],
                    note=None if items else "No corresponding provision.",
                )
            )
        rows.append(
            SynopticRow(
                matter=f"{node.provision.label} {node.provision.title(lang)}".strip(), cells=cells
            )
        )
    return SynopticTable(
        title=f"{instrument.short_title(lang)}: {chapter.chapter.label} {chapter.chapter.title(lang)}",
        subtitle="Each provision beside the corresponding provisions of the other instruments",
        date=today or utcnow().date(),
        columns=[instrument.short_title(lang)]
        + [other_instruments[i].short_title(lang) for i in order],
        rows=rows,
        language=lang,
    )
