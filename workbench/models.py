"""Every model of the workbench, imported together so that the metadata is complete."""

from workbench.concordance.models import Correspondence, Relation, Topic
from workbench.db import Base
from workbench.events.models import Event, EventKind
from workbench.idempotency.models import IdempotencyKey
from workbench.instruments.models import (
    Chapter,
    ChapterKind,
    Instrument,
    InstrumentKind,
    Provision,
    ProvisionKind,
    Version,
    VersionOrigin,
    VersionText,
)
from workbench.parties.models import Party, PartyAlias, PartyKind, PartyMembership
from workbench.progress.models import ProvisionStatus, ProvisionStatusChange
from workbench.proposals.models import (
    Proposal,
    ProposalKind,
    ProposalRevision,
    ProposalStatus,
    ProposalText,
    SponsorRole,
    Sponsorship,
    Stance,
    StancePosition,
    StatusChange,
)
from workbench.search.models import ProposalSearchEntry, SearchEntry
from workbench.sessions.models import Session
from workbench.users.models import AuditEntry, Role, User

__all__ = [
    "AuditEntry",
    "Base",
    "Chapter",
    "ChapterKind",
    "Correspondence",
    "Event",
    "EventKind",
    "IdempotencyKey",
    "Instrument",
    "InstrumentKind",
    "Party",
    "PartyAlias",
    "PartyKind",
    "PartyMembership",
    "Proposal",
    "ProposalKind",
    "ProposalRevision",
    "ProposalSearchEntry",
    "ProposalStatus",
    "ProposalText",
    "Provision",
    "ProvisionKind",
    "ProvisionStatus",
    "ProvisionStatusChange",
    "Relation",
    "Role",
    "SearchEntry",
    "Session",
    "SponsorRole",
    "Sponsorship",
    "Stance",
    "StancePosition",
    "StatusChange",
    "Topic",
    "User",
    "Version",
    "VersionOrigin",
    "VersionText",
]

# The search index follows every new version through a session event registered here, and
# events are written when their transaction commits.
import workbench.events.record
import workbench.search.operations
import workbench.search.proposals  # noqa: F401  (and every new revision's wording)
