"""Errors that operations raise and that the web layer and CLI turn into messages."""

from __future__ import annotations


class WorkbenchError(Exception):
    """Base of every error a user can be shown as one clear sentence."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None, details: dict | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details or {}

    def to_dict(self) -> dict:
        data: dict[str, object] = {"error": type(self).__name__, "message": self.message}
        if self.field:
            data["field"] = self.field
        if self.details:
            data["details"] = self.details
        return data


class InvalidInput(WorkbenchError):
    """The request is malformed or breaks a rule of the domain."""

    status_code = 400


class Unauthorized(WorkbenchError):
    """Nobody is logged in, or the credentials are wrong."""

    status_code = 401


class Forbidden(WorkbenchError):
    """The user may not do this."""

    status_code = 403


class NotFound(WorkbenchError):
    """The thing asked for does not exist."""

    status_code = 404


class Conflict(WorkbenchError):
    """The request clashes with the current state (a stale base, an impossible move)."""

    status_code = 409


class TooLarge(WorkbenchError):
    """A field, a body or a file is over its limit."""

    status_code = 413


class DatabaseUnavailable(WorkbenchError):
    """The database cannot be reached or is not ready."""

    status_code = 503


class TooManyRequests(WorkbenchError):
    """Too many attempts in too short a time (logins, PDF exports); retry after some seconds."""

    status_code = 429

    def __init__(self, message: str, *, retry_after: int = 60, field: str | None = None):
        super().__init__(message, field=field)
        self.retry_after = max(1, int(retry_after))
