"""Uploads: import an instrument, or a delegation's tracked changes as proposals."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from flask import Blueprint, current_app, request

from workbench.db import get_db
from workbench.errors import InvalidInput, TooLarge
from workbench.imports.operations import import_instrument, refuse_unimportable
from workbench.imports.tracked import import_tracked_changes
from workbench.texts.files import human_size
from workbench.users.models import Role
from workbench.web.security import acting_user, require_roles

bp = Blueprint("imports_api", __name__, url_prefix="/api")


def saved_upload(field: str = "file") -> Path:
    """The uploaded file saved under its own name in a private temporary folder."""
    upload = request.files.get(field)
    if upload is None or not upload.filename:
        raise InvalidInput("Attach the file to import (multipart field 'file').", field=field)
    name = Path(upload.filename).name
    try:
        refuse_unimportable(Path(name))
    except InvalidInput as exc:
        raise InvalidInput(exc.message, field=field) from None
    folder = Path(tempfile.mkdtemp(prefix="workbench-import-"))
    path = folder / name
    upload.save(path)
    size, allowed = path.stat().st_size, current_app.config["IMPORT_MAX_BYTES"]
    if size > allowed:
        shutil.rmtree(folder, ignore_errors=True)
        raise TooLarge(
            f"{name} is {human_size(size)} ({size:,} bytes), over the import limit "
            f"of {human_size(allowed)}.",
            field=field,
        )
    return path


@bp.post("/imports")
def import_upload():
    """Import an instrument from an uploaded file: Word, OpenDocument, RTF, Markdown, text or
    Akoma Ntoso XML (secretariat)."""
    actor = require_roles(Role.SECRETARIAT)
    path = saved_upload()
    try:
        db = get_db()
        result = import_instrument(
            db,
            path,
            slug=request.form.get("slug") or None,
            title=request.form.get("title") or None,
            into=request.form.get("into") or None,
            language=request.form.get("language") or None,
            actor=actor,
        )
        db.commit()
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
    return result, 201


@bp.post("/instruments/<slug>/tracked-changes")
def tracked_changes_upload(slug: str):
    """Turn an uploaded Word file with tracked changes into proposals by its authors, or a
    bracketed consolidated text into proposals by the sponsors it names (secretariat)."""
    actor = acting_user()
    path = saved_upload()
    try:
        raw_map = request.form.get("author_map") or "{}"
        try:
            author_map = json.loads(raw_map)
        except json.JSONDecodeError:
            raise InvalidInput("author_map must be a JSON object of name → party code.") from None
        if not isinstance(author_map, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in author_map.items()
        ):
            raise InvalidInput("author_map must be a JSON object of name → party code.")
        session = request.form.get("session")
        if not session:
            raise InvalidInput("Say at which session the proposals are tabled.", field="session")
        db = get_db()
        allow, skip_bad = (
            (request.form.get(name) or "").lower() in ("1", "true", "yes", "on")
            for name in ("allow_duplicates", "skip_bad")
        )
        # A bracketed text (the chair's edited brackets export) is read by its own reader.
        result = import_tracked_changes(
            db,
            path,
            into=slug,
            session_code=session,
            author_map=author_map,
            allow_duplicates=allow,
            skip_bad=skip_bad,
            actor=actor,
        )
        db.commit()
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
    return result, 201
