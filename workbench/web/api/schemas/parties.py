"""Schemas of the parties and topics resources."""

from __future__ import annotations

from marshmallow import fields

from workbench.web.api.schemas.answers import (
    InstrumentSummary,
    Pair,
    PartyRef,
    Proposal,
    ProvisionSummary,
    TopicRef,
)
from workbench.web.api.schemas.common import Answer, Choice, Query


class PartiesArgs(Query):
    kind = Choice(
        ["state", "observer_state", "group", "organization"],
        "must be state, observer_state, group or organization.",
    )


class PartyList(Answer):
    parties = fields.List(fields.Nested(PartyRef), required=True)


class GroupMember(Answer):
    party = fields.Nested(PartyRef)
    counts = fields.Dict()


class GroupRecord(Answer):
    members = fields.List(fields.Nested(GroupMember))
    sponsored_by_members = fields.List(fields.Raw())
    cosponsored_by_members = fields.List(fields.Raw())
    on_behalf_of_group = fields.List(fields.Raw())
    stances_of_members = fields.List(fields.Raw())


class PartyRecord(Answer):
    """What a party sponsored, co-sponsored, supported, opposed; a group's members together."""

    party = fields.Nested(PartyRef, required=True)
    summary = fields.Dict(required=True)
    sponsored = fields.List(fields.Nested(Proposal))
    cosponsored = fields.List(fields.Nested(Proposal))
    on_behalf_of = fields.List(fields.Nested(Proposal))
    supported = fields.List(fields.Integer(), metadata={"description": "Proposal ids"})
    opposed = fields.List(fields.Integer(), metadata={"description": "Proposal ids"})
    reserved = fields.List(fields.Integer(), metadata={"description": "Proposal ids"})
    group = fields.Nested(GroupRecord)


class TopicList(Answer):
    topics = fields.List(fields.Nested(TopicRef), required=True)


class TopicEntry(Answer):
    relation = fields.String()
    note = fields.Nested(Pair)
    provision = fields.Nested(ProvisionSummary, allow_none=True)


class TopicColumn(Answer):
    instrument = fields.Nested(InstrumentSummary)
    absent = fields.Boolean()
    entries = fields.List(fields.Nested(TopicEntry))


class TopicSynopsis(Answer):
    """Every instrument's text on a topic, absences included."""

    topic = fields.Nested(TopicRef, required=True)
    instruments = fields.List(fields.Nested(TopicColumn), required=True)
