"""PDF exports kept on disk per state of the data, shared by every worker process."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from flask import current_app, send_file

from workbench.db import get_db
from workbench.web.datastate import data_state


def pdf_cache_folder() -> Path:
    """The folder of cached PDFs, in the instance folder."""
    folder = Path(current_app.instance_path) / "pdf-cache"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def pdf_cache_path(
    slug: str, mode: str, languages: list[str], agenda_item: str | None = None
) -> Path:
    """Where the PDF of this instrument, mode and languages at the current data state lives."""
    key = repr((slug, mode, tuple(languages), agenda_item, data_state()))
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return pdf_cache_folder() / f"{digest}.pdf"


def send_pdf(path: Path, download_name: str):
    """Send a cached PDF (read whole: the cache may replace the file meanwhile)."""
    data = io.BytesIO(path.read_bytes())
    return send_file(
        data, mimetype="application/pdf", as_attachment=True, download_name=download_name
    )


def keep_pdf(produced: Path, target: Path) -> None:
    """Put a new PDF into the cache atomically, and drop the oldest beyond the limit."""
    from workbench.libreoffice import replace_file

    replace_file(produced, target)
    limit = max(1, int(current_app.config.get("PDF_CACHE_FILES", 64)))
    files = sorted(target.parent.glob("*.pdf"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[limit:]:
        old.unlink(missing_ok=True)


def cached_pdf_export(slug: str, mode: str, languages: list[str], agenda_item: str | None = None):
    """The PDF from the cache, else converted (counted by the throttle) and kept."""
    from workbench.export.operations import export_instrument
    from workbench.files import scratch_folder
    from workbench.instruments.queries import get_instrument
    from workbench.web.security import check_export_throttle

    db = get_db()
    get_instrument(db, slug)  # an unknown slug is a 404, not a counted conversion
    target = pdf_cache_path(slug, mode, languages, agenda_item)
    name = f"{slug}-{mode}.pdf"
    if target.exists():
        return send_pdf(target, name)
    check_export_throttle()
    with scratch_folder("pdf") as folder:
        produced = export_instrument(
            db,
            slug,
            mode=mode,
            fmt="pdf",
            languages=languages,
            out=folder / name,
            agenda_item=agenda_item,
        )
        keep_pdf(produced, target)
    return send_pdf(target, name)
