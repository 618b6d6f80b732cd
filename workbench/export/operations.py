"""Export operations: choose what to write, where, and write it."""

from __future__ import annotations

import re
from pathlib import Path

from flask import current_app, has_app_context
from sqlalchemy.orm import Session

from workbench.concordance.operations import get_topic, list_topics
from workbench.config import PROJECT_ROOT
from workbench.db import utcnow
from workbench.errors import InvalidInput
from workbench.export.consolidate import (
    chapter_table,
    concordance_table,
    consolidated_document,
    session_changes_document,
)
from workbench.instruments.operations import get_instrument
from workbench.sessions.operations import get_session

MODES = ("brackets", "tracked")
FORMATS = ("docx", "pdf")


def export_dir() -> Path:
    """Where exports land by default."""
    if has_app_context():
        return Path(current_app.config["EXPORT_DIR"])
    return PROJECT_ROOT / "exports"


def _target(out: str | Path | None, name: str) -> Path:
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


def _finish(docx_path: Path, fmt: str, out: str | Path | None) -> Path:
    if fmt == "docx":
        return docx_path
    from workbench.libreoffice import convert_with_libreoffice

    pdf = convert_with_libreoffice(docx_path, "pdf", docx_path.parent)
    if out:
        pdf = pdf.replace(Path(out))
    docx_path.unlink(missing_ok=True)
    return pdf


def export_instrument(
    db: Session,
    slug: str,
    *,
    mode: str = "brackets",
    fmt: str = "docx",
    languages: list[str] | None = None,
    out: str | Path | None = None,
) -> Path:
    """Write the consolidated text of an instrument; returns the path written."""
    from workbench.export.writer import write_consolidated

    if mode not in MODES:
        raise InvalidInput(f"mode must be brackets or tracked (got {mode!r}).", field="mode")
    if fmt not in FORMATS:
        raise InvalidInput(f"format must be docx or pdf (got {fmt!r}).", field="format")
    languages = [lang.strip() for lang in (languages or ["en"]) if lang.strip()]
    instrument = get_instrument(db, slug)
    document = consolidated_document(db, instrument, languages=languages, diffs=mode == "tracked")
    name = f"{slug}-{mode}-{'-'.join(languages)}-{_stamp()}.docx"
    target = _target(out if fmt == "docx" else None, name)
    if fmt == "pdf" and out:
        target = Path(out).with_suffix(".docx")
    written = write_consolidated(document, target, mode)
    return _finish(written, fmt, out)


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
    from workbench.export.writer import write_consolidated

    instrument = get_instrument(db, slug)
    document = session_changes_document(
        db,
        instrument,
        get_session(db, earlier),
        get_session(db, later),
        languages=languages or ["en"],
    )
    target = _target(out, f"{slug}-changes-{earlier}-{later}-{_stamp()}.docx")
    return write_consolidated(document, target, "tracked")


def export_synopsis(
    db: Session, what: str, *, lang: str = "en", out: str | Path | None = None
) -> Path:
    """Write a synoptic table: a topic slug, "all" topics, or SLUG:CHAPTER-LABEL."""
    from workbench.export.writer import write_synoptic

    if ":" in what:
        slug, chapter = what.split(":", 1)
        table = chapter_table(db, get_instrument(db, slug), chapter, lang=lang)
    elif what == "all":
        table = concordance_table(db, list_topics(db), lang=lang)
    else:
        table = concordance_table(db, [get_topic(db, what)], lang=lang)
    safe = re.sub(r"[^A-Za-z0-9-]+", "-", what).strip("-") or "synopsis"
    return write_synoptic(table, _target(out, f"synopsis-{safe}-{_stamp()}.docx"))
