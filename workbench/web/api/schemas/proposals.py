"""Schemas of the proposals resource: listing, tabling, revising, sponsoring, deciding."""

from __future__ import annotations

from marshmallow import ValidationError, fields

from workbench.web.api.schemas.answers import PROPOSAL_STATUSES, Proposal, Revision, maybe_int
from workbench.web.api.schemas.common import (
    Answer,
    Body,
    Choice,
    Codes,
    Day,
    Flag,
    Number,
    Query,
    Text,
    Whole,
    lang_choice,
    wording,
)

# No word search is longer; a longer one is a mistake, not a query.
MAX_QUERY = 200


def _words(value: str) -> None:
    if len(value) > MAX_QUERY:
        raise ValidationError(f"is longer than {MAX_QUERY} characters.")


class ProposalsArgs(Query):
    instrument = fields.String(load_default=None, metadata={"description": "Text slug"})
    provision = Whole(minimum=1)
    party = fields.String(load_default=None, metadata={"description": "Sponsoring party"})
    session = fields.String(load_default=None, metadata={"description": "Session code"})
    status = Choice(PROPOSAL_STATUSES, "Unknown status {value!r}.")
    q = fields.String(
        load_default=None,
        validate=_words,
        metadata={"maxLength": MAX_QUERY, "description": "Words in wording or rationale"},
    )
    limit = Whole(default=100, minimum=1, maximum=1000)
    offset = Whole(default=0)


class ProposalArgs(Query):
    lang = lang_choice()


class SessionArgs(Query):
    session = fields.String(load_default=None, metadata={"description": "Session code"})


class NewProposalBody(Body):
    instrument = Text(required=True, metadata={"description": "Negotiating text slug"})
    kind = Text(required=True, metadata={"enum": ["amend", "insert", "delete"]})
    provision_id = Number(
        metadata={
            "description": "Provision to amend or delete; for an insertion, the provision "
            "the new one follows"
        }
    )
    provision = Text(metadata={"description": "Or the provision's label, e.g. Article 2"})
    chapter_id = Number(metadata={"description": "Insertion at a chapter's start"})
    base_version_id = Number()
    text = wording()
    label = Text()
    title_en = Text()
    title_zh = Text()
    rationale = Text()
    session = Text(
        metadata={"description": "Session code, e.g. AHC-4 (default: the session in progress)"}
    )
    sponsor = Text(metadata={"description": "Party code of the main sponsor"})
    on_behalf_of = Text(metadata={"description": "Group code (a member's)"})
    cosponsors = Codes(metadata={"description": "Invited: named once each state accepts"})
    cosponsors_consented = Flag(
        metadata={"description": "Secretariat: the co-sponsors consented orally in the room"}
    )
    tabled_on = Day()
    symbol = Text()


class ProposalStatusBody(Body):
    status = Text(required=True, metadata={"enum": PROPOSAL_STATUSES})
    note = Text()
    session = Text()
    merged_into = Number(metadata={"description": "The proposal this one was merged into"})


class CosponsorBody(Body):
    party = Text(required=True)
    session = Text()


class StanceBody(Body):
    party = Text(required=True)
    position = Text(required=True, metadata={"enum": ["support", "oppose", "reserve"]})
    session = Text()
    stated_on = Day()
    note = Text()


class RevisionBody(Body):
    text = wording(required=True)
    rationale = Text()
    note = Text()


class RebaseBody(Body):
    text = wording(description="The redrafted wording (default: the suggested merge)")
    note = Text()


class ProposalList(Answer):
    proposals = fields.List(fields.Nested(Proposal), required=True)
    total = fields.Integer(required=True)


class RevisionWithDiff(Revision):
    diff = fields.Dict()


class Revisions(Answer):
    """Every revision of a proposal, each with its diff against the version it was on."""

    proposal_id = fields.Integer(required=True)
    revision = fields.Integer()
    revisions = fields.List(fields.Nested(RevisionWithDiff), required=True)


class RebaseView(Answer):
    """Base, current and proposed wording side by side, with a suggested merge."""

    proposal_id = fields.Integer(required=True)
    stale = fields.Boolean()
    base_version = maybe_int()
    current_version = maybe_int()
    current_is_deletion = fields.Boolean()
    clean = fields.Boolean()
    languages = fields.List(fields.Dict())
