"""Rebasing a stale proposal: a three-way merge that keeps the sponsor's words, or refuses."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tests.proposals.wording import ART2
from tests.scenario import table
from workbench.errors import Conflict, InvalidInput
from workbench.instruments.queries import current_version, find_provision
from workbench.models import ProposalRevision
from workbench.proposals.decide import change_status
from workbench.proposals.queries import is_stale
from workbench.proposals.rebase import rebase_proposal
from workbench.proposals.sponsors import pending_invitations, sponsors_label

US_WORDING = ART2.replace("without right", "without authorization")
CHN_WORDING = ART2.replace("without right", "without lawful authority")
TOKENS = itertools.count()


def edit(words: list[str], index: int, kind: str, token: str) -> list[str]:
    """One word replaced, a word inserted before it, or the word deleted."""
    if kind == "replace":
        return [*words[:index], token, *words[index + 1 :]]
    if kind == "insert":
        return [*words[:index], token, *words[index:]]
    return [*words[:index], *words[index + 1 :]]


KINDS = st.sampled_from(["replace", "insert", "delete"])


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_disjoint_edits_merge_without_a_word_lost_or_doubled(db, text, data):
    article1 = find_provision(db, text, "Article 1")
    words = current_version(db, article1).text("en").split(" ")
    # The text in force changes a word before the split, the proposal one after it; two
    # untouched words keep the edits apart.
    split = data.draw(st.integers(3, len(words) - 2), label="split")
    i = data.draw(st.integers(0, split - 3), label="current edit at")
    j = data.draw(st.integers(split, len(words) - 1), label="proposed edit at")
    current_kind, proposed_kind = data.draw(KINDS), data.draw(KINDS)
    n = next(TOKENS)
    current_token, proposed_token = f"qzcurrent{n}", f"qzproposed{n}"
    current = edit(words, i, current_kind, current_token)
    proposed = edit(words, j, proposed_kind, proposed_token)
    expected = edit(edit(words, j, proposed_kind, proposed_token), i, current_kind, current_token)

    # Each example starts from the committed rolling text and leaves it as it was.
    try:
        usa = table(db, text, "Article 1", "USA", " ".join(proposed), cosponsors=["JPN"])
        chn = table(db, text, "Article 1", "CHN", " ".join(current))
        change_status(db, chn, "agreed")
        assert is_stale(usa)
        sponsors = sponsors_label(usa)

        revision = rebase_proposal(db, usa)
        merged = revision.text("en")
        assert merged == " ".join(expected)
        # Each side's new word stands exactly once; every other word keeps its count.
        for token, kind in ((current_token, current_kind), (proposed_token, proposed_kind)):
            assert merged.split(" ").count(token) == (0 if kind == "delete" else 1)
        assert revision.base_version_id == current_version(db, article1).id and not is_stale(usa)
        # A clean merge carries the same changes: the co-sponsors' consent stands.
        assert sponsors_label(usa) == sponsors
    finally:
        db.rollback()


def _revisions(db):
    return db.scalar(select(func.count()).select_from(ProposalRevision))


def test_conflict_is_refused_with_markers_until_the_sponsor_resolves_it(db, text):
    usa = table(db, text, "Article 1", "USA", US_WORDING, cosponsors=["JPN"])
    chn = table(db, text, "Article 1", "CHN", CHN_WORDING)
    change_status(db, chn, "agreed")
    db.commit()
    before = _revisions(db)

    with pytest.raises(Conflict, match="same words") as refused:
        rebase_proposal(db, usa)
    row = refused.value.details["languages"][0]
    assert row["clean"] is False and row["merged"] is None
    assert "<<<<<<<" in row["draft"] and ">>>>>>>" in row["draft"]
    conflicts = [chunk["conflict"] for chunk in row["chunks"] if "conflict" in chunk]
    assert conflicts == [
        {"base": "right", "current": "lawful authority", "proposed": "authorization"}
    ]
    db.rollback()
    with pytest.raises(InvalidInput, match="conflict markers"):
        rebase_proposal(db, usa, texts={"en": row["draft"]})
    db.rollback()
    assert _revisions(db) == before and usa.current_revision == 1 and is_stale(usa)

    resolved = CHN_WORDING.replace("lawful authority", "lawful authority or authorization")
    revision = rebase_proposal(db, usa, texts={"en": resolved})
    db.commit()
    assert revision.number == 2 and revision.text("en") == resolved and not is_stale(usa)
    assert usa.revisions[0].text("en") == US_WORDING
    # The sponsor's resolution is a new wording: Japan is asked again.
    assert [s.party.code for s in pending_invitations(usa)] == ["JPN"]


@pytest.mark.parametrize(
    ("case", "error"),
    [("not stale", Conflict), ("insertion", InvalidInput), ("provision deleted", Conflict)],
)
def test_rebase_refused_writes_nothing(db, text, case, error):
    proposal = table(db, text, "Article 1", "USA", US_WORDING)
    if case == "insertion":
        proposal = table(db, text, "Article 1", "USA", "A new article.", kind="insert")
    elif case == "provision deleted":
        change_status(db, table(db, text, "Article 1", "CHN", None, kind="delete"), "agreed")
    db.commit()
    before = _revisions(db)
    with pytest.raises(error):
        rebase_proposal(db, proposal)
    db.rollback()
    assert _revisions(db) == before and proposal.current_revision == 1
