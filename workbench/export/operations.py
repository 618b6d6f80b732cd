"""Export operations: choose what to write, where, and write it."""

from __future__ import annotations

import re
from pathlib import Path

from flask import current_app, has_app_context
from sqlalchemy.orm import Session

from workbench.config import default_export_dir
from workbench.db import utcnow
from workbench.errors import InvalidInput
from workbench.export.consolidate import consolidated_document
from workbench.export.model import ExportDocument
from workbench.files import scratch_folder
from workbench.instruments.queries import get_instrument

MODES = ("brackets", "alternatives", "tracked")
FORMATS = ("docx", "pdf")


def export_dir() -> Path:
    """Where exports land by default."""
    if has_app_context():
        return Path(current_app.config["EXPORT_DIR"])
    return default_export_dir()


def export_target(out: str | Path | None, name: str) -> Path:
    """Where an export is written: ``out`` if given, else ``name`` in the export folder."""
    if out:
        return Path(out)
    folder = export_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(
            f"Cannot create the export folder {folder}: {exc.strerror or exc}."
        ) from None
    return folder / name


def _stamp() -> str:
    return utcnow().strftime("%Y%m%d-%H%M%S")


def export_instrument(
    db: Session,
    slug: str,
    *,
    mode: str = "brackets",
    fmt: str = "docx",
    languages: list[str] | None = None,
    out: str | Path | None = None,
    agenda_item: str | None = None,
) -> Path:
    """Write the consolidated text of an instrument; returns the path written."""
    from workbench.export.writer import writable_target, write_consolidated

    if mode not in MODES:
        raise InvalidInput(
            f"mode must be brackets, alternatives or tracked (got {mode!r}).", field="mode"
        )
    if fmt not in FORMATS:
        raise InvalidInput(f"format must be docx or pdf (got {fmt!r}).", field="format")
    languages = [lang.strip() for lang in (languages or ["en"]) if lang.strip()]
    instrument = get_instrument(db, slug)
    # Refuse an impossible output before the (long) build, not after it.
    target = writable_target(
        export_target(out, f"{slug}-{mode}-{'-'.join(languages)}-{_stamp()}.{fmt}")
    )
    document = consolidated_document(
        db, instrument, languages=languages, diffs=mode == "tracked", agenda_item=agenda_item
    )
    if fmt == "docx":
        return write_consolidated(document, target, mode)
    return _write_pdf(document, target, mode)


def _write_pdf(document: ExportDocument, target: Path, mode: str) -> Path:
    """The PDF of a consolidated text: its Word file and LibreOffice's work stay in a private
    temporary folder; only the PDF asked for is written, replacing any file of its name."""
    from workbench.export.writer import write_consolidated
    from workbench.libreoffice import pdf_with_updated_fields, replace_file

    with scratch_folder("pdf") as folder:
        docx = write_consolidated(document, folder / f"{target.stem}.docx", mode)
        # The contents get their page numbers as LibreOffice lays the pages out.
        pdf = pdf_with_updated_fields(docx, folder / "pdf")
        try:
            replace_file(pdf, target)
        except OSError as exc:
            raise InvalidInput(
                f"Cannot write the export to {target}: {exc.strerror or exc}."
            ) from None
    return target


def export_session_changes(
    db: Session,
    slug: str,
    earlier: str,
    later: str,
    *,
    languages: list[str] | None = None,
    out: str | Path | None = None,
) -> Path:
    """Write the changes to a negotiating text between two sessions as tracked changes."""
    # Imported here: the consolidated export (and the CLI that starts for it) needs neither.
    from workbench.export.changes import session_changes_document
    from workbench.export.writer import write_consolidated
    from workbench.sessions.operations import get_session

    instrument = get_instrument(db, slug)
    document = session_changes_document(
        db,
        instrument,
        get_session(db, earlier),
        get_session(db, later),
        languages=languages or ["en"],
    )
    target = export_target(out, f"{slug}-changes-{earlier}-{later}-{_stamp()}.docx")
    return write_consolidated(document, target, "tracked")


def export_synopsis(
    db: Session, what: str, *, lang: str = "en", out: str | Path | None = None
) -> Path:
    """Write a synoptic table: a topic slug, "all" topics, or SLUG:CHAPTER-LABEL."""
    from workbench.concordance.operations import get_topic, list_topics
    from workbench.export.tables import chapter_table, concordance_table
    from workbench.export.writer import write_synoptic

    if ":" in what:
        slug, chapter = what.split(":", 1)
        table = chapter_table(db, get_instrument(db, slug), chapter, lang=lang)
    elif what == "all":
        table = concordance_table(db, list_topics(db), lang=lang)
    else:
        table = concordance_table(db, [get_topic(db, what)], lang=lang)
    safe = re.sub(r"[^A-Za-z0-9-]+", "-", what).strip("-") or "synopsis"
    return write_synoptic(table, export_target(out, f"synopsis-{safe}-{_stamp()}.docx"))
