"""Merging a proposal into another brings its sponsors along."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.scenario import build_rolling_text, table
from workbench.errors import Conflict, Forbidden, InvalidInput
from workbench.models import Sponsorship, StatusChange
from workbench.parties.operations import get_party
from workbench.proposals.decide import change_status
from workbench.proposals.merge import merge_proposal
from workbench.proposals.sponsors import add_cosponsor, pending_invitations, sponsors_label
from workbench.users.operations import create_user

CONTACT = "Each State Party shall designate a 24/7 point of contact."
NATIONAL = "Each State Party shall designate a national contact point."


def _user(db, name, role, party=None):
    return create_user(
        db,
        name=name,
        role=role,
        password="correct horse battery staple",
        party=get_party(db, party) if party else None,
    )


def test_merge_brings_sponsors_along(db, text):
    base = table(
        db, text, "Article 4", "CHN", "Each State Party shall designate a 24/7 point of contact."
    )
    other = table(
        db,
        text,
        "Article 4",
        "EGY",
        "Each State Party shall designate a national contact point.",
        cosponsors=["DZA"],
    )
    change_status(db, other, "merged", merged_into=base, note="Merged by the chair")
    db.commit()
    assert other.status == "merged" and other.merged_into_id == base.id
    assert sponsors_label(base) == "China, Egypt, Algeria"
    with pytest.raises(InvalidInput):
        change_status(db, base, "merged", merged_into=base)


def test_merged_sponsors_are_invited_until_they_accept(db, text):
    officer, egypt = (
        _user(db, "officer", "secretariat"),
        _user(db, "egy-delegate", "delegate", "EGY"),
    )
    base = table(db, text, "Article 4", "CHN", CONTACT, cosponsors=["RUS"])
    other = table(db, text, "Article 4", "EGY", NATIONAL, cosponsors=["DZA", "RUS"])
    db.commit()
    merge_proposal(db, other, base, note="Merged by the chair", actor=officer)
    db.commit()
    assert other.status == "merged" and other.merged_into_id == base.id
    # Egypt and Algeria agreed to Egypt's wording, not to China's: invited, not yet named.
    # Russia already sponsors China's proposal and is not invited twice.
    assert sponsors_label(base) == "China, Russian Federation"
    assert [s.party.code for s in pending_invitations(base)] == ["EGY", "DZA"]
    add_cosponsor(db, base, get_party(db, "EGY"), actor=egypt)
    db.commit()
    assert sponsors_label(base) == "China, Russian Federation, Egypt"


def _counts(db):
    return (
        db.scalar(select(func.count()).select_from(Sponsorship)),
        db.scalar(select(func.count()).select_from(StatusChange)),
    )


@pytest.mark.parametrize(
    ("case", "error"),
    [
        ("into nothing", InvalidInput),
        ("into itself", InvalidInput),
        ("other text", InvalidInput),
        ("into a decided proposal", Conflict),
        ("by a delegate", Forbidden),
    ],
)
def test_bad_merges_write_nothing(db, text, case, error):
    other = table(db, text, "Article 4", "EGY", NATIONAL, cosponsors=["DZA"])
    into = table(db, text, "Article 4", "CHN", CONTACT)
    actor = None
    if case == "into nothing":
        into = None
    elif case == "into itself":
        into = other
    elif case == "other text":
        into = table(db, build_rolling_text(db, "second-text"), "Article 4", "CHN", CONTACT)
    elif case == "into a decided proposal":
        change_status(db, into, "rejected")
    elif case == "by a delegate":
        actor = _user(db, "chn-delegate", "delegate", "CHN")
    db.commit()
    before = _counts(db)
    with pytest.raises(error):
        merge_proposal(db, other, into, actor=actor)
    db.rollback()
    assert _counts(db) == before and other.status == "tabled" and other.merged_into_id is None
