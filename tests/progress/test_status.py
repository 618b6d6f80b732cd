"""Negotiation status of provisions: set by the secretariat, with history, counted in progress."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy import text as sql

from workbench.instruments.queries import find_provision, get_instrument
from workbench.progress.models import ProvisionStatus, ProvisionStatusChange
from workbench.progress.queries import provision_status, statuses_of
from workbench.users.models import AuditEntry

ZERO = {s.value: 0 for s in ProvisionStatus}


def _ids(client, slug):
    data = client.get(f"/api/instruments/{slug}").get_json()
    return {p["label"]: p["id"] for p in data["provisions"]}


def _rows(app):
    with app.app_context(), app.extensions["workbench.db"].session() as db:
        return (
            db.scalar(select(func.count()).select_from(ProvisionStatusChange)),
            db.scalar(select(func.count()).select_from(AuditEntry)),
        )


def test_secretariat_sets_statuses_and_progress_counts_them(client, api, text):
    ids = _ids(client, text)
    moves = [
        ("Article 1", "under_negotiation", "AHC-1"),
        ("Article 1", "informally_agreed", "AHC-2"),
        ("Article 1", "agreed_ad_ref", "AHC-2"),
        ("Article 2", "agreed_ad_ref", "AHC-1"),
        ("Article 4", "under_negotiation", "AHC-2"),
    ]
    for label, status, session in moves:
        response = api(
            "chair",
            "POST",
            f"/api/provisions/{ids[label]}/status",
            {"status": status, "session": session, "note": f"{label} at {session}"},
        )
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["status"] == status
    history = client.get(f"/api/provisions/{ids['Article 1']}/status").get_json()
    assert [(h["from"], h["to"], h["session"]) for h in history["history"]] == [
        ("open", "under_negotiation", "AHC-1"),
        ("under_negotiation", "informally_agreed", "AHC-2"),
        ("informally_agreed", "agreed_ad_ref", "AHC-2"),
    ]
    assert history["history"][0]["note"] == "Article 1 at AHC-1"

    progress = client.get(f"/api/instruments/{text}/progress").get_json()
    assert progress["totals"] == {**ZERO, "open": 2, "under_negotiation": 1, "agreed_ad_ref": 2}
    chapters = {c["label"]: c["totals"] for c in progress["chapters"]}
    assert chapters["Chapter I"] == {**ZERO, "open": 1, "agreed_ad_ref": 2}
    assert chapters["Chapter II"] == {**ZERO, "open": 1, "under_negotiation": 1}
    rows = {p["label"]: p for p in progress["provisions"]}
    assert [p["label"] for p in progress["provisions"]] == [f"Article {n}" for n in range(1, 6)]
    assert rows["Article 1"]["status"] == "agreed_ad_ref"
    assert rows["Article 1"]["session"] == "AHC-2"
    assert rows["Article 1"]["chapter"] == "Chapter I"
    assert rows["Article 3"]["status"] == "open" and rows["Article 3"]["session"] is None
    # As the text stood after each session: AHC-1's moves alone, then AHC-2's on top.
    sessions = {s["session"]: s for s in progress["sessions"]}
    assert list(sessions) == ["AHC-1", "AHC-2"]
    assert sessions["AHC-1"]["changes"] == 2
    assert sessions["AHC-1"]["totals"] == {
        **ZERO,
        "open": 3,
        "under_negotiation": 1,
        "agreed_ad_ref": 1,
    }
    assert sessions["AHC-2"]["totals"] == progress["totals"]


def test_reopening_and_impossible_moves(client, api, text):
    ids = _ids(client, text)
    url = f"/api/provisions/{ids['Article 3']}/status"
    assert api("chair", "POST", url, {"status": "agreed_ad_ref"}).status_code == 200
    # Agreement is undone only by reopening it.
    refused = api("chair", "POST", url, {"status": "under_negotiation"})
    assert refused.status_code == 409 and refused.get_json()["field"] == "status"
    assert "reopened" in refused.get_json()["message"]
    again = api("chair", "POST", url, {"status": "agreed_ad_ref"})
    assert again.status_code == 409 and "already" in again.get_json()["message"]
    assert api("chair", "POST", url, {"status": "reopened"}).get_json()["status"] == "reopened"
    assert api("chair", "POST", url, {"status": "under_negotiation"}).status_code == 200
    bad = api("chair", "POST", url, {"status": "done"})
    assert bad.status_code == 400 and bad.get_json()["field"] == "status"
    assert api("chair", "POST", url, {}).status_code == 400
    assert api("chair", "POST", url, {"status": "open", "session": "AHC-99"}).status_code == 404
    assert (
        api("chair", "POST", "/api/provisions/999999/status", {"status": "open"}).status_code == 404
    )
    history = client.get(url).get_json()["history"]
    assert [h["to"] for h in history] == ["agreed_ad_ref", "reopened", "under_negotiation"]


@pytest.mark.parametrize(
    "who, expected", [("cn", 403), ("observer", 403), ("admin", 403), (None, 401)]
)
def test_only_the_secretariat_sets_a_status(app, client, api, text, who, expected):
    ids = _ids(client, text)
    api(
        "chair",
        "POST",
        f"/api/provisions/{ids['Article 2']}/status",
        {"status": "under_negotiation"},
    )
    before = _rows(app)
    response = api(
        who, "POST", f"/api/provisions/{ids['Article 2']}/status", {"status": "agreed_ad_ref"}
    )
    assert response.status_code == expected
    assert response.get_json()["error"] in ("Forbidden", "Unauthorized")
    assert _rows(app) == before
    assert client.get(f"/api/provisions/{ids['Article 2']}/status").get_json()["status"] == (
        "under_negotiation"
    )


def test_session_defaults_to_the_session_in_progress(client, api, runner, text):
    assert runner.invoke(["session", "current", "AHC-3"]).exit_code == 0
    ids = _ids(client, text)
    response = api(
        "chair",
        "POST",
        f"/api/provisions/{ids['Article 5']}/status",
        {"status": "informally_agreed"},
    )
    assert response.get_json()["history"][-1]["session"] == "AHC-3"


def test_a_source_text_has_no_negotiation_status(client, api):
    budapest = _ids(client, "budapest-ets185")
    response = api(
        "chair",
        "POST",
        f"/api/provisions/{budapest['Article 2']}/status",
        {"status": "agreed_ad_ref"},
    )
    assert response.status_code == 400 and response.get_json()["field"] == "provision"


def test_history_is_append_only_in_the_database(app, api, client, text):
    ids = _ids(client, text)
    api("chair", "POST", f"/api/provisions/{ids['Article 1']}/status", {"status": "agreed_ad_ref"})
    database = app.extensions["workbench.db"]
    for statement in (
        "UPDATE provision_status_changes SET to_status = 'open'",
        "DELETE FROM provision_status_changes",
    ):
        with pytest.raises(Exception, match="append-only"), database.engine.begin() as connection:
            connection.execute(sql(statement))


def test_statuses_of_and_provision_status(app, api, client, text):
    ids = _ids(client, text)
    api("chair", "POST", f"/api/provisions/{ids['Article 4']}/status", {"status": "agreed_ad_ref"})
    with app.app_context(), app.extensions["workbench.db"].session() as db:
        instrument = get_instrument(db, text)
        provisions = [find_provision(db, instrument, f"Article {n}") for n in range(1, 6)]
        found = statuses_of(db, provisions)
        assert found == {
            p.id: ProvisionStatus.AGREED_AD_REF if p.label == "Article 4" else ProvisionStatus.OPEN
            for p in provisions
        }
        assert found[ids["Article 4"]] == "agreed_ad_ref"
        assert provision_status(provisions[3]) == ProvisionStatus.AGREED_AD_REF
        assert provision_status(provisions[0]) == ProvisionStatus.OPEN
        assert statuses_of(db, []) == {}


def test_cli_sets_and_shows_status_and_progress(runner, text):
    made = runner.invoke(
        [
            "status",
            "set",
            text,
            "Article 2",
            "agreed_ad_ref",
            "--session",
            "AHC-2",
            "--note",
            "Friends of the chair",
        ]
    )
    assert made.exit_code == 0, made.output
    assert "Article 2: agreed_ad_ref" in made.output
    assert "AHC-2" in made.output and "Friends of the chair" in made.output
    shown = runner.invoke(["status", "show", text, "Article 2", "--json"])
    assert '"status": "agreed_ad_ref"' in shown.output
    refused = runner.invoke(["status", "set", text, "Article 2", "informally_agreed"])
    assert refused.exit_code == 1 and "reopened" in refused.output
    progress = runner.invoke(["progress", text])
    assert progress.exit_code == 0, progress.output
    assert (
        "Total: open 4  under_negotiation 0  informally_agreed 0  agreed_ad_ref 1"
        in progress.output
    )
    assert "after AHC-2:" in progress.output
    as_json = runner.invoke(["progress", text, "--json"])
    assert '"agreed_ad_ref": 1' in as_json.output
