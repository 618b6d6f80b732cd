"""A negotiation across two sessions, ending in who wrote each word and what each party did."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.proposals.wording import ART2, US_ADDITION
from tests.scenario import table
from workbench.errors import Conflict
from workbench.instruments.queries import current_version, find_provision, provision_history
from workbench.models import Proposal, ProposalRevision, StatusChange
from workbench.parties.operations import get_party
from workbench.proposals.attribution import blame_provision
from workbench.proposals.decide import change_status
from workbench.proposals.queries import is_stale
from workbench.proposals.rebase import rebase_proposal, rebase_view
from workbench.proposals.records import group_record, party_record
from workbench.proposals.sponsors import add_cosponsor, sponsors_label, withdraw_cosponsor
from workbench.proposals.stances import record_stance
from workbench.sessions.operations import get_session
from workbench.users.operations import create_user


def test_full_negotiation_across_two_sessions(db, text):
    article1 = find_provision(db, text, "Article 1")
    china_text = ART2.replace("Each Party", "Each State Party").replace(
        "a computer system", "an information and communications technology system"
    )
    china = table(
        db,
        text,
        "Article 1",
        "CHN",
        china_text,
        cosponsors=["RUS", "IRN"],
        rationale="Technology-neutral wording.",
    )
    usa = table(db, text, "Article 1", "USA", ART2 + US_ADDITION, cosponsors=["JPN"])
    deletion = table(db, text, "Article 2", "BRA", None, kind="delete", session="AHC-1")
    withdrawn = table(
        db,
        text,
        "Article 4",
        "ZAF",
        "Each Party shall designate a point of contact.",
        on_behalf_of=get_party(db, "AFRICAN-GROUP"),
    )
    db.commit()
    assert sponsors_label(china) == "China, Russian Federation, Iran (Islamic Republic of)"
    assert sponsors_label(withdrawn) == "South Africa on behalf of the African Group"

    # Second session: co-sponsors move, stances are stated.
    ahc2 = get_session(db, "AHC-2")
    add_cosponsor(db, china, get_party(db, "PAK"), session=ahc2)
    withdraw_cosponsor(db, china, get_party(db, "IRN"), session=ahc2)
    record_stance(db, china, get_party(db, "USA"), "oppose", session=ahc2)
    record_stance(db, china, get_party(db, "BRA"), "support", session=ahc2)
    record_stance(db, usa, get_party(db, "CHN"), "reserve", session=ahc2)
    change_status(db, china, "under_discussion", session=ahc2)
    change_status(db, china, "agreed", session=ahc2, note="Agreed ad referendum")
    change_status(db, withdrawn, "withdrawn", session=ahc2)
    change_status(db, deletion, "rejected", session=ahc2)
    db.commit()

    # Versions were appended, nothing rewritten.
    history = provision_history(db, article1)
    assert [v.number for v in history] == [1, 2]
    assert history[0].text("en") == ART2
    assert history[1].text("en") == china_text
    assert history[1].origin == "proposal" and history[1].session_id == ahc2.id
    assert china.result_version_id == history[1].id
    assert sponsors_label(china) == "China, Russian Federation, Pakistan"
    assert [s.party.code for s in china.sponsorships if s.withdrawn_at] == ["IRN"]
    assert [c.to_status for c in china.status_changes] == ["tabled", "under_discussion", "agreed"]

    # The United States' proposal was drafted on version 1: stale, and refused.
    assert is_stale(usa)
    with pytest.raises(Conflict, match="Rebase"):
        change_status(db, usa, "agreed", session=ahc2)
    db.rollback()
    assert len(provision_history(db, article1)) == 2

    # Rebase: the view shows base, current and proposed; the merge carries the US addition
    # onto China's agreed wording.
    view = rebase_view(db, usa)
    row = view["languages"][0]
    assert row["base"] == ART2 and row["current"] == china_text
    assert row["clean"] is True
    assert row["merged"] == china_text + US_ADDITION
    revision = rebase_proposal(db, usa)
    assert revision.number == 2 and revision.base_version.number == 2
    assert not is_stale(usa)
    change_status(db, usa, "agreed", session=ahc2)
    db.commit()
    assert current_version(db, article1).number == 3
    assert [r.number for r in usa.revisions] == [1, 2]  # the first revision is kept

    # Blame: every span traced to the party that introduced it, back to the source.
    spans = blame_provision(db, article1, "en")
    assert "".join(span.text for span in spans) == current_version(db, article1).text("en")
    owners = {span.text.strip(): span.attribution for span in spans if span.text.strip()}
    by_text = {text: attr for text, attr in owners.items()}
    china_span = next(
        a for t, a in by_text.items() if "information and communications technology" in t
    )
    assert china_span.proposal_id == china.id and china_span.parties[:2] == ["CHN", "RUS"]
    assert china_span.session_code == "AHC-1" and china_span.agreed_session_code == "AHC-2"
    us_span = next(a for t, a in by_text.items() if "human rights and the rule of law" in t)
    assert us_span.proposal_id == usa.id and us_span.parties == ["USA", "JPN"]
    source_span = next(a for t, a in by_text.items() if "legislative and other measures" in t)
    assert source_span.kind == "source" and source_span.instrument_slug == "budapest-ets185"
    assert source_span.parties == ["COE"]

    # Records per party and for groups.
    china_record = party_record(db, get_party(db, "CHN"))
    assert [p.id for p in china_record["sponsored"]] == [china.id]
    assert china_record["summary"]["sponsored"]["agreed"] == 1
    assert [p.id for p in china_record["reserved"]] == [usa.id]
    rus_record = party_record(db, get_party(db, "RUS"))
    assert [p.id for p in rus_record["cosponsored"]] == [china.id]
    iran = party_record(db, get_party(db, "IRN"))
    assert iran["cosponsored"] == [] and len(iran["cosponsorships_withdrawn"]) == 1
    brics = group_record(db, get_party(db, "BRICS"))
    # China's amendment, Brazil's deletion, South Africa's (for the African Group)
    assert brics["sponsored_by_members"]["total"] == 3
    assert brics["sponsored_by_members"]["agreed"] == 1
    assert brics["stances_of_members"] == {"support": 1, "reserve": 1}
    african = party_record(db, get_party(db, "AFRICAN-GROUP"))
    assert [p.id for p in african["on_behalf_of"]] == [withdrawn.id]

    # Nothing was deleted: every proposal, revision and status change is still there.
    assert db.scalar(select(func.count()).select_from(Proposal)) == 4
    assert db.scalar(select(func.count()).select_from(ProposalRevision)) == 5
    assert db.scalar(select(func.count()).select_from(StatusChange)) == 4 + 5


def _delegate(db, code):
    return create_user(
        db,
        name=f"{code.lower()}-delegate",
        role="delegate",
        password="correct horse battery staple",
        party=get_party(db, code),
    )


def _agreed_span(db, text, words, *, accept):
    """China's delegate tables ``words`` inviting Russia; Russia accepts or not; it is agreed."""
    china, russia = _delegate(db, "CHN"), _delegate(db, "RUS")
    proposal = table(db, text, "Article 1", "CHN", words, cosponsors=["RUS"], actor=china)
    if accept:
        add_cosponsor(db, proposal, get_party(db, "RUS"), actor=russia)
    change_status(db, proposal, "agreed")
    db.commit()
    spans = blame_provision(db, find_provision(db, text, "Article 1"), "en")
    words_by = {s.text.strip(): s.attribution for s in spans if s.attribution.kind == "proposal"}
    assert list(words_by) == ["State"]
    return proposal, words_by["State"]


def test_blame_names_a_cosponsor_that_consented(db, text):
    words = ART2.replace("Each Party", "Each State Party")
    proposal, attribution = _agreed_span(db, text, words, accept=True)
    assert attribution.proposal_id == proposal.id
    assert attribution.parties == ["CHN", "RUS"]
    assert attribution.label_en.startswith(f"Proposal {proposal.id} (China, Russian Federation)")


def test_blame_does_not_credit_an_invitation_never_accepted(db, text):
    words = ART2.replace("Each Party", "Each State Party")
    proposal, attribution = _agreed_span(db, text, words, accept=False)
    assert attribution.label_en.startswith(f"Proposal {proposal.id} (China)")
    assert attribution.parties == ["CHN"]
