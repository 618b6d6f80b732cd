"""The shapes workbench.serialize gives instruments, provisions, proposals, parties and
sessions, as the API's answers carry them."""

from __future__ import annotations

from marshmallow import fields

from workbench.web.api.schemas.common import Answer, Loose


def maybe_text(**kwargs) -> fields.String:
    """A string that may be null."""
    return fields.String(allow_none=True, **kwargs)


def maybe_int(**kwargs) -> fields.Integer:
    """A whole number that may be null."""
    return fields.Integer(allow_none=True, **kwargs)


def wording() -> fields.Dict:
    """Text per language."""
    return fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        metadata={"description": "Wording per language"},
    )


def per_language(inner: fields.Field) -> fields.Dict:
    """Something per language."""
    return fields.Dict(keys=fields.String(), values=inner)


class Pair(Answer):
    """A name or title in English and Chinese."""

    en = maybe_text()
    zh = maybe_text()


class Official(Answer):
    """Whether a title in English and in Chinese is the official one."""

    en = fields.Boolean(allow_none=True)
    zh = fields.Boolean(allow_none=True)


class PartyRef(Answer):
    code = fields.String(required=True)
    name = fields.Nested(Pair, required=True)
    kind = fields.String(required=True)


class PartyDetail(PartyRef):
    formal_name = maybe_text()
    alpha2 = maybe_text()
    groups = fields.List(fields.Nested(PartyRef))
    members = fields.List(fields.Nested(PartyRef))


class SessionRef(Answer):
    code = fields.String(required=True)
    title = fields.Nested(Pair, required=True)
    body = fields.Nested(Pair)
    number = maybe_int()
    place = maybe_text()
    starts_on = fields.String(required=True, metadata={"format": "date"})
    ends_on = maybe_text(metadata={"format": "date"})
    symbol = maybe_text()
    current = fields.Boolean()


class TopicRef(Answer):
    slug = fields.String(required=True)
    title = fields.Nested(Pair, required=True)
    description = maybe_text()


class InstrumentSummary(Answer):
    slug = fields.String(required=True)
    kind = fields.String(required=True, metadata={"enum": ["source", "negotiating"]})
    title = fields.Nested(Pair, required=True)
    short_title = fields.Nested(Pair)
    origin = fields.Nested(PartyRef, allow_none=True)
    date = maybe_text(metadata={"format": "date"})
    symbol = maybe_text()
    language = maybe_text()
    is_outline = fields.Boolean()
    based_on = maybe_text()


class ProvisionSummary(Answer):
    id = fields.Integer(required=True)
    kind = fields.String(required=True)
    label = fields.String(required=True)
    title = fields.Nested(Pair)
    title_official = fields.Nested(Official)
    chapter_id = maybe_int()
    version = fields.Integer(required=True)
    deleted = fields.Boolean()
    source_provision_id = maybe_int()
    chapter_path = fields.List(fields.String())
    text = wording()
    official = fields.Dict(keys=fields.String(), values=fields.Boolean())
    # Where a provision is given on its own (the screen, a comparison).
    instrument = fields.String()


class VersionSummary(Answer):
    id = fields.Integer(required=True)
    number = fields.Integer(required=True)
    origin = fields.String(required=True)
    is_deletion = fields.Boolean()
    created_at = maybe_text(metadata={"format": "date-time"})
    href = fields.String(required=True)


class CopiedFrom(Answer):
    provision_id = fields.Integer()
    version = fields.Integer()
    instrument = fields.String()
    label = fields.String()


class Version(Answer):
    id = fields.Integer(required=True)
    number = fields.Integer(required=True)
    origin = fields.String(required=True)
    is_deletion = fields.Boolean()
    note = maybe_text()
    session = maybe_int(metadata={"description": "The session's id"})
    created_at = maybe_text(metadata={"format": "date-time"})
    text = wording()
    official = fields.Dict(keys=fields.String(), values=fields.Boolean())
    copied_from = fields.Nested(CopiedFrom, allow_none=True)


class DiffOp(Loose):
    op = fields.String(metadata={"enum": ["equal", "insert", "delete"]})
    text = fields.String()


class Diff(Answer):
    """A word diff in one language: operations, HTML and marked plain text."""

    ops = fields.List(fields.Nested(DiffOp))
    html = fields.String()
    text = fields.String()
    stats = fields.Dict()


class ProposalSummary(Answer):
    id = fields.Integer(required=True)
    kind = fields.String(required=True, metadata={"enum": ["amend", "insert", "delete"]})
    status = fields.String(required=True)
    session = fields.String(required=True)
    tabled_on = fields.String(metadata={"format": "date"})
    symbol = maybe_text()
    sponsors_label = fields.Nested(Pair, required=True)
    href = fields.String(required=True)


class Sponsorship(Answer):
    party = fields.Nested(PartyRef)
    role = fields.String()
    on_behalf_of = fields.Nested(PartyRef, allow_none=True)
    joined_at = fields.String()
    withdrawn_at = maybe_text()
    active = fields.Boolean()
    confirmed = fields.Boolean()
    confirmed_revision = maybe_int()
    consent_oral = fields.Boolean()
    declined = fields.Boolean()


class Stance(Answer):
    party = fields.Nested(PartyRef)
    position = fields.String(metadata={"enum": ["support", "oppose", "reserve"]})
    session = maybe_text()
    stated_on = maybe_text(metadata={"format": "date"})
    note = maybe_text()
    revision = maybe_int()
    on_earlier_revision = fields.Boolean()
    current = fields.Boolean()


class StatusChange(Answer):
    from_ = maybe_text(data_key="from")
    to = fields.String()
    at = fields.String(metadata={"format": "date-time"})
    user_id = maybe_int()
    session = maybe_text()
    note = maybe_text()


class IdLabel(Answer):
    id = fields.Integer()
    label = fields.String()


class BaseVersion(Answer):
    id = fields.Integer()
    number = fields.Integer()


class Revision(Answer):
    number = fields.Integer()
    base_version = fields.Nested(BaseVersion, allow_none=True)
    text = wording()
    label = maybe_text()
    title = fields.Nested(Pair)
    note = maybe_text()
    rationale = maybe_text()
    created_at = maybe_text(metadata={"format": "date-time"})


PROPOSAL_STATUSES = ["tabled", "under_discussion", "agreed", "rejected", "withdrawn", "merged"]


class Proposal(Answer):
    id = fields.Integer(required=True)
    instrument = fields.String()
    kind = fields.String(required=True, metadata={"enum": ["amend", "insert", "delete"]})
    provision = fields.Nested(IdLabel, allow_none=True)
    chapter = fields.Nested(IdLabel, allow_none=True)
    session = fields.Nested(SessionRef, required=True)
    tabled_on = fields.String(metadata={"format": "date"})
    symbol = maybe_text()
    status = fields.String(required=True, metadata={"enum": PROPOSAL_STATUSES})
    stale = fields.Boolean()
    rationale = maybe_text()
    revision = fields.Nested(Revision, required=True)
    revisions = fields.Integer(metadata={"description": "How many revisions it has"})
    sponsors = fields.List(fields.Nested(Sponsorship), required=True)
    sponsors_label = fields.Nested(Pair)
    sponsorship_history = fields.List(fields.Nested(Sponsorship))
    stances = fields.List(fields.Nested(Stance))
    stance_history = fields.List(fields.Nested(Stance))
    status_history = fields.List(fields.Nested(StatusChange))
    merged_into = maybe_int()
    result_version_id = maybe_int()
    inserted_provision_id = maybe_int()
    diff = per_language(fields.Nested(Diff))
