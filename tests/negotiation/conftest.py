"""A negotiating text assembled from China's elements and Budapest articles."""

from __future__ import annotations

import pytest

from workbench.instruments.operations import (
    create_negotiating_text,
    find_provision,
    get_instrument,
)


@pytest.fixture
def text(db):
    """A rolling text: a criminalization chapter of Budapest Art. 2-3 and China's element on
    illegal access, and a cooperation chapter of Budapest Art. 35 and China's 24/7 element."""
    budapest = get_instrument(db, "budapest-ets185")
    china = get_instrument(db, "china-elements-2021")
    picks = [
        {"label": "Chapter I", "title_en": "Criminalization", "title_zh": "定罪",
         "provisions": [
             {"provision_id": find_provision(db, budapest, "Article 2").id, "label": "Article 1"},
             {"provision_id": find_provision(db, budapest, "Article 3").id, "label": "Article 2"},
             {"provision_id": find_provision(db, china, "三.（三）1").id, "label": "Article 3"},
         ]},
        {"label": "Chapter II", "title_en": "International cooperation",
         "provisions": [
             {"provision_id": find_provision(db, budapest, "Article 35").id, "label": "Article 4"},
             {"provision_id": find_provision(db, china, "三.（四）2").id, "label": "Article 5"},
         ]},
    ]
    instrument = create_negotiating_text(
        db, slug="rolling-text", title_en="Draft convention on countering the use of ICTs "
        "for criminal purposes", title_zh="打击为犯罪目的使用信通技术公约草案", picks=picks,
    )
    db.commit()
    return instrument
