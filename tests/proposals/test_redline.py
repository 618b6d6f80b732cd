"""The redline of a proposal: only the languages it gives wording in, against its base."""

from __future__ import annotations

from tests.proposals.wording import ART2
from tests.scenario import table
from workbench.instruments.queries import current_version, find_provision
from workbench.proposals.redline import changed_wording, proposal_redline
from workbench.proposals.revise import revise_proposal

WORDING = ART2.replace("Each Party", "Each State Party")


def test_english_only_amendment_has_no_chinese_row(db, text):
    # Article 3 is China's element, in Chinese and English.
    article3 = find_provision(db, text, "Article 3")
    base = current_version(db, article3)
    assert set(base.languages) == {"en", "zh"}
    proposal = table(db, text, "Article 3", "USA", base.text("en") + " Added words.")
    redline = proposal_redline(proposal)
    assert list(redline) == ["en"]
    assert redline["en"].old_text() == base.text("en")
    assert redline["en"].new_text() == base.text("en") + " Added words."
    assert redline["en"].changed


def test_deletion_insertion_and_earlier_revision(db, text):
    base = current_version(db, find_provision(db, text, "Article 3"))
    deletion = table(db, text, "Article 3", "USA", None, kind="delete")
    assert changed_wording(deletion) == {lang: (base.text(lang), "") for lang in base.languages}
    insertion = table(db, text, "Article 3", "CHN", "States shall cooperate.", kind="insert")
    assert changed_wording(insertion) == {"en": ("", "States shall cooperate.")}

    amendment = table(db, text, "Article 1", "CHN", WORDING)
    revise_proposal(db, amendment, texts={"en": WORDING + " Further words."})
    first = amendment.revisions[0]
    assert proposal_redline(amendment, first)["en"].new_text() == WORDING
    assert proposal_redline(amendment)["en"].new_text() == WORDING + " Further words."
    assert proposal_redline(amendment, languages=["zh"]) == {}
