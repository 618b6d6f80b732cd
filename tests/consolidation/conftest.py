"""Four states propose on one article of the rolling text."""

from __future__ import annotations

import pytest

from tests.scenario import build_rolling_text, table
from workbench.instruments.queries import current_version, find_provision
from workbench.parties.operations import get_party
from workbench.users.operations import create_user

PASSWORD = "jade-lantern-harbour-88"

OLD_PHRASE = "computer systems and data"
NEW_PHRASE = "information and communications technology systems and data"


def four_proposals(db) -> dict:
    """China and the Russian Federation the same words, Brazil another phrase, the United
    States the deletion of paragraph 3; China also names Pakistan, who has not consented."""
    text = build_rolling_text(db)
    china = create_user(
        db, name="cn-delegate", role="delegate", password=PASSWORD, party=get_party(db, "CHN")
    )
    db.flush()
    article = find_provision(db, text, "Article 4")
    wording = current_version(db, article).text("en")
    same = wording.replace(OLD_PHRASE, NEW_PHRASE)
    other = wording.replace("technical advice", "qualified technical advice")
    lines = wording.split("\n")
    third = next(line for line in lines if line.startswith("3."))
    deleted = "\n".join(line for line in lines if line != third)
    proposals = {
        "CHN": table(db, text, "Article 4", "CHN", same, cosponsors=["PAK"], actor=china),
        "RUS": table(db, text, "Article 4", "RUS", same),
        "BRA": table(db, text, "Article 4", "BRA", other),
        "USA": table(db, text, "Article 4", "USA", deleted),
    }
    texts = {"CHN": same, "RUS": same, "BRA": other, "USA": deleted}
    db.commit()
    return {
        "text": text,
        "article": article,
        "wording": wording,
        "third": third,
        "proposals": proposals,
        "texts": texts,
    }


@pytest.fixture
def four_states(db):
    return four_proposals(db)
