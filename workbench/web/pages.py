"""General pages of the workbench: home, language switch, search, export."""

from __future__ import annotations

from flask import redirect, render_template, request, session
from flask_babel import gettext as _
from markupsafe import Markup

from workbench.concordance.operations import list_topics
from workbench.db import get_db
from workbench.errors import InvalidInput, NotFound, WorkbenchError
from workbench.export.operations import MODES, export_instrument
from workbench.instruments.models import InstrumentKind
from workbench.instruments.queries import list_instruments
from workbench.proposals.listing import recent_proposals, session_proposals
from workbench.search.operations import MAX_QUERY, check_query, highlight, search
from workbench.search.proposals import search_proposals
from workbench.sessions.operations import current_session, latest_session
from workbench.web.api.exports import send_export
from workbench.web.views.common import UI_LANGUAGES, page_blueprint, page_reader, safe_next

bp = page_blueprint("pages", __name__)

EXPORT_LANGUAGES = {"en": ["en"], "zh": ["zh"], "en,zh": ["en", "zh"]}


@bp.get("/healthz")
def healthz():
    """A trivial route: the baseline of the web benchmarks and a liveness probe."""
    return {"status": "ok"}


@bp.get("/")
def home():
    """The instruments, the negotiating texts, the latest session's activity, search."""
    page_reader()
    db = get_db()
    instruments = list_instruments(db)
    latest = current_session(db) or latest_session(db)
    activity = session_proposals(db, latest, limit=20) if latest else []
    return render_template(
        "home.html",
        sources=[i for i in instruments if i.kind == InstrumentKind.SOURCE],
        negotiating=[i for i in instruments if i.kind == InstrumentKind.NEGOTIATING],
        latest=latest,
        activity=activity,
        recent=recent_proposals(db, limit=10),
        topics=list_topics(db),
    )


@bp.get("/language")
def language():
    """Switch the interface between 中文 and English (?lang=zh|en, kept in the session)."""
    code = request.args.get("lang")
    if code in UI_LANGUAGES:
        session["lang"] = code
    # Back where the reader was, whatever was asked: a link cannot strand anyone.
    return redirect(safe_next(request.args.get("next")), code=303)


@bp.get("/search")
def search_page():
    """Search every text, English or Chinese."""
    page_reader()
    query = (request.args.get("q") or "").strip()
    hits: list = []
    proposals: list = []
    terms: list[str] = []
    error = None
    if query:
        try:
            terms = check_query(query)
            hits = search(get_db(), query, limit=100)
            proposals = search_proposals(get_db(), query, limit=100)
        except InvalidInput as exc:
            error = exc.message
    status = 400 if error else 200
    return render_template(
        "search.html",
        query=query,
        hits=hits,
        proposals=proposals,
        highlight=lambda text: Markup(highlight(text, terms)),
        error=error,
        max_query=MAX_QUERY,
    ), status


def _export_form(values: dict, errors: dict, status: int = 200):
    db = get_db()
    return render_template(
        "export.html",
        instruments=list_instruments(db),
        values=values,
        errors=errors,
        modes=MODES,
        languages=list(EXPORT_LANGUAGES),
    ), status


@bp.get("/export")
def export_form():
    """Choose an instrument, a mode and languages."""
    page_reader()
    values = {
        "instrument": request.args.get("instrument", ""),
        "mode": "brackets",
        "languages": "en",
    }
    return _export_form(values, {})


@bp.get("/export/download")
def export_download():
    """The consolidated text as a Word file; a bad choice comes back to the form."""
    page_reader()
    values = {key: request.args.get(key, "") for key in ("instrument", "mode", "languages")}
    errors: dict[str, str] = {}
    if not values["instrument"]:
        errors["instrument"] = _("Choose an instrument.")
    if values["mode"] not in MODES:
        errors["mode"] = _("Choose brackets, alternatives or tracked changes.")
    if values["languages"] not in EXPORT_LANGUAGES:
        errors["languages"] = _("Choose English, Chinese or both.")
    if errors:
        return _export_form(values, errors, 400)
    slug, mode = values["instrument"], values["mode"]
    try:
        return send_export(
            lambda folder: export_instrument(
                get_db(),
                slug,
                mode=mode,
                languages=EXPORT_LANGUAGES[values["languages"]],
                out=folder / f"{slug}-{mode}.docx",
            )
        )
    except NotFound as exc:
        return _export_form(values, {"instrument": exc.message}, 400)
    except WorkbenchError as exc:
        return _export_form(values, {exc.field or "": exc.message}, exc.status_code)
