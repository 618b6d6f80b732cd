"""Merging a proposal into another brings its sponsors along."""

from __future__ import annotations

import pytest

from tests.scenario import table
from workbench.errors import InvalidInput
from workbench.proposals.decide import change_status
from workbench.proposals.sponsors import sponsors_label


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
