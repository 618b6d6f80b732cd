"""Upload pages: a treaty or draft from a file, and a delegation's tracked changes as proposals."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from workbench.db import get_db
from workbench.errors import InvalidInput, TooLarge, WorkbenchError
from workbench.imports.operations import import_instrument
from workbench.imports.tracked import import_tracked_changes
from workbench.instruments.models import InstrumentKind
from workbench.instruments.queries import list_instruments
from workbench.sessions.operations import list_sessions
from workbench.users.models import Role
from workbench.web.api.imports import saved_upload
from workbench.web.forms.base import errors_of, values_of
from workbench.web.forms.imports import InstrumentUploadForm, TrackedChangesForm
from workbench.web.views.common import FormErrors, page_actor, page_blueprint

bp = page_blueprint("imports", __name__)

INSTRUMENT_FIELDS = ("file", "slug", "title", "into")
# Named apart from the instrument form's fields: both forms share one page and its ids.
TRACKED_FIELDS = ("changes", "text", "session", "authors")


def _form(values: dict, errors: dict, *, status: int = 200, result: dict | None = None):
    db = get_db()
    instruments = list_instruments(db)
    return render_template(
        "imports/upload.html",
        values=values,
        errors=errors,
        result=result,
        outlines=[i for i in instruments if i.is_outline],
        negotiating=[i for i in instruments if i.kind == InstrumentKind.NEGOTIATING],
        sessions=list_sessions(db),
    ), status


def _file_error(errors: FormErrors, error: WorkbenchError, fields: tuple[str, ...]) -> None:
    """An error about the file's content (it names no field) is shown beside the file field."""
    if error.field not in fields and isinstance(error, InvalidInput | TooLarge):
        errors[fields[0]] = error.message
    else:
        errors.add(error, fields)


def parse_author_map(text: str) -> dict[str, str]:
    """Lines "Author name = CODE" → {author name: party code}; blank lines are skipped."""
    mapping = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, code = line.rpartition("=")
        if not sep or not name.strip() or not code.strip():
            raise WorkbenchError(
                _("Line %(n)s: write each author as “Name = party code”.", n=number)
            )
        mapping[name.strip()] = code.strip().upper()
    return mapping


@bp.get("/import")
def upload_form():
    """The upload forms (the secretariat imports texts; delegations send tracked changes)."""
    page_actor(Role.SECRETARIAT, Role.DELEGATE)
    return _form({}, {})


def _import_upload(fields: tuple[str, ...], values: dict, errors: FormErrors, run):
    """Save the upload in fields[0], run the import on it and commit: (result, None), or
    (None, the form again with the error beside its field) with nothing written."""
    db = get_db()
    try:
        with saved_upload(fields[0]) as path:
            result = run(db, path)
            db.commit()
    except WorkbenchError as exc:
        # One transaction: a file that fails half-way leaves nothing behind.
        db.rollback()
        _file_error(errors, exc, fields)
        return None, _form(values, errors, status=exc.status_code)
    return result, None


@bp.post("/import/instrument")
def upload_instrument():
    """Create an instrument from a file (.docx, .odt, .doc, .rtf, .md, .txt, AKN .xml) or fill
    an outline with it."""
    actor = page_actor(Role.SECRETARIAT)
    form = InstrumentUploadForm()
    values = values_of(form)
    if not form.validate():
        return _form(values, errors_of(form), status=400)
    result, page = _import_upload(
        INSTRUMENT_FIELDS,
        values,
        FormErrors(),
        lambda db, path: import_instrument(
            db,
            path,
            slug=form.slug.data or None,
            title=form.title.data or None,
            into=form.into.data or None,
            actor=actor,
        ),
    )
    if page is not None:
        return page
    flash(
        _(
            "Imported %(slug)s: %(chapters)s chapters, %(provisions)s provisions.",
            slug=result["slug"],
            chapters=result["chapters"],
            provisions=result["provisions"],
        )
    )
    for warning in result["warnings"]:
        flash(warning)
    return redirect(url_for("texts.instrument", slug=result["slug"]), code=303)


@bp.post("/import/tracked-changes")
def upload_tracked_changes():
    """Each provision a delegation's Word file changes with tracked changes becomes a proposal."""
    actor = page_actor(Role.SECRETARIAT, Role.DELEGATE)
    form = TrackedChangesForm()
    values = values_of(form)
    errors = FormErrors({} if form.validate() else errors_of(form))
    author_map: dict[str, str] = {}
    try:
        author_map = parse_author_map(form.authors.data or "")
    except WorkbenchError as exc:
        errors.setdefault("authors", exc.message)
    if errors:
        return _form(values, errors, status=400)
    result, page = _import_upload(
        TRACKED_FIELDS,
        values,
        errors,
        lambda db, path: import_tracked_changes(
            db,
            path,
            into=form.text.data,
            session_code=form.session.data,
            author_map=author_map,
            actor=actor,
        ),
    )
    return page if page is not None else _form(values, {}, result=result)
