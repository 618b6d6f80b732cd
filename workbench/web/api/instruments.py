"""JSON API of instruments: list, read with chapters and provisions, create a negotiating text."""

from __future__ import annotations

from workbench.db import get_db
from workbench.instruments.models import InstrumentKind
from workbench.instruments.negotiating import create_negotiating_text
from workbench.instruments.queries import get_instrument, list_instruments
from workbench.serialize import (
    instrument_detail,
    instrument_summary,
)
from workbench.sessions.operations import named_session
from workbench.users.models import Role
from workbench.web.api.base import Blueprint
from workbench.web.api.schemas.instruments import (
    Consolidated,
    ConsolidatedArgs,
    InstrumentArgs,
    InstrumentDetail,
    InstrumentList,
    InstrumentsArgs,
    NewInstrumentBody,
)
from workbench.web.fragments import shared_json
from workbench.web.security import reader, require_roles

bp = Blueprint("instruments_api", __name__, url_prefix="/api", description=__doc__)


@bp.get("/instruments")
@bp.arguments(InstrumentsArgs, location="query")
@bp.response(200, InstrumentList)
@bp.errors(400, 401)
@bp.doc(operationId="listInstruments")
def instruments_index(args: dict):
    """List instruments, optionally of one kind."""
    reader()
    kind = args["kind"]
    items = list_instruments(get_db(), InstrumentKind(kind) if kind else None)
    return {"instruments": [instrument_summary(i) for i in items]}


@bp.get("/instruments/<slug>")
@bp.arguments(InstrumentArgs, location="query")
@bp.response(200, InstrumentDetail)
@bp.errors(400, 401, 404)
@bp.doc(operationId="getInstrument")
def instrument_show(args: dict, slug: str):
    """An instrument with chapters, provisions and current text per language."""
    reader()
    with_text = args["text"] not in ("0", "false", "no")
    db = get_db()
    return shared_json(
        lambda: instrument_detail(
            db, get_instrument(db, slug), with_text=with_text, lang=args["lang"]
        )
    )


@bp.get("/instruments/<slug>/consolidated")
@bp.arguments(ConsolidatedArgs, location="query")
@bp.response(200, Consolidated)
@bp.errors(400, 401, 404)
@bp.doc(operationId="getConsolidatedText")
def instrument_consolidated(args: dict, slug: str):
    """The consolidated text: common wording once, disputed spans as attributed options."""
    reader()
    from workbench.consolidation.queries import consolidated_text

    lang = args["lang"]
    db = get_db()
    provisions = consolidated_text(db, get_instrument(db, slug), lang)
    return {"lang": lang, "provisions": [provision.to_json() for provision in provisions]}


@bp.post("/instruments")
@bp.write
@bp.arguments(NewInstrumentBody)
@bp.response(201, InstrumentDetail)
@bp.errors(401, 403, 404, 409, 413)
@bp.doc(operationId="createNegotiatingText")
def instrument_create(data: dict):
    """Create a negotiating text from a source instrument or from picked provisions."""
    actor = require_roles(Role.SECRETARIAT)
    db = get_db()
    source_slug, session_code = data["source"], data["session"]
    instrument = create_negotiating_text(
        db,
        slug=data["slug"],
        title_en=data["title_en"],
        title_zh=data["title_zh"],
        source=get_instrument(db, source_slug) if source_slug else None,
        picks=data["picks"],
        session=named_session(db, session_code),
        symbol=data["symbol"],
        actor=actor,
    )
    db.commit()
    return instrument_detail(db, instrument, with_text=False), 201
