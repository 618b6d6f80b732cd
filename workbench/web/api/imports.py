"""Uploads: import an instrument, or a delegation's tracked changes as proposals."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import current_app, request

from workbench.db import get_db
from workbench.errors import InvalidInput, TooLarge
from workbench.files import scratch_folder
from workbench.imports.operations import import_instrument, refuse_unimportable
from workbench.imports.tracked import import_tracked_changes
from workbench.texts.files import human_size
from workbench.users.models import Role
from workbench.web.api.base import Blueprint
from workbench.web.api.schemas.files import Imported, ImportForm, TrackedChangesForm
from workbench.web.inputs import upload_name
from workbench.web.security import acting_user, require_roles

bp = Blueprint("imports_api", __name__, url_prefix="/api", description=__doc__)


@contextmanager
def saved_upload(field: str = "file") -> Iterator[Path]:
    """The uploaded file saved under its own name in a private scratch folder, which is
    removed when the block ends, whatever happens; nothing is written for a refused name."""
    upload = request.files.get(field)
    if upload is None or not upload.filename:
        raise InvalidInput("Attach the file to import (multipart field 'file').", field=field)
    name = upload_name(upload.filename, field)
    try:
        refuse_unimportable(Path(name))
    except InvalidInput as exc:
        raise InvalidInput(exc.message, field=field) from None
    with scratch_folder("import") as folder:
        # Saved whole under a temporary name, then renamed: the importer never reads a part.
        partial, path = folder / ".upload.part", folder / name
        upload.save(partial)
        os.replace(partial, path)
        size, allowed = path.stat().st_size, current_app.config["IMPORT_MAX_BYTES"]
        if size > allowed:
            raise TooLarge(
                f"{name} is {human_size(size)} ({size:,} bytes), over the import limit "
                f"of {human_size(allowed)}.",
                field=field,
            )
        yield path


@bp.post("/imports")
@bp.write
@bp.arguments(ImportForm, location="multipart")
@bp.response(201, Imported)
@bp.errors(401, 403, 404, 409, 413)
@bp.doc(operationId="importInstrument")
def import_upload(form: dict):
    """Import an instrument from an uploaded file: Word, OpenDocument, RTF, Markdown, text or
    Akoma Ntoso XML (secretariat)."""
    actor = require_roles(Role.SECRETARIAT)
    with saved_upload() as path:
        db = get_db()
        result = import_instrument(
            db,
            path,
            slug=form["slug"] or None,
            title=form["title"] or None,
            into=form["into"] or None,
            language=form["language"] or None,
            actor=actor,
        )
        db.commit()
    return result, 201


@bp.post("/instruments/<slug>/tracked-changes")
@bp.write
@bp.arguments(TrackedChangesForm, location="multipart")
@bp.response(201, Imported)
@bp.errors(401, 403, 404, 409, 413)
@bp.doc(operationId="importTrackedChanges")
def tracked_changes_upload(form: dict, slug: str):
    """Turn an uploaded Word file with tracked changes into proposals by its authors, or a
    bracketed consolidated text into proposals by the sponsors it names (secretariat)."""
    actor = acting_user()
    # The form is checked before the file is saved anywhere.
    raw_map = form["author_map"] or "{}"
    try:
        author_map = json.loads(raw_map)
    except json.JSONDecodeError:
        raise InvalidInput("author_map must be a JSON object of name → party code.") from None
    if not isinstance(author_map, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in author_map.items()
    ):
        raise InvalidInput("author_map must be a JSON object of name → party code.")
    session = form["session"]
    if not session:
        raise InvalidInput("Say at which session the proposals are tabled.", field="session")
    allow, skip_bad = (
        (form[name] or "").lower() in ("1", "true", "yes", "on")
        for name in ("allow_duplicates", "skip_bad")
    )
    with saved_upload() as path:
        db = get_db()
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
    return result, 201
