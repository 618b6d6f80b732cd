"""Who stands behind a proposal, as the AKN package reads it: the one place it asks.

Every sponsor the package writes or names comes through here, so that the rule of who
counts as a sponsor is the proposals domain's alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.parties.models import Party
from workbench.proposals.models import Proposal, SponsorRole
from workbench.proposals.sponsors import confirmed_sponsorships, sponsors_label


@dataclass(frozen=True)
class SponsorEntry:
    """A party behind a proposal: main sponsor or co-sponsor, perhaps for a group."""

    party: Party
    role: str  # "main" or "co"
    on_behalf_of: Party | None = None


def sponsor_entries(proposal: Proposal) -> list[SponsorEntry]:
    """The sponsors named with their consent, main sponsor first."""
    return [
        SponsorEntry(
            party=sponsorship.party,
            role="main" if sponsorship.role == SponsorRole.MAIN else "co",
            on_behalf_of=sponsorship.on_behalf_of,
        )
        for sponsorship in confirmed_sponsorships(proposal)
    ]


def sponsors_text(proposal: Proposal, lang: str) -> str:
    """The sponsors as the UN writes them, in a language."""
    return sponsors_label(proposal, "zh" if lang == "zh" else "en")
