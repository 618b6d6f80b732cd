"""Schemas of the provisions resource: a provision, its versions, diffs, blame, comparison."""

from __future__ import annotations

from marshmallow import fields

from workbench.web.api.schemas.answers import (
    Diff,
    Pair,
    ProposalSummary,
    ProvisionSummary,
    TopicRef,
    VersionSummary,
    maybe_text,
    per_language,
)
from workbench.web.api.schemas.common import Answer, Query, Whole, lang_choice


class DiffArgs(Query):
    from_ = Whole(minimum=1, data_key="from")
    to = Whole(minimum=1)
    lang = lang_choice()


class CompareArgs(Query):
    left = Whole(minimum=1)
    right = Whole(minimum=1)
    lang = lang_choice()


class InstrumentRef(Answer):
    slug = fields.String()
    title = fields.Nested(Pair)


class Paragraph(Answer):
    label = maybe_text()
    level = fields.Integer()
    text = fields.String()


class Links(Answer):
    self = fields.String()
    proposals = fields.String()
    current_version = maybe_text()
    blame = fields.String()


class CorrespondingProvision(Answer):
    id = fields.Integer()
    label = fields.String()
    title = fields.Nested(Pair)


class Correspondence(Answer):
    instrument = fields.String()
    relation = fields.String()
    provision = fields.Nested(CorrespondingProvision, allow_none=True)
    note = fields.Nested(Pair)


class Correspondences(Answer):
    topic = fields.Nested(TopicRef)
    relation = fields.String()
    others = fields.List(fields.Nested(Correspondence))


class SourceProvision(Answer):
    id = fields.Integer()
    label = fields.String()
    instrument = fields.String()


class ProvisionDetail(ProvisionSummary):
    """A provision with its current text; its latest versions and its first pending
    proposals as summaries with links (the rest: links.proposals, paged)."""

    instrument = fields.Nested(InstrumentRef)  # type: ignore[assignment]
    paragraphs = per_language(fields.List(fields.Nested(Paragraph)))
    versions = fields.List(fields.Nested(VersionSummary), required=True)
    proposal_counts = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        required=True,
        metadata={"description": "Proposals on the provision per status"},
    )
    proposals = fields.List(fields.Nested(ProposalSummary), required=True)
    links = fields.Nested(Links, required=True)
    correspondences = fields.List(fields.Nested(Correspondences), required=True)
    source_provision = fields.Nested(SourceProvision, allow_none=True)


class VersionDiff(Answer):
    provision_id = fields.Integer(required=True)
    from_ = fields.Integer(data_key="from")
    to = fields.Integer()
    diff = per_language(fields.Nested(Diff))


class Comparison(Answer):
    """Both provisions and the diff of their current texts."""

    left = fields.Nested(ProvisionSummary, required=True)
    right = fields.Nested(ProvisionSummary, required=True)
    diff = per_language(fields.Nested(Diff))
    message = fields.String()


class Blame(Answer):
    """The current text, each span attributed to who introduced it."""

    provision_id = fields.Integer(required=True)
    version = fields.Integer()
    blame = per_language(fields.List(fields.Dict()))
