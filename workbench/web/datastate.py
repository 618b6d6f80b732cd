"""The state of the data, named by a few numbers: what cached pages and PDFs are keyed by."""

from __future__ import annotations

from flask import request

from workbench.concordance.models import Correspondence
from workbench.db import DataVersion, get_db
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

STATE_SQL = "SELECT " + ", ".join(
    [f"(SELECT max(number) FROM {DataVersion.__tablename__})"]
    + [f"(SELECT max(id) FROM {model.__tablename__})" for model in WATCHED]
)


def data_state() -> tuple:
    """The data version and the highest id of each watched table, in one query, once a request.

    The version counter is bumped in the same transaction as every write of the workbench
    (``workbench.db``), so it is right in every process even when writers commit out of id
    order; the highest ids also catch rows written outside the ORM session.
    """
    # Kept in the request's environ: ``g`` can outlive a request (tests share an app context).
    state = request.environ.get("workbench.data_state")
    if state is None:
        # Plain SQL: asked on every request, it costs a tenth of the same select() built
        # and compiled by SQLAlchemy each time.
        row = get_db().connection().exec_driver_sql(STATE_SQL).one()
        state = request.environ["workbench.data_state"] = tuple(row)
    return state
