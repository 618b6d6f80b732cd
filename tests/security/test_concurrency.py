"""Two secretariat users agree different proposals on one provision at the same moment.

On PostgreSQL both requests pass their staleness check and then race on the provision's
compare-and-set in two real connections; on SQLite, where BEGIN IMMEDIATE serializes writers,
both requests start together and the second finds its proposal stale. Either way one wins,
the other gets 409 with its proposal untouched and told to rebase.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from tests.security.helpers import all_rows, changed_tables
from workbench.instruments.models import Provision, Version
from workbench.proposals import decide, status, table


def _agree_at_once(world, app, monkeypatch, backend, proposal_ids):
    barrier = threading.Barrier(len(proposal_ids), timeout=20)
    if backend == "postgresql":
        # Hold each request between its staleness check and its write, inside its own
        # transaction, until the other has got there too.
        waiting = set()  # the racing threads that have not reached the barrier yet
        original = decide.is_stale

        def is_stale_then_wait(proposal):
            result = original(proposal)
            if threading.get_ident() in waiting:
                waiting.discard(threading.get_ident())
                barrier.wait()
            return result

        monkeypatch.setattr(decide, "is_stale", is_stale_then_wait)
    results: dict[int, tuple[int, dict]] = {}

    def agree(proposal_id, user):
        client = app.test_client()
        if backend == "sqlite":
            barrier.wait()
        else:
            waiting.add(threading.get_ident())
        response = client.post(
            f"/api/proposals/{proposal_id}/status",
            json={"status": "agreed"},
            headers=world.headers(user),
        )
        results[proposal_id] = (response.status_code, response.get_json())

    threads = [
        threading.Thread(target=agree, args=(pid, user))
        for pid, user in zip(proposal_ids, ("secretariat", "secretariat2"), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(t.is_alive() for t in threads)
    return results


def test_two_agreements_on_one_provision(world, app, backend, monkeypatch):
    provision_id = world.provision_ids["Article 1"]
    first = world.proposal("CHN", words="Each State Party shall establish offences (China).")
    second = world.proposal("USA", words="Each Party shall establish offences (United States).")
    database = app.extensions["workbench.db"]
    with database.sessionmaker() as db:
        start = db.get(Provision, provision_id).current_number

    results = _agree_at_once(world, app, monkeypatch, backend, [first, second])

    statuses = sorted(status for status, _ in results.values())
    assert statuses == [200, 409], results
    (winner,) = [pid for pid, (status, _) in results.items() if status == 200]
    (loser,) = [pid for pid, (status, _) in results.items() if status == 409]
    body = results[loser][1]
    assert body["error"] == "Conflict"
    assert "rebase" in body["message"].lower()

    client = app.test_client()
    after = client.get(f"/api/proposals/{loser}").get_json()
    assert after["status"] == "tabled"
    assert len(after["status_history"]) == 1
    proposed = client.get(f"/api/proposals/{loser}/rebase").get_json()
    assert proposed["stale"] is True
    wording = {"CHN": "(China)", "USA": "(United States)"}
    assert any(
        wording[code] in row["proposed"]
        for row in proposed["languages"]
        for code in wording
        if row["proposed"]
    )
    with database.sessionmaker() as db:
        provision = db.get(Provision, provision_id)
        assert provision.current_number == start + 1
        versions = db.scalar(select(func.count()).where(Version.provision_id == provision_id))
        assert versions == start + 1
    assert client.get(f"/api/proposals/{winner}").get_json()["status"] == "agreed"

    # Its work intact, the loser rebases on the new text and is agreed in turn.
    rebased = client.post(
        f"/api/proposals/{loser}/rebase",
        json={"text": {"en": "Each Party shall establish offences (rebased after the other one)."}},
        headers=world.headers("secretariat2"),
    )
    assert rebased.status_code == 200, rebased.get_json()
    agreed = client.post(
        f"/api/proposals/{loser}/status",
        json={"status": "agreed"},
        headers=world.headers("secretariat2"),
    )
    assert agreed.status_code == 200, agreed.get_json()
    with database.sessionmaker() as db:
        assert db.get(Provision, provision_id).current_number == start + 2


@pytest.mark.parametrize(
    ("module", "breaking"), [(decide, "move_status"), (status, "record_audit")]
)
def test_a_failure_half_way_leaves_nothing(world, app, backend, monkeypatch, module, breaking):
    """Agreeing flushes a new version and moves the provision, then fails: all is undone."""
    proposal_id = world.proposal("CHN", label="Article 2")
    before = all_rows(app)
    calls = []

    def fail_after_flush(*args, **kwargs):
        calls.append(breaking)
        raise RuntimeError("the server fell over half-way")

    monkeypatch.setattr(module, breaking, fail_after_flush)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().post(
        f"/api/proposals/{proposal_id}/status",
        json={"status": "agreed"},
        headers=world.headers("secretariat"),
    )
    assert calls, "the failure was never reached"
    assert response.status_code == 500
    assert changed_tables(before, all_rows(app)) == []


def test_a_failure_while_tabling_leaves_nothing(world, app, backend, monkeypatch):
    """Tabling flushes the proposal, its revision, sponsors and history, then fails."""
    before = all_rows(app)

    def fail(*args, **kwargs):
        raise RuntimeError("the server fell over half-way")

    monkeypatch.setattr(table, "record_audit", fail)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().post(
        "/api/proposals",
        json={
            "instrument": world.text_slug,
            "provision_id": world.provision_ids["Article 3"],
            "kind": "amend",
            "session": "AHC-1",
            "sponsor": "CHN",
            "text": {"en": "Each State Party shall criminalize access without right."},
        },
        headers=world.headers("delegate"),
    )
    assert response.status_code == 500
    assert changed_tables(before, all_rows(app)) == []
