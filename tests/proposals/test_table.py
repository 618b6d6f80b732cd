"""Tabling proposals: amendments, deletions and insertions, and the input refused."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.proposals.wording import ART2
from tests.scenario import table
from workbench.errors import Conflict, Forbidden, InvalidInput
from workbench.instruments.queries import (
    current_version,
    find_provision,
    get_instrument,
    ordered_provisions,
    provision_history,
)
from workbench.models import Proposal, Sponsorship, StatusChange, Version
from workbench.parties.operations import get_party
from workbench.proposals.decide import change_status
from workbench.proposals.sponsors import sponsors_label
from workbench.proposals.table import table_proposal
from workbench.sessions.operations import get_session, set_current_session
from workbench.users.operations import create_user


def test_deletion_and_insertion_change_structure_append_only(db, text):
    deletion = table(db, text, "Article 2", "USA", None, kind="delete")
    article2 = find_provision(db, text, "Article 2")
    anchor = find_provision(db, text, "Article 3")
    insertion = table_proposal(
        db,
        instrument=text,
        kind="insert",
        provision=anchor,
        session=get_session(db, "AHC-1"),
        sponsor=get_party(db, "CHN"),
        texts={"en": "States Parties shall respect sovereignty.", "zh": "缔约国应尊重主权。"},
        label="Article 3 bis",
        title_en="Protection of sovereignty",
    )
    change_status(db, deletion, "agreed")
    change_status(db, insertion, "agreed")
    db.commit()
    labels = [(n.provision.label, n.deleted) for n in ordered_provisions(db, text)]
    assert labels == [
        ("Article 1", False),
        ("Article 2", True),
        ("Article 3", False),
        ("Article 3 bis", False),
        ("Article 4", False),
        ("Article 5", False),
    ]
    history = provision_history(db, article2)
    assert [v.is_deletion for v in history] == [False, True]
    assert history[0].text("en").startswith("Each Party shall adopt")
    inserted = insertion.inserted_provision
    assert current_version(db, inserted).text("zh") == "缔约国应尊重主权。"


@pytest.mark.parametrize(
    ("case", "error"),
    [
        ("no sponsor", InvalidInput),
        ("no provision", InvalidInput),
        ("empty text", InvalidInput),
        ("same text", InvalidInput),
        ("source text", InvalidInput),
        ("sponsor co-sponsors", InvalidInput),
        ("unknown language", InvalidInput),
        ("stale base", Conflict),
    ],
)
def test_bad_proposals_write_nothing(db, text, case, error):
    article1 = find_provision(db, text, "Article 1")
    session = get_session(db, "AHC-1")
    china = get_party(db, "CHN")
    kwargs = dict(
        instrument=text,
        kind="amend",
        provision=article1,
        session=session,
        sponsor=china,
        texts={"en": "Each State Party shall adopt measures."},
    )
    if case == "no sponsor":
        kwargs["sponsor"] = None
    elif case == "no provision":
        kwargs["provision"] = None
    elif case == "empty text":
        kwargs["texts"] = {"en": "   "}
    elif case == "same text":
        kwargs["texts"] = {"en": ART2}
    elif case == "source text":
        kwargs["instrument"] = get_instrument(db, "budapest-ets185")
        kwargs["provision"] = find_provision(db, kwargs["instrument"], "Article 2")
    elif case == "sponsor co-sponsors":
        kwargs["cosponsors"] = [china]
    elif case == "unknown language":
        kwargs["texts"] = {"xx": "words"}
    elif case == "stale base":
        first = table(db, text, "Article 1", "USA", ART2 + " Extra.")
        change_status(db, first, "agreed")
        db.commit()
        kwargs["base_version"] = provision_history(db, article1)[0]
    before = (
        db.scalar(select(func.count()).select_from(Proposal)),
        db.scalar(select(func.count()).select_from(Version)),
    )
    with pytest.raises(error):
        table_proposal(db, **kwargs)
    db.rollback()
    assert (
        db.scalar(select(func.count()).select_from(Proposal)),
        db.scalar(select(func.count()).select_from(Version)),
    ) == before


def test_group_and_cosponsors_as_named(db, text):
    proposal = table(
        db,
        text,
        "Article 4",
        "ZAF",
        "Each State Party shall designate a point of contact.",
        on_behalf_of=get_party(db, "AFRICAN-GROUP"),
        cosponsors=["EGY", "EGY", "DZA"],
    )
    db.commit()
    # A co-sponsor named twice is one co-sponsor.
    assert sponsors_label(proposal) == "South Africa on behalf of the African Group, Egypt, Algeria"
    assert proposal.session.code == "AHC-1" and proposal.status == "tabled"
    assert [c.to_status for c in proposal.status_changes] == ["tabled"]


def test_tabled_under_the_session_in_progress(db, text):
    set_current_session(db, get_session(db, "AHC-2"), actor=None)
    proposal = table_proposal(
        db,
        instrument=text,
        kind="amend",
        provision=find_provision(db, text, "Article 1"),
        session=None,
        sponsor=get_party(db, "CHN"),
        texts={"en": ART2.replace("Each Party", "Each State Party")},
    )
    assert proposal.session.code == "AHC-2"
    assert proposal.status_changes[0].session_id == proposal.session_id
    set_current_session(db, None, actor=None)
    with pytest.raises(InvalidInput, match="No session is in progress"):
        table_proposal(
            db,
            instrument=text,
            kind="amend",
            provision=find_provision(db, text, "Article 1"),
            session=None,
            sponsor=get_party(db, "CHN"),
            texts={"en": ART2.replace("Each Party", "Each State Party")},
        )


@pytest.mark.parametrize(
    ("case", "error"),
    [
        ("not a group", InvalidInput),
        ("not a member", InvalidInput),
        ("unknown kind", InvalidInput),
        ("deletion with wording", InvalidInput),
        ("insertion without a place", InvalidInput),
        ("another state's delegate", Forbidden),
    ],
)
def test_bad_sponsors_and_kinds_write_nothing(db, text, case, error):
    kwargs: dict = {"cosponsors": ["EGY"]}
    label, sponsor, words = "Article 4", "ZAF", "Each State Party shall name a contact."
    if case == "not a group":
        kwargs["on_behalf_of"] = get_party(db, "EGY")
    elif case == "not a member":
        kwargs["on_behalf_of"] = get_party(db, "AFRICAN-GROUP")
        sponsor = "CHN"
    elif case == "unknown kind":
        kwargs["kind"] = "replace"
    elif case == "deletion with wording":
        kwargs["kind"] = "delete"
    elif case == "another state's delegate":
        kwargs["actor"] = create_user(
            db,
            name="usa-delegate",
            role="delegate",
            password="correct horse battery staple",
            party=get_party(db, "USA"),
        )
        db.commit()
    before = _counts(db)
    with pytest.raises(error):
        if case == "insertion without a place":
            table_proposal(
                db,
                instrument=text,
                kind="insert",
                session=get_session(db, "AHC-1"),
                sponsor=get_party(db, sponsor),
                texts={"en": words},
            )
        else:
            table(db, text, label, sponsor, words, **kwargs)
    db.rollback()
    assert _counts(db) == before


def _counts(db):
    return tuple(
        db.scalar(select(func.count()).select_from(model))
        for model in (Proposal, Version, Sponsorship, StatusChange)
    )
