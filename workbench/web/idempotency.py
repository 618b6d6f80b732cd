"""Idempotency-Key on the API's writes: a retried request gets its first answer back.

A client that sends ``Idempotency-Key: <its own unique key>`` with a POST, PUT, PATCH or
DELETE under /api may send the request again (its connection broke, the server died before
answering) without acting twice: a write that succeeded is answered again with the status and
body of its first answer; the same key with another request is refused with 422. The answer
is committed in the transaction of the write itself (``WorkbenchSession`` holds the
handler's commit until then), so a crash leaves both or neither. Only successful answers are
kept: a refused request changed nothing and may simply be sent again. Keys belong to the user
sending them and are kept for a day, in the database, so every worker sees them.
"""

from __future__ import annotations

import hashlib
import json
import re

from flask import Flask, Response, g, jsonify, request
from flask_login import current_user
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from workbench.db import get_db
from workbench.errors import InvalidInput, WorkbenchError
from workbench.idempotency.operations import find_kept_response, keep_response

HEADER = "Idempotency-Key"
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")
# Answers that hold a secret (an API token) are never kept in the database.
NOT_KEPT = frozenset({"users_api.token_create"})


class IdempotencyKeyReused(WorkbenchError):
    """The key was already used for another request."""

    status_code = 422


def init_idempotency(app: Flask) -> None:
    """Answer retried writes from the kept response; keep the answer of each new one."""
    app.before_request(_replay_or_hold)
    app.after_request(_keep_answer)


def _applies() -> bool:
    return (
        request.method in WRITE_METHODS
        and request.path.startswith("/api/")
        and HEADER in request.headers
        and request.endpoint not in NOT_KEPT
    )


def _replay_or_hold():
    if not _applies():
        return None
    key = request.headers[HEADER].strip()
    if not _KEY.match(key):
        raise InvalidInput(
            f"{HEADER} must be 1 to 200 visible ASCII characters (a UUID is a good choice).",
            field=HEADER,
        )
    # Anonymous writes are refused by their endpoint; there is nobody to keep the key for.
    if not current_user.is_authenticated:
        return None
    fingerprint = request_fingerprint()
    db = get_db(write=True)
    kept = find_kept_response(db, current_user.id, key)
    if kept is not None:
        return _replay(kept, fingerprint)
    g.idempotency = (current_user.id, key, fingerprint)
    db.info["hold_commit"] = True
    return None


def _replay(kept, fingerprint: str) -> Response:
    if kept.fingerprint != fingerprint:
        raise IdempotencyKeyReused(
            f"The {HEADER} {kept.key!r} was used for another request; use a new key for a "
            "new request, and the same key only to send the very same request again.",
            field=HEADER,
        )
    response = Response(kept.body, status=kept.status, content_type=kept.content_type)
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _keep_answer(response: Response) -> Response:
    state = g.pop("idempotency", None)
    if state is None:
        return response
    db = get_db()
    db.info["hold_commit"] = False
    held = db.info.pop("commit_held", False)
    if not 200 <= response.status_code < 300 or response.is_streamed:
        db.rollback()
        return response
    user_id, key, fingerprint = state
    try:
        if not held:
            db.rollback()  # the handler did not ask to commit what it flushed
        keep_response(
            db,
            user_id,
            key,
            fingerprint=fingerprint,
            status=response.status_code,
            content_type=response.content_type or "application/octet-stream",
            body=response.get_data(),
        )
        db.commit()
    except IntegrityError:
        # The same key arrived twice at once and the other request committed first: this
        # one's work is undone, and its answer is the other's.
        db.rollback()
        kept = find_kept_response(db, user_id, key)
        if kept is None:
            raise
        db.rollback()
        try:
            return _replay(kept, fingerprint)
        except IdempotencyKeyReused as exc:
            return _error(exc)
    except SQLAlchemyError:
        db.rollback()
        failed = WorkbenchError("The change could not be saved; send the request again.")
        failed.status_code = 503
        return _error(failed)
    return response


def _error(error: WorkbenchError) -> Response:
    response = jsonify(error.to_dict())
    response.status_code = error.status_code
    return response


def request_fingerprint() -> str:
    """SHA-256 of what the request asks: method, path, query and body, read as data.

    A JSON body counts by its content (the order of keys and the spacing do not matter) and a
    form by its fields and its files' names and bytes (not a multipart body's boundary).
    """
    digest = hashlib.sha256()
    query = sorted(request.args.items(multi=True))
    digest.update(json.dumps([request.method, request.path, query]).encode())
    if request.mimetype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = sorted(request.form.items(multi=True))
        files = []
        for name, upload in request.files.items(multi=True):
            files.append((name, upload.filename, hashlib.sha256(upload.stream.read()).hexdigest()))
            upload.stream.seek(0)
        digest.update(json.dumps([form, sorted(files)]).encode())
        return digest.hexdigest()
    raw = request.get_data(cache=True)
    try:
        body = json.dumps(json.loads(raw), sort_keys=True).encode()
    except (ValueError, RecursionError):
        body = raw
    digest.update(body)
    return digest.hexdigest()
