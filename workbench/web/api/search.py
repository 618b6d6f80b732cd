"""JSON API of full-text search."""

from __future__ import annotations

from flask import Blueprint, request

from workbench.db import get_db
from workbench.instruments.queries import get_instrument
from workbench.search.operations import search
from workbench.web.api.util import int_arg
from workbench.web.security import reader

bp = Blueprint("search_api", __name__, url_prefix="/api")


@bp.get("/search")
def search_index():
    """Provisions matching every term of ?q=, in any language."""
    reader()
    db = get_db()
    slug = request.args.get("instrument")
    hits = search(
        db,
        request.args.get("q", ""),
        instrument=get_instrument(db, slug) if slug else None,
        limit=int_arg("limit", 50, minimum=1, maximum=200),
    )
    return {
        "query": request.args.get("q"),
        "hits": [
            {
                "provision_id": hit.provision.id,
                "instrument": hit.provision.instrument.slug,
                "label": hit.provision.label,
                "title": {"en": hit.provision.title_en, "zh": hit.provision.title_zh},
                "lang": hit.lang,
                "snippet": hit.snippet,
            }
            for hit in hits
        ],
    }
