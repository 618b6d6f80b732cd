"""The concordance: topics, links to real provision labels, the required examples."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from workbench.corpus.agenda import load_correspondences, load_topics, validate_concordance
from workbench.corpus.reference import CHINA_ELEMENT_LABELS, RELATIONS, CorrespondenceData

DATA = Path(__file__).resolve().parents[2] / "workbench/corpus/data"
CHINA = "china-elements-2021"
BUDAPEST = "budapest-ets185"
PROTOCOL = "budapest-protocol-ets189"

# China's labels as fixed with the parser of seed 004: introduction, objectives, scope,
# framework chapeau, seven chapter chapeaus and 21 elements.
CHINA_LABELS = {
    "导言", "一（一）", "一（二）", "一（三）", "二", "三",
    "三.（一）", "三.（一）1", "三.（一）2",
    "三.（二）", "三.（二）1", "三.（二）2", "三.（二）3",
    "三.（三）", "三.（三）1", "三.（三）2", "三.（三）3", "三.（三）4",
    "三.（三）5", "三.（三）6", "三.（三）7", "三.（三）8",
    "三.（四）", "三.（四）1", "三.（四）2", "三.（四）3", "三.（四）4", "三.（四）5",
    "三.（五）", "三.（五）1", "三.（五）2",
    "三.（六）", "三.（六）1",
    "三.（七）",
}  # fmt: skip


def markdown_labels(name: str) -> set[str]:
    """Preamble, final clause and every "### Article  N" heading of a Budapest text."""
    text = (DATA / name).read_text(encoding="utf-8")
    articles = re.findall(r"^### Article\s+(\d+)", text, flags=re.MULTILINE)
    return {"Preamble", "Final clause", *(f"Article {number}" for number in articles)}


@pytest.fixture(scope="module")
def labels():
    return {
        BUDAPEST: markdown_labels("budapest_ets185_en.md"),
        PROTOCOL: markdown_labels("budapest_additional_protocol_ets189_en.md"),
        CHINA: set(CHINA_LABELS),
    }


@pytest.fixture(scope="module")
def links():
    return load_correspondences()


def test_markdown_and_china_labels(labels):
    assert len(labels[BUDAPEST]) == 48 + 2
    assert len(labels[PROTOCOL]) == 16 + 2
    assert set(CHINA_ELEMENT_LABELS) == CHINA_LABELS and len(CHINA_ELEMENT_LABELS) == 34


def test_shipped_concordance_is_valid(labels):
    assert validate_concordance(labels) == []


def test_bad_label_is_flagged(labels, links):
    bad = CorrespondenceData("illegal-access", BUDAPEST, "Article 49", "treats")
    problems = validate_concordance(labels, correspondences=[*links, bad])
    assert problems == ["illegal-access / budapest-ets185 / Article 49: unknown provision label"]


def test_duplicates_and_contradictions_are_flagged(labels, links):
    topics = load_topics()
    extra = [
        links[0],
        CorrespondenceData("sovereignty", BUDAPEST, "Article 27", "partial"),
        CorrespondenceData("illegal-access", CHINA, "三.（三）1", "absent"),
        CorrespondenceData("no-such-topic", "russia-draft-2017", None, "absent"),
    ]
    problems = validate_concordance(labels, topics, [*links, *extra])
    assert any("duplicate link" in problem for problem in problems)
    assert any("marked absent but also linked" in problem for problem in problems)
    assert any("'absent' goes with no provision" in problem for problem in problems)
    assert any("unknown topic" in problem for problem in problems)
    assert any("unknown instrument" in problem for problem in problems)


def test_every_topic_covers_two_instruments_or_records_an_absence(links):
    by_topic: dict[str, set[str]] = defaultdict(set)
    for link in links:
        by_topic[link.topic_slug].add(link.instrument_slug)
    for topic in load_topics():
        assert len(by_topic[topic.slug]) >= 2, topic.slug


def test_topics_are_well_formed():
    topics = load_topics()
    slugs = [topic.slug for topic in topics]
    assert len(set(slugs)) == len(slugs)
    assert [topic.position for topic in topics] == sorted(topic.position for topic in topics)
    for topic in topics:
        assert topic.title_en and topic.title_zh and topic.description
        assert re.fullmatch(r"[a-z0-9-]+", topic.slug)
    required = {
        "illegal-access", "illegal-interception", "data-interference", "system-interference",
        "misuse-of-devices", "computer-related-forgery", "computer-related-fraud",
        "child-sexual-abuse-material", "copyright", "attempt-aiding-abetting",
        "corporate-liability", "jurisdiction", "expedited-preservation", "production-orders",
        "search-and-seizure", "real-time-collection", "service-providers",
        "mutual-legal-assistance", "points-of-contact", "trans-border-access", "asset-return",
        "sovereignty", "technical-assistance", "implementation-mechanism",
        "racism-and-xenophobia", "definitions", "scope", "objectives",
        "critical-information-infrastructure", "prevention", "extradition",
    }  # fmt: skip
    assert required <= set(slugs)


def test_relations_and_notes(links):
    for link in links:
        assert link.relation in RELATIONS
        assert (link.relation == "absent") == (link.provision_label is None)
        if link.relation in {"partial", "contrary", "absent"}:
            assert link.note_en and link.note_zh, link


def linked(links, topic, instrument):
    return {(link.provision_label, link.relation) for link in links
            if link.topic_slug == topic and link.instrument_slug == instrument}  # fmt: skip


def test_china_illegal_access_element_links_to_budapest_articles_2_to_5(links):
    assert linked(links, "illegal-access", CHINA) == {("三.（三）1", "treats")}
    assert linked(links, "illegal-access", BUDAPEST) == {("Article 2", "treats")}
    budapest_by_topic = {
        link.topic_slug: link.provision_label for link in links if link.instrument_slug == BUDAPEST
    }
    china_topics = {
        link.topic_slug for link in links
        if link.instrument_slug == CHINA and link.provision_label == "三.（三）1"
    }  # fmt: skip
    articles = {budapest_by_topic[topic] for topic in china_topics if topic in budapest_by_topic}
    assert {"Article 2", "Article 3", "Article 4", "Article 5"} <= articles


def test_trans_border_access_is_contrary_and_absences(links):
    assert linked(links, "trans-border-access", CHINA) == {("三.（四）1", "contrary")}
    assert linked(links, "trans-border-access", BUDAPEST) == {("Article 32", "treats")}
    for topic in ("sovereignty", "asset-return", "technical-assistance"):
        assert linked(links, topic, BUDAPEST) == {(None, "absent")}, topic
    assert ("Article 46", "partial") in linked(links, "implementation-mechanism", BUDAPEST)
    assert linked(links, "computer-related-forgery", CHINA) == {(None, "absent")}
