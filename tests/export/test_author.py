"""The tracked-change author of a proposal, in English and Chinese."""

from __future__ import annotations

from tests.scenario import build_rolling_text, table
from workbench.export.consolidate import author


def test_the_author_is_the_consenting_sponsors_else_the_main_sponsor(db, backend):
    text = build_rolling_text(db)
    proposal = table(db, text, "Article 2", "CHN", "Each Party shall act.", cosponsors=["RUS"])
    main, co = sorted(proposal.sponsorships, key=lambda s: s.role != "main")
    co.confirmed_revision = proposal.current_revision
    db.flush()
    assert author(proposal) == "China; co-sponsors: Russian Federation"
    assert author(proposal, "zh") == "中国；共同提案国：俄罗斯联邦"
    # Data from before consent was recorded (or a generated negotiation): nobody has
    # consented to the wording, yet it is still the main sponsor's, never an empty author.
    main.confirmed_revision = co.confirmed_revision = None
    db.flush()
    db.expire(proposal)
    assert author(proposal) == "China"
    assert author(proposal, "zh") == "中国"
