"""Reference data of the negotiation: sessions, topics, the concordance of provisions across
instruments, and the working translation of China's proposal.

Pure functions over the TOML files in ``data/reference/``; no database. Parties and groups
are in ``workbench.corpus.reference``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from workbench.corpus.reference import (
    RELATIONS,
    CorrespondenceData,
    SessionData,
    TopicData,
    reference_toml,
)

# --- Sessions -----------------------------------------------------------------------------------


def load_sessions() -> list[SessionData]:
    """The meetings of sessions.toml, in the file's order (bodies, then chronology)."""
    data = reference_toml("sessions.toml")
    sessions = [_session(entry, data["bodies"]) for entry in data["session"]]
    codes = [session.code for session in sessions]
    if len(set(codes)) != len(codes):
        raise ValueError("session codes repeat")
    return sessions


def _session(entry: dict[str, Any], bodies: dict[str, dict[str, str]]) -> SessionData:
    """One [[session]] entry, with its body's names and dates checked."""
    body = bodies[entry["body"]]
    session = SessionData(
        code=entry["code"],
        body_en=body["en"],
        body_zh=body["zh"],
        number=entry.get("number"),
        title_en=entry["title_en"],
        title_zh=entry["title_zh"],
        place=entry.get("place"),
        starts_on=entry["starts_on"],
        ends_on=entry["ends_on"],
        symbol=entry.get("symbol"),
        note=" ".join(entry.get("note", "").split()),
        provenance=entry["provenance"],
    )
    if session.ends_on < session.starts_on:
        raise ValueError(f"{session.code}: ends before it starts")
    return session


# --- Concordance --------------------------------------------------------------------------------


def load_topics() -> list[TopicData]:
    """The topics of the concordance, ordered by position."""
    topics = [
        TopicData(
            slug=entry["slug"],
            position=entry["position"],
            title_en=entry["title_en"],
            title_zh=entry["title_zh"],
            description=entry.get("description", ""),
        )
        for entry in reference_toml("concordance.toml")["topic"]
    ]
    return sorted(topics, key=lambda topic: topic.position)


def load_correspondences() -> list[CorrespondenceData]:
    """Every link of the concordance, topic by topic in the file's order."""
    return [
        CorrespondenceData(
            topic_slug=entry["slug"],
            instrument_slug=link["instrument"],
            provision_label=link.get("provision"),
            relation=link["relation"],
            note_en=link.get("note_en"),
            note_zh=link.get("note_zh"),
        )
        for entry in reference_toml("concordance.toml")["topic"]
        for link in entry.get("link", [])
    ]


def validate_concordance(
    labels_by_instrument: dict[str, set[str]],
    topics: list[TopicData] | None = None,
    correspondences: list[CorrespondenceData] | None = None,
) -> list[str]:
    """Problems in the concordance (the shipped one by default); empty when it can be loaded."""
    topics = load_topics() if topics is None else topics
    links = load_correspondences() if correspondences is None else correspondences
    slugs = [topic.slug for topic in topics]
    problems = [f"topic {slug!r} is defined twice" for slug in _repeated(slugs)]
    for link in links:
        problems += _link_problems(link, set(slugs), labels_by_instrument)
    problems += _set_problems(links, slugs)
    return problems


def _repeated(items: Iterable[Any]) -> list[Any]:
    """The items that occur more than once, each listed once."""
    return [item for item, count in Counter(items).items() if count > 1]


def _link_problems(
    link: CorrespondenceData, slugs: set[str], labels: dict[str, set[str]]
) -> list[str]:
    """What is wrong with one link taken alone."""
    where = f"{link.topic_slug} / {link.instrument_slug} / {link.provision_label or '(absent)'}"
    problems = []
    if link.topic_slug not in slugs:
        problems.append(f"{where}: unknown topic")
    if link.relation not in RELATIONS:
        problems.append(f"{where}: unknown relation {link.relation!r}")
    if (link.relation == "absent") != (link.provision_label is None):
        problems.append(f"{where}: 'absent' goes with no provision, and only it")
    if link.instrument_slug not in labels:
        problems.append(f"{where}: unknown instrument")
    elif link.provision_label not in labels[link.instrument_slug] | {None}:
        problems.append(f"{where}: unknown provision label")
    return problems


def _set_problems(links: list[CorrespondenceData], slugs: list[str]) -> list[str]:
    """Duplicate links, absences contradicted by links, topics seen in fewer than two texts."""
    keys = [(link.topic_slug, link.instrument_slug, link.provision_label) for link in links]
    problems = [f"{' / '.join(map(str, key))}: duplicate link" for key in _repeated(keys)]
    absent = {(t, i) for t, i, label in keys if label is None}
    linked = {(t, i) for t, i, label in keys if label is not None}
    problems += [f"{t} / {i}: marked absent but also linked" for t, i in sorted(absent & linked)]
    for slug in slugs:
        instruments = {i for t, i, _label in keys if t == slug}
        if len(instruments) < 2:
            problems.append(f"topic {slug!r}: covers fewer than two instruments")
    return problems


# --- Working translation of China's proposal ----------------------------------------------------


def load_china_translation() -> dict[str, dict[str, str]]:
    """Label -> {"title", "text"} (and "note" where given): the unofficial English translation."""
    provisions = reference_toml("china_elements_2021.en.toml")["provisions"]
    return {label: dict(entry) for label, entry in provisions.items()}


def load_china_headings() -> dict[str, str]:
    """English titles of the parts ("一", "二", "三") and chapters ("（一）" ... "（七）")."""
    data = reference_toml("china_elements_2021.en.toml")
    return {**data["parts"], **data["chapters"]}


def load_china_translation_meta() -> dict[str, str]:
    """The translation's title, status ("unofficial working translation") and source."""
    return dict(reference_toml("china_elements_2021.en.toml")["meta"])
