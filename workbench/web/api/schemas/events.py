"""Schemas of live negotiation: the event stream and the provision on screen."""

from __future__ import annotations

from marshmallow import fields

from workbench.web.api.schemas.answers import ProvisionSummary, SessionRef
from workbench.web.api.schemas.common import Answer, Body, Number, Query

EVENT_ID = "^[0-9]{1,18}$"


class EventArgs(Query):
    after = fields.String(
        load_default=None,
        metadata={
            "pattern": EVENT_ID,
            "description": "Start after this event (default: from now on)",
        },
    )


class EventHeaders(Query):
    last_event_id = fields.String(
        data_key="Last-Event-ID",
        load_default=None,
        metadata={
            "pattern": EVENT_ID,
            "description": "Resume after this event (the browser sends it)",
        },
    )


class ScreenBody(Body):
    provision = Number(required=True, metadata={"description": "Provision id"})


class Screen(Answer):
    """The session in progress and the provision on screen, with its current text."""

    session = fields.Nested(SessionRef, allow_none=True, required=True)
    provision = fields.Nested(ProvisionSummary, allow_none=True, required=True)
