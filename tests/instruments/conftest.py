"""The negotiating text of the proposal tests, shared: a text is built from its sources."""

from __future__ import annotations

from tests.proposals.conftest import text

__all__ = ["text"]
