"""Schemas of the sessions resource."""

from __future__ import annotations

from marshmallow import fields

from workbench.web.api.schemas.answers import Proposal, SessionRef
from workbench.web.api.schemas.common import Answer, Body, Text


class CurrentSessionBody(Body):
    session = Text(metadata={"description": "Session code, or null for none"})


class SessionList(Answer):
    sessions = fields.List(fields.Nested(SessionRef), required=True)


class CurrentSession(Answer):
    current = fields.Nested(SessionRef, allow_none=True, required=True)


class SessionDetail(SessionRef):
    proposals = fields.List(fields.Nested(Proposal), required=True)
