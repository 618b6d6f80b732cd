"""Schemas of the instruments resource and of the progress of a text."""

from __future__ import annotations

from marshmallow import fields

from workbench.web.api.schemas.answers import (
    InstrumentSummary,
    Pair,
    ProvisionSummary,
    SessionRef,
    StatusChange,
    maybe_text,
    wording,
)
from workbench.web.api.schemas.common import (
    Answer,
    Body,
    Choice,
    Items,
    Query,
    Text,
    lang_choice,
)

PROVISION_STATUSES = [
    "open",
    "under_negotiation",
    "informally_agreed",
    "agreed_ad_ref",
    "reopened",
]


class InstrumentsArgs(Query):
    kind = Choice(["source", "negotiating"], "must be source or negotiating.")


class InstrumentArgs(Query):
    lang = lang_choice()
    text = fields.String(
        load_default="1",
        metadata={"enum": ["0", "1"], "description": "0: without the wording"},
    )


class ConsolidatedArgs(Query):
    lang = Choice(["en", "zh"], "must be en or zh.", default="en")


class NewInstrumentBody(Body):
    slug = Text(required=True)
    title_en = Text()
    title_zh = Text()
    source = Text(metadata={"description": "The source instrument's slug"})
    picks = Items(metadata={"description": "Provisions picked from sources"})
    session = Text(metadata={"description": "Session code"})
    symbol = Text()


class InstrumentList(Answer):
    instruments = fields.List(fields.Nested(InstrumentSummary), required=True)


class InstrumentDetail(InstrumentSummary):
    description = maybe_text()
    provenance = maybe_text()
    session = fields.Nested(SessionRef, allow_none=True)
    counts = fields.Dict(required=True)
    outline = fields.List(
        fields.Dict(),
        required=True,
        metadata={"description": "Chapters with their children, and provisions by id"},
    )
    provisions = fields.List(fields.Nested(ProvisionSummary), required=True)


class Consolidated(Answer):
    """Each provision's segments: {text} common to all, or {options}, each option
    {text, parties, proposal_ids, current}."""

    lang = fields.String(required=True)
    provisions = fields.List(fields.Dict(), required=True)


class StatusBody(Body):
    status = Text(required=True, metadata={"enum": PROVISION_STATUSES})
    session = Text(metadata={"description": "Session code (default: the one in progress)"})
    note = Text()


class ProvisionStatus(Answer):
    """A provision's negotiation status and its history."""

    provision_id = fields.Integer(required=True)
    instrument = fields.String()
    label = fields.String()
    status = fields.String(required=True, metadata={"enum": PROVISION_STATUSES})
    history = fields.List(fields.Nested(StatusChange), required=True)


class ProgressRow(Answer):
    id = fields.Integer()
    label = fields.String()
    title = fields.Nested(Pair)
    chapter = maybe_text()
    status = fields.String()
    session = maybe_text()
    since = maybe_text()
    note = maybe_text()
    pending_proposals = fields.Integer()
    text = wording()


class Progress(Answer):
    """Totals per status, per chapter and per session, and every provision."""

    instrument = fields.String()
    statuses = fields.List(fields.String())
    totals = fields.Dict(required=True)
    chapters = fields.List(fields.Dict())
    sessions = fields.List(fields.Dict())
    provisions = fields.List(fields.Nested(ProgressRow), required=True)
