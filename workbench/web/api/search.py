"""JSON API of full-text search: the texts, and what delegations proposed."""

from __future__ import annotations

from workbench.db import get_db
from workbench.instruments.queries import get_instrument
from workbench.search.operations import check_query, highlight, search
from workbench.search.proposals import search_proposals
from workbench.web.api.base import Blueprint
from workbench.web.api.schemas.search import SearchArgs, SearchResults
from workbench.web.security import reader

bp = Blueprint("search_api", __name__, url_prefix="/api", description=__doc__)


@bp.get("/search")
@bp.arguments(SearchArgs, location="query")
@bp.response(200, SearchResults)
@bp.errors(400, 401, 404)
@bp.doc(operationId="search")
def search_index(args: dict):
    """Provisions and proposals matching every term of ?q=, in any language."""
    reader()
    db = get_db()
    query = args["q"] if args["q"] is not None else ""
    terms = check_query(query)
    slug = args["instrument"]
    instrument = get_instrument(db, slug) if slug else None
    limit = args["limit"]
    hits = search(db, query, instrument=instrument, limit=limit)
    proposals = search_proposals(db, query, instrument=instrument, limit=limit)
    return {
        "query": args["q"],
        "hits": [
            {
                "provision_id": hit.provision.id,
                "instrument": hit.provision.instrument.slug,
                "label": hit.provision.label,
                "title": {"en": hit.provision.title_en, "zh": hit.provision.title_zh},
                "lang": hit.lang,
                "snippet": hit.snippet,
                "highlight": highlight(hit.snippet, terms),
            }
            for hit in hits
        ],
        "proposals": [
            {
                "proposal_id": hit.proposal.id,
                "instrument": hit.proposal.instrument.slug,
                "provision_id": hit.proposal.provision_id,
                "label": hit.proposal.provision.label if hit.proposal.provision else None,
                "title": (
                    {"en": hit.proposal.provision.title_en, "zh": hit.proposal.provision.title_zh}
                    if hit.proposal.provision
                    else None
                ),
                "status": str(hit.proposal.status),
                "field": hit.field,
                "lang": None if hit.field == "rationale" else hit.lang,
                "snippet": hit.snippet,
                "highlight": highlight(hit.snippet, terms),
            }
            for hit in proposals
        ],
    }
