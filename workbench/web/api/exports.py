"""Downloads of consolidated texts and synoptic tables."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from flask import send_file

from workbench.db import get_db
from workbench.errors import InvalidInput
from workbench.export.operations import (
    MODES,
    export_instrument,
    export_session_changes,
    export_synopsis,
)
from workbench.files import scratch_folder
from workbench.web.api.base import Blueprint
from workbench.web.api.schemas.files import ChangesArgs, ExportArgs, SynopsisArgs
from workbench.web.security import reader

bp = Blueprint("export_api", __name__, url_prefix="/api", description=__doc__)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _languages(raw: str) -> list[str]:
    languages = [part.strip() for part in raw.split(",") if part.strip()]
    if not languages or any(lang not in ("en", "zh") for lang in languages) or len(languages) > 2:
        raise InvalidInput("languages must be en, zh or en,zh.", field="languages")
    return languages


def send_export(make: Callable[[Path], Path]):
    """Make a file in a scratch folder and send it; the folder is removed whatever happens
    (the download is the copy kept). ``make`` gets the folder and returns the file."""
    with scratch_folder("export") as folder:
        path = make(folder)
        data = io.BytesIO(path.read_bytes())
    mimetype = "application/pdf" if path.suffix == ".pdf" else DOCX
    return send_file(data, mimetype=mimetype, as_attachment=True, download_name=path.name)


@bp.get("/instruments/<slug>/export")
@bp.arguments(ExportArgs, location="query")
@bp.file(
    "The Word file, PDF, or Akoma Ntoso 3.0 XML", DOCX, "application/pdf", "application/akn+xml"
)
@bp.errors(400, 401, 404, 409)
@bp.doc(operationId="exportInstrument")
def instrument_export(args: dict, slug: str):
    """The consolidated text of an instrument as a Word file (or PDF)."""
    reader()
    mode, fmt = args["mode"], args["format"]
    if fmt == "akn":
        from workbench.akn.operations import AKN_MIMETYPE, slug_akn

        lang = args["lang"]
        data = io.BytesIO(slug_akn(get_db(), slug, lang))
        name = f"{slug}-{lang}.akn.xml"
        return send_file(data, mimetype=AKN_MIMETYPE, as_attachment=True, download_name=name)
    if fmt not in ("docx", "pdf"):
        raise InvalidInput("format must be docx, pdf or akn.", field="format")
    languages = _languages(args["languages"])
    agenda_item = args["agenda_item"] or None
    if fmt == "pdf":
        from workbench.web.pdfcache import cached_pdf_export

        if mode not in MODES:
            raise InvalidInput(
                f"mode must be one of {', '.join(MODES)} (got {mode!r}).", field="mode"
            )
        # LibreOffice is slow: one PDF per state of the data, and a limit per client.
        return cached_pdf_export(slug, mode, languages, agenda_item)
    return send_export(
        lambda folder: export_instrument(
            get_db(),
            slug,
            mode=mode,
            fmt=fmt,
            languages=languages,
            out=folder / f"{slug}-{mode}.{fmt}",
            agenda_item=agenda_item,
        )
    )


@bp.get("/instruments/<slug>/changes")
@bp.arguments(ChangesArgs, location="query")
@bp.file("The Word file", DOCX)
@bp.errors(400, 401, 404)
@bp.doc(operationId="exportSessionChanges")
def instrument_changes(args: dict, slug: str):
    """Changes to a negotiating text between two sessions, as tracked changes (?from=&to=)."""
    reader()
    earlier, later = args["from_"], args["to"]
    if not earlier or not later:
        raise InvalidInput("Give two session codes: ?from=AHC-3&to=AHC-4.")
    languages = _languages(args["languages"])
    return send_export(
        lambda folder: export_session_changes(
            get_db(),
            slug,
            earlier,
            later,
            languages=languages,
            out=folder / f"{slug}-changes.docx",
        )
    )


@bp.get("/synopsis/<path:what>")
@bp.arguments(SynopsisArgs, location="query")
@bp.file("The Word file", DOCX)
@bp.errors(400, 401, 404)
@bp.doc(operationId="exportSynopsis")
def synopsis_export(args: dict, what: str):
    """A synoptic table: a topic slug, "all", or SLUG:CHAPTER."""
    reader()
    lang = args["lang"]
    return send_export(
        lambda folder: export_synopsis(get_db(), what, lang=lang, out=folder / "synopsis.docx")
    )
