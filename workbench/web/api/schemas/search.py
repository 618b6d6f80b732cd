"""Schemas of full-text search."""

from __future__ import annotations

from marshmallow import fields

from workbench.web.api.schemas.answers import Pair, maybe_int, maybe_text
from workbench.web.api.schemas.common import Answer, Query, Whole


class SearchArgs(Query):
    q = fields.String(load_default=None, metadata={"maxLength": 200, "description": "Query"})
    instrument = fields.String(load_default=None, metadata={"description": "Limit to a text"})
    limit = Whole(default=50, minimum=1, maximum=200)


class TextHit(Answer):
    provision_id = fields.Integer()
    instrument = fields.String()
    label = fields.String()
    title = fields.Nested(Pair)
    lang = fields.String()
    snippet = fields.String()
    highlight = fields.String()


class ProposalHit(Answer):
    proposal_id = fields.Integer()
    instrument = fields.String()
    provision_id = maybe_int()
    label = maybe_text()
    title = fields.Nested(Pair, allow_none=True)
    status = fields.String()
    field = fields.String()
    lang = maybe_text()
    snippet = fields.String()
    highlight = fields.String()


class SearchResults(Answer):
    """Provisions and proposals matching every term, in any language."""

    query = maybe_text()
    hits = fields.List(fields.Nested(TextHit), required=True)
    proposals = fields.List(fields.Nested(ProposalHit), required=True)
