"""A negotiation dumped from SQLite restores into an empty PostgreSQL database row for row."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from tests.conftest import make_test_app
from tests.security.conftest import make_world
from tests.security.helpers import all_rows
from workbench.cli import Context, main

SCRIPT = '<script>alert("x")</script> Each Party shall 打击 <b>crime</b> & "quote".'


def _invoke(app, args):
    context = Context()
    context._app = app
    return CliRunner().invoke(main, args, obj=context, catch_exceptions=False)


def _negotiate(world, client):
    """Proposals tabled, co-sponsored, supported, agreed, rejected, withdrawn and rebased."""

    def post(path, json, user="secretariat", expect=(200, 201)):
        response = client.post(path, json=json, headers=world.headers(user))
        assert response.status_code in expect, response.get_json()
        return response.get_json()

    ids = world.provision_ids
    amend = post(
        "/api/proposals",
        {
            "instrument": world.text_slug,
            "provision_id": ids["Article 1"],
            "kind": "amend",
            "session": "AHC-1",
            "sponsor": "CHN",
            "cosponsors": ["RUS"],
            "text": {"en": SCRIPT},
            "rationale": "Technology-neutral.",
        },
        user="delegate",
    )["id"]
    rival = world.proposal("USA", label="Article 1")
    post(f"/api/proposals/{amend}/stances", {"party": "USA", "position": "oppose"})
    post(f"/api/proposals/{amend}/cosponsors", {"party": "IRN", "session": "AHC-2"})
    post(f"/api/proposals/{amend}/status", {"status": "under_discussion", "session": "AHC-2"})
    post(f"/api/proposals/{amend}/status", {"status": "agreed", "session": "AHC-2"})
    post(f"/api/proposals/{rival}/rebase", {"text": {"en": "Each Party shall act (rebased)."}})
    post(f"/api/proposals/{rival}/status", {"status": "rejected"})
    deletion = post(
        "/api/proposals",
        {
            "instrument": world.text_slug,
            "provision_id": ids["Article 2"],
            "kind": "delete",
            "session": "AHC-1",
            "sponsor": "BRA",
        },
    )["id"]
    post(f"/api/proposals/{deletion}/status", {"status": "agreed"})
    insertion = post(
        "/api/proposals",
        {
            "instrument": world.text_slug,
            "provision_id": ids["Article 3"],
            "kind": "insert",
            "session": "AHC-2",
            "sponsor": "CHN",
            "label": "Article 3 bis",
            "text": {
                "zh": "各缔约国应当采取必要措施。",
                "en": "Each State Party shall take measures.",
            },
        },
        user="delegate",
    )["id"]
    post(f"/api/proposals/{insertion}/status", {"status": "agreed"})
    withdrawn = world.proposal("CHN", label="Article 4")
    post(f"/api/proposals/{withdrawn}/status", {"status": "withdrawn"}, user="delegate")


def _normalized(rows: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """SQLite hands back naive UTC times, PostgreSQL aware ones: compare instants."""

    def value(v):
        if isinstance(v, datetime) and v.tzinfo is None:
            return v.replace(tzinfo=UTC)
        if isinstance(v, datetime):
            return v.astimezone(UTC)
        return v

    return {name: [tuple(value(v) for v in row) for row in table] for name, table in rows.items()}


def test_dump_from_sqlite_restores_into_postgresql(templates, postgres_ready, tmp_path, request):
    source = make_test_app(templates.fresh("sqlite", "corpus"), tmp_path / "source")
    target_url = templates.fresh("postgresql", "schema")
    target = make_test_app(target_url, tmp_path / "target")
    request.addfinalizer(source.extensions["workbench.db"].dispose)
    request.addfinalizer(target.extensions["workbench.db"].dispose)

    world = make_world(source)
    _negotiate(world, source.test_client())
    dumped = all_rows(source)
    for name in (
        "proposals",
        "status_changes",
        "versions",
        "audit_entries",
        "stances",
        "sponsorships",
        "proposal_revisions",
        "users",
    ):
        assert dumped[name], f"the scenario left {name} empty"

    path = tmp_path / "negotiation.jsonl.gz"
    result = _invoke(source, ["dump", str(path)])
    assert result.exit_code == 0 and str(path) in result.output
    result = _invoke(target, ["restore", str(path)])
    assert result.exit_code == 0, result.output

    restored = all_rows(target)
    assert set(restored) == set(dumped)
    for name in set(dumped) - {"data_version"}:  # the caches' state, not the negotiation's
        assert _normalized(restored)[name] == _normalized(dumped)[name], f"{name} differs"

    # The restored database is alive: the script text is there verbatim, new rows get new ids,
    # search finds the restored text, and the users can still log in.
    client = target.test_client()
    article1 = client.get(f"/api/provisions/{world.provision_ids['Article 1']}").get_json()
    assert article1["text"]["en"] == SCRIPT
    token = client.post("/api/token", json={"name": "secretariat", "password": world.password})
    assert token.status_code == 201
    new = client.post(
        "/api/proposals",
        json={
            "instrument": world.text_slug,
            "provision_id": world.provision_ids["Article 5"],
            "kind": "amend",
            "session": "AHC-3",
            "sponsor": "JPN",
            "text": {"en": "A new wording."},
        },
        headers={"Authorization": f"Bearer {token.get_json()['token']}"},
    )
    assert new.status_code == 201, new.get_json()
    assert new.get_json()["id"] > max(row[0] for row in dumped["proposals"])
    hits = client.get("/api/search?q=打击").get_json()["hits"]
    assert any(hit["provision_id"] == world.provision_ids["Article 1"] for hit in hits)


def test_restore_refuses_a_database_that_is_not_empty(templates, postgres_ready, tmp_path, request):
    source = make_test_app(templates.fresh("sqlite", "corpus"), tmp_path / "source")
    target = make_test_app(templates.fresh("postgresql", "corpus"), tmp_path / "target")
    request.addfinalizer(source.extensions["workbench.db"].dispose)
    request.addfinalizer(target.extensions["workbench.db"].dispose)
    path = tmp_path / "corpus.jsonl.gz"
    assert _invoke(source, ["dump", str(path)]).exit_code == 0
    before = all_rows(target)
    context = Context()
    context._app = target
    result = CliRunner().invoke(main, ["restore", str(path)], obj=context)
    assert result.exit_code != 0
    assert "not empty" in result.output
    assert all_rows(target) == before


@pytest.fixture(autouse=True)
def _drop_postgres_copies(templates):
    yield
    for name in list(templates.copies):
        templates.drop(name)
        templates.copies.remove(name)
