"""The state of the data, named by a few numbers: what cached pages and PDFs are keyed by."""

from __future__ import annotations

from sqlalchemy import func, select

from workbench.concordance.models import Correspondence
from workbench.db import get_db
from workbench.instruments.models import Provision, Version
from workbench.proposals.models import Proposal, Sponsorship, Stance, StatusChange
from workbench.users.models import AuditEntry

# Every write of the workbench adds a row to one of these (the audit log above all; the
# append-only tables catch writes made outside the app, such as load-corpus or restore), so
# their highest ids together name the state of the data a page was rendered from.
WATCHED = (
    AuditEntry,
    Version,
    Provision,
    Proposal,
    StatusChange,
    Sponsorship,
    Stance,
    Correspondence,
)


def data_state() -> tuple:
    """The highest id of each watched table, in one query."""
    columns = [select(func.max(model.id)).scalar_subquery() for model in WATCHED]
    return tuple(get_db().execute(select(*columns)).one())
