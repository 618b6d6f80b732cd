"""The provision and instrument views cost the same number of SQL queries at any data size."""

from __future__ import annotations

import pytest
from flask import g
from sqlalchemy import event, select

from tests.scenario import build_rolling_text, table
from workbench.instruments.queries import find_provision
from workbench.parties.models import Party, PartyKind
from workbench.proposals.decide import change_status
from workbench.proposals.stances import record_stance
from workbench.sessions.operations import get_session

PROVISION_QUERY_LIMIT = 15
SESSIONS = ("AHC-1", "AHC-2", "AHC-3", "AHC-4", "AHC-5", "AHC-6", "AHC-7")
# Statements that open or close a transaction are not queries.
NOT_QUERIES = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


class QueryCounter:
    """Counts the SQL statements an engine executes while it is on."""

    def __init__(self, engine) -> None:
        self.statements: list[str] = []
        self.on = False
        event.listen(engine, "before_cursor_execute", self._record)

    def _record(self, _conn, _cursor, statement, *_args) -> None:
        if self.on and not statement.lstrip().upper().startswith(NOT_QUERIES):
            self.statements.append(statement)

    def get(self, client, url: str, headers: dict | None = None):
        """GET the URL; returns the response and the statements it took."""
        # The tests share one app context with the client, and with it the request session
        # kept in ``g``: drop it, so that every request starts cold, as in production.
        stale_session = g.pop("db_session", None)
        if stale_session is not None:
            stale_session.close()
        g.pop("_login_user", None)  # Flask-Login's reader of the last request, likewise
        self.statements.clear()
        self.on = True
        try:
            response = client.get(url, headers=headers)
        finally:
            self.on = False
        assert response.status_code == 200, (url, response.status_code)
        return response, list(self.statements)


def _grow(db, text, label: str, start: int, stop: int, states: list[Party]) -> None:
    """Proposals number ``start`` to ``stop`` on one provision: sponsors, co-sponsors and
    stances from many states, at many sessions; every 25th agreed (a new version, so the
    older proposals become stale and name different base versions), every 9th rejected,
    every 4th under discussion."""
    for number in range(start, stop):
        sponsor, *others = (states[(number * 7 + k) % len(states)] for k in range(4))
        session = SESSIONS[number % len(SESSIONS)]
        proposal = table(
            db,
            text,
            label,
            sponsor.code,
            f"Each Party shall adopt measures, variant {number}, as necessary.",
            session=session,
            cosponsors=[p.code for p in others[:2]],
        )
        record_stance(
            db,
            proposal,
            others[2],
            "support" if number % 2 else "oppose",
            session=get_session(db, session),
        )
        if number % 25 == 10:
            change_status(db, proposal, "agreed")
        elif number % 9 == 8:
            change_status(db, proposal, "rejected")
        elif number % 4 == 3:
            change_status(db, proposal, "under_discussion")
    db.commit()


@pytest.fixture
def negotiation(app, db):
    text = build_rolling_text(db)
    db.commit()
    states = list(
        db.scalars(
            select(Party).where(Party.kind == PartyKind.STATE).order_by(Party.code).limit(60)
        )
    )
    counter = QueryCounter(app.extensions["workbench.db"].engine)
    return text, states, counter


def _views(app, text, provision) -> dict[str, str]:
    """The provision and instrument views: the HTML pages where they exist, and the API."""
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    views = {
        "provision api": f"/api/provisions/{provision.id}",
        "provision proposals api": f"/api/proposals?provision={provision.id}&limit=500",
        "instrument api": f"/api/instruments/{text.slug}",
    }
    if "/provisions/<int:provision_id>" in rules:
        views["provision page"] = f"/provisions/{provision.id}"
    if "/instruments/<slug>" in rules:
        views["instrument page"] = f"/instruments/{text.slug}"
    return views


def test_query_counts_do_not_grow_with_proposals(app, db, client, negotiation):
    text, states, counter = negotiation
    provision = find_provision(db, text, "Article 1")
    views = _views(app, text, provision)

    _grow(db, text, "Article 1", 0, 20, states)
    small = {name: counter.get(client, url) for name, url in views.items()}
    _grow(db, text, "Article 1", 20, 200, states)
    _grow(db, text, "Article 4", 0, 30, states)
    large = {name: counter.get(client, url) for name, url in views.items()}

    # The larger negotiation is really shown: all 200 proposals on the provision, stale ones
    # among them, drafted on several different versions (the full proposals, paged).
    shown = large["provision proposals api"][0].get_json()["proposals"]
    assert len(shown) == 200
    assert len({p["revision"]["base_version"]["id"] for p in shown}) >= 8
    assert any(p["stale"] for p in shown) and not all(p["stale"] for p in shown)
    assert len(small["provision proposals api"][0].get_json()["proposals"]) == 20
    summary = large["provision api"][0].get_json()
    assert sum(summary["proposal_counts"].values()) == 200

    counts = {name: (len(small[name][1]), len(large[name][1])) for name in views}
    for name, (before, after) in counts.items():
        assert after == before, f"{name}: {before} queries with 20 proposals, {after} with 230"
    for name in ("provision api", "provision proposals api", "provision page"):
        if name in counts:
            assert counts[name][1] <= PROVISION_QUERY_LIMIT, (
                f"{name}: {counts[name][1]} queries\n" + "\n".join(large[name][1])
            )


def test_counter_sees_a_lazy_load_per_row(app, db, negotiation):
    """The counter itself is trusted only because it catches an N+1 pattern when there is one."""
    text, states, counter = negotiation
    _grow(db, text, "Article 1", 0, 12, states)
    db.expire_all()
    from workbench.proposals.models import Proposal

    counter.statements.clear()
    counter.on = True
    proposals = list(db.scalars(select(Proposal).where(Proposal.instrument_id == text.id)))
    for proposal in proposals:
        _ = [s.party.code for s in proposal.sponsorships]
    counter.on = False
    assert len(counter.statements) >= len(proposals) + 1


@pytest.mark.parametrize("role", ["anonymous", "delegate"])
def test_provision_page_queries_for_3_and_60_proposals(app, db, negotiation, role):
    """The page a reader gets, logged in or not: the same queries for 3 proposals as for 60
    when it is rendered, and only the reader and the data version when it is not."""
    from tests.web.conftest import login
    from tests.web.page_matrix import PASSWORD
    from workbench.parties.operations import get_party
    from workbench.users.operations import create_user

    text, states, counter = negotiation
    create_user(db, name="delegate", role="delegate", password=PASSWORD, party=get_party(db, "CHN"))
    db.commit()
    client = app.test_client()
    if role != "anonymous":
        login(client, "delegate")
    provision = find_provision(db, text, "Article 1")
    url = f"/provisions/{provision.id}"
    fragments = app.extensions["workbench.fragments"]

    _grow(db, text, "Article 1", 6, 9, states)  # pending, under discussion, rejected
    misses = fragments.misses
    few = counter.get(client, url)
    _grow(db, text, "Article 1", 9, 66, states)
    many = counter.get(client, url)
    assert fragments.misses == misses + 2  # both rendered, each for its version of the data
    assert len(few[1]) == len(many[1]) <= PROVISION_QUERY_LIMIT, "\n".join(many[1])
    page = many[0].get_data(as_text=True)
    assert page.count('<article class="proposal"') == 20  # the first page of pending ones
    if role == "delegate":
        assert "Propose an amendment" in page

    again = counter.get(client, url)
    assert again[0].get_data(as_text=True).count('<article class="proposal"') == 20
    # The data version, and for a logged-in reader the reader (with their party).
    assert len(again[1]) == (1 if role == "anonymous" else 2), "\n".join(again[1])


def test_a_token_readers_shared_answer_costs_two_queries(app, db, negotiation):
    """A script with a bearer token reading an answer already rendered for everyone: its
    token (with the user, in the same query) and the data version, whatever the data size."""
    from tests.web.page_matrix import PASSWORD
    from workbench.users.operations import create_user
    from workbench.users.tokens import issue_token

    text, states, counter = negotiation
    user = create_user(db, name="script", role="observer", password=PASSWORD)
    token = issue_token(db, user)
    db.commit()
    _grow(db, text, "Article 1", 0, 30, states)
    client = app.test_client()
    url = f"/api/provisions/{find_provision(db, text, 'Article 1').id}"
    bearer = {"Authorization": f"Bearer {token}"}
    counter.get(client, url, bearer)  # rendered, and the token's use written down
    again = counter.get(client, url, bearer)
    assert len(again[1]) == 2, "\n".join(again[1])
    assert "api_tokens" in again[1][0] and "users" in again[1][0]
