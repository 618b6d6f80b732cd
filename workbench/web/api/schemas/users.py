"""Schemas of the accounts resource: tokens, users and the audit log."""

from __future__ import annotations

from marshmallow import fields

from workbench.web.api.schemas.answers import PartyRef, maybe_int, maybe_text
from workbench.web.api.schemas.common import Answer, Body, Flag, Number, Query, Text, Whole


class TokenBody(Body):
    name = Text(required=True)
    password = Text(required=True, secret=True)
    code = Text(metadata={"description": "TOTP code"})
    token_name = Text()
    days = Number(metadata={"minimum": 1, "maximum": 366})


class ActiveBody(Body):
    active = Flag(required=True)


class NewUserBody(Body):
    name = Text(required=True)
    role = Text(required=True, metadata={"enum": ["secretariat", "delegate", "observer", "admin"]})
    password = Text(required=True, secret=True)
    party = Text(metadata={"description": "Party code (delegates)"})


class AuditArgs(Query):
    limit = Whole(default=100, minimum=1, maximum=1000)
    offset = Whole(default=0)
    entity = fields.String(load_default=None, metadata={"description": "Entity type"})


class User(Answer):
    name = fields.String(required=True)
    role = fields.String(required=True)
    party = fields.Nested(PartyRef, allow_none=True)
    active = fields.Boolean()


class Token(Answer):
    """An API token's name, expiry and last use (never the token itself)."""

    name = fields.String(required=True)
    created_at = fields.String()
    expires_at = fields.String()
    last_used_at = maybe_text()
    revoked = fields.Boolean()


class NewToken(Answer):
    """A new token (the others stay valid)."""

    token = fields.String(required=True)
    token_info = fields.Nested(Token, required=True)
    user = fields.Nested(User, required=True)


class TokenList(Answer):
    tokens = fields.List(fields.Nested(Token), required=True)


class UserList(Answer):
    users = fields.List(fields.Nested(User), required=True)


class AuditEntry(Answer):
    id = fields.Integer()
    at = fields.String()
    user = maybe_text()
    action = fields.String()
    entity = fields.String()
    entity_id = maybe_int()
    summary = maybe_text()
    before = fields.Raw(allow_none=True)
    after = fields.Raw(allow_none=True)


class AuditLog(Answer):
    entries = fields.List(fields.Nested(AuditEntry), required=True)
