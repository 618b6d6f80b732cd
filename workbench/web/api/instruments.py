"""JSON API of instruments: list, read with chapters and provisions, create a negotiating text."""

from __future__ import annotations

from flask import Blueprint, request

from workbench.db import get_db
from workbench.errors import InvalidInput
from workbench.instruments.models import InstrumentKind
from workbench.instruments.negotiating import create_negotiating_text
from workbench.instruments.queries import get_instrument, list_instruments
from workbench.serialize import (
    instrument_detail,
    instrument_summary,
)
from workbench.sessions.operations import get_session
from workbench.users.models import Role
from workbench.web.api.util import field, json_body, lang_arg
from workbench.web.security import reader, require_roles

bp = Blueprint("instruments_api", __name__, url_prefix="/api")


@bp.get("/instruments")
def instruments_index():
    """List instruments, optionally of one kind."""
    reader()
    kind = request.args.get("kind")
    if kind is not None and kind not in {k.value for k in InstrumentKind}:
        raise InvalidInput("kind must be source or negotiating.", field="kind")
    items = list_instruments(get_db(), InstrumentKind(kind) if kind else None)
    return {"instruments": [instrument_summary(i) for i in items]}


@bp.get("/instruments/<slug>")
def instrument_show(slug: str):
    """An instrument with chapters, provisions and current text per language."""
    reader()
    with_text = request.args.get("text", "1") not in ("0", "false", "no")
    db = get_db()
    return instrument_detail(db, get_instrument(db, slug), with_text=with_text, lang=lang_arg())


@bp.get("/instruments/<slug>/consolidated")
def instrument_consolidated(slug: str):
    """The consolidated text: common wording once, disputed spans as attributed options."""
    reader()
    from workbench.consolidation.queries import consolidated_text

    lang = request.args.get("lang", "en")
    if lang not in ("en", "zh"):
        raise InvalidInput("lang must be en or zh.", field="lang")
    db = get_db()
    provisions = consolidated_text(db, get_instrument(db, slug), lang)
    return {"lang": lang, "provisions": [provision.to_json() for provision in provisions]}


@bp.post("/instruments")
def instrument_create():
    """Create a negotiating text from a source instrument or from picked provisions."""
    actor = require_roles(Role.SECRETARIAT)
    data = json_body()
    db = get_db()
    source_slug = field(data, "source", str)
    picks = field(data, "picks", list)
    session_code = field(data, "session", str)
    instrument = create_negotiating_text(
        db,
        slug=field(data, "slug", str, required=True),
        title_en=field(data, "title_en", str),
        title_zh=field(data, "title_zh", str),
        source=get_instrument(db, source_slug) if source_slug else None,
        picks=picks,
        session=get_session(db, session_code) if session_code else None,
        symbol=field(data, "symbol", str),
        actor=actor,
    )
    db.commit()
    return instrument_detail(db, instrument, with_text=False), 201
