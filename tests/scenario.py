"""A small negotiation shared by tests: a rolling text from Budapest and China, proposals on it."""

from __future__ import annotations

from workbench.instruments.models import Instrument
from workbench.instruments.negotiating import create_negotiating_text
from workbench.instruments.queries import find_provision, get_instrument
from workbench.parties.operations import get_party
from workbench.proposals.table import table_proposal
from workbench.sessions.operations import get_session


def build_rolling_text(db, slug: str = "rolling-text") -> Instrument:
    """Criminalization (Budapest Art. 2-3, China's illegal-access element) and cooperation
    (Budapest Art. 35, China's 24/7 element) chapters, flushed, not committed."""
    budapest = get_instrument(db, "budapest-ets185")
    china = get_instrument(db, "china-elements-2021")
    picks = [
        {
            "label": "Chapter I",
            "title_en": "Criminalization",
            "title_zh": "定罪",
            "provisions": [
                {
                    "provision_id": find_provision(db, budapest, "Article 2").id,
                    "label": "Article 1",
                },
                {
                    "provision_id": find_provision(db, budapest, "Article 3").id,
                    "label": "Article 2",
                },
                {"provision_id": find_provision(db, china, "三.（三）1").id, "label": "Article 3"},
            ],
        },
        {
            "label": "Chapter II",
            "title_en": "International cooperation",
            "provisions": [
                {
                    "provision_id": find_provision(db, budapest, "Article 35").id,
                    "label": "Article 4",
                },
                {"provision_id": find_provision(db, china, "三.（四）2").id, "label": "Article 5"},
            ],
        },
    ]
    return create_negotiating_text(
        db,
        slug=slug,
        title_en="Draft convention on countering the use of ICTs for criminal purposes",
        title_zh="打击为犯罪目的使用信通技术公约草案",
        picks=picks,
    )


def table(db, text, label, sponsor, words, *, session="AHC-1", cosponsors=(), lang="en", **kw):
    """Table a proposal on the provision labelled ``label`` of ``text``."""
    provision = find_provision(db, text, label)
    return table_proposal(
        db,
        instrument=text,
        kind=kw.pop("kind", "amend"),
        provision=provision,
        texts={lang: words} if words is not None else None,
        session=get_session(db, session),
        sponsor=get_party(db, sponsor),
        cosponsors=[get_party(db, c) for c in cosponsors],
        **kw,
    )
