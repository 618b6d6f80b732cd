"""A negotiating text assembled from China's elements and Budapest articles."""

from __future__ import annotations

import pytest

from tests.scenario import build_rolling_text


@pytest.fixture
def text(db):
    """A rolling text: a criminalization chapter of Budapest Art. 2-3 and China's element on
    illegal access, and a cooperation chapter of Budapest Art. 35 and China's 24/7 element."""
    instrument = build_rolling_text(db)
    db.commit()
    return instrument
