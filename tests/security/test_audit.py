"""Every write leaves an audit entry saying who, when, what, before and after; the secretariat reads them."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from sqlalchemy import func, select

from workbench.users.models import AuditEntry


def _audit_count(app) -> int:
    with app.extensions["workbench.db"].sessionmaker() as db:
        return db.scalar(select(func.count()).select_from(AuditEntry))


def _writes(world):
    """(what, user, method, path, body or files, audit action, entity, wants before)."""
    ids = world.provision_ids
    own = world.proposal("CHN", label="Article 1")
    other = world.proposal("BRA", label="Article 1", cosponsors=["CHN"])
    stale = world.stale_proposal("CHN", label="Article 2")
    merging = world.proposal("RUS", label="Article 3")
    yield (
        "table",
        "delegate",
        "POST",
        "/api/proposals",
        {
            "instrument": world.text_slug,
            "provision_id": ids["Article 4"],
            "kind": "amend",
            "session": "AHC-1",
            "sponsor": "CHN",
            "text": {"en": "Each Party shall respond in 24 hours."},
        },
        "table",
        "proposal",
        False,
    )
    yield (
        "stance",
        "delegate",
        "POST",
        f"/api/proposals/{merging}/stances",
        {"party": "CHN", "position": "oppose"},
        "stance",
        "proposal",
        False,
    )
    yield (
        "co-sponsor",
        "secretariat",
        "POST",
        f"/api/proposals/{own}/cosponsors",
        {"party": "PAK"},
        "cosponsor",
        "proposal",
        False,
    )
    yield (
        "leave",
        "delegate",
        "DELETE",
        f"/api/proposals/{other}/cosponsors/CHN",
        None,
        "withdraw_cosponsor",
        "proposal",
        True,
    )
    yield (
        "rebase",
        "delegate",
        "POST",
        f"/api/proposals/{stale}/rebase",
        {"text": {"en": "Each Party shall adopt rebased measures."}},
        "rebase",
        "proposal",
        True,
    )
    yield (
        "discuss",
        "secretariat",
        "POST",
        f"/api/proposals/{own}/status",
        {"status": "under_discussion"},
        "status",
        "proposal",
        True,
    )
    yield (
        "merge",
        "secretariat2",
        "POST",
        f"/api/proposals/{merging}/status",
        {"status": "merged", "merged_into": own},
        "status",
        "proposal",
        True,
    )
    yield (
        "agree",
        "secretariat",
        "POST",
        f"/api/proposals/{own}/status",
        {"status": "agreed"},
        "status",
        "proposal",
        True,
    )
    yield (
        "reject",
        "secretariat",
        "POST",
        f"/api/proposals/{other}/status",
        {"status": "rejected"},
        "status",
        "proposal",
        True,
    )
    yield (
        "new text",
        "secretariat",
        "POST",
        "/api/instruments",
        {"slug": "second-text", "title_en": "Second", "source": "budapest-ets185"},
        "create",
        "instrument",
        False,
    )
    yield (
        "import",
        "secretariat",
        "POST",
        "/api/imports",
        {
            "file": (io.BytesIO(b"# Imported\n\n## Article 1\n\nEach Party shall act.\n"), "i.md"),
            "slug": "imported-text",
        },
        None,
        "instrument",
        False,
    )
    yield (
        "new user",
        "admin",
        "POST",
        "/api/users",
        {"name": "new-observer", "role": "observer", "password": world.password},
        "create",
        "user",
        False,
    )


def test_every_write_is_audited_with_who_when_what(world, app, client):
    failures = []
    for what, user, method, path, body, action, entity, wants_before in _writes(world):
        count = _audit_count(app)
        started = datetime.now(UTC)
        if body and any(isinstance(v, tuple) for v in body.values()):
            response = client.open(path, method=method, data=body, headers=world.headers(user))
        else:
            response = client.open(path, method=method, json=body, headers=world.headers(user))
        assert response.status_code in (200, 201), (what, response.get_json())
        added = _audit_count(app) - count
        entries = client.get(
            f"/api/audit?limit={max(added, 1)}", headers=world.headers("secretariat")
        ).get_json()["entries"]
        if added < 1:
            failures.append(f"{what}: no audit entry")
            continue
        if any(e["user"] != user for e in entries):
            failures.append(f"{what}: entries by {[e['user'] for e in entries]}, not {user}")
        if any(
            datetime.fromisoformat(e["at"]).replace(tzinfo=UTC) < started.replace(microsecond=0)
            for e in entries
        ):
            failures.append(f"{what}: an entry dated before the request")
        mine = [
            e
            for e in entries
            if e["entity"] == entity and (action is None or e["action"] == action)
        ]
        if not mine:
            failures.append(f"{what}: no {action} entry on a {entity} in {entries}")
            continue
        entry = mine[0]
        if not entry["summary"] or entry["after"] is None or entry["entity_id"] is None:
            failures.append(f"{what}: incomplete entry {entry}")
        if wants_before and entry["before"] is None:
            failures.append(f"{what}: no 'before' in {entry}")
    assert not failures, "\n".join(failures)


def test_agreeing_audits_the_new_version_and_the_status(world, app, client):
    proposal = world.proposal("CHN", label="Article 5", words="Each Party shall cooperate fully.")
    response = client.post(
        f"/api/proposals/{proposal}/status",
        json={"status": "agreed"},
        headers=world.headers("secretariat"),
    )
    assert response.status_code == 200
    entries = client.get("/api/audit?limit=2", headers=world.headers("secretariat")).get_json()[
        "entries"
    ]
    status, version = entries
    assert (status["action"], status["before"]["status"], status["after"]["status"]) == (
        "status",
        "tabled",
        "agreed",
    )
    assert status["after"]["result_version_id"] == response.get_json()["result_version_id"]
    assert (
        version["action"] == "append_version"
        and version["entity_id"] == world.provision_ids["Article 5"]
    )
    assert version["after"]["texts"]["en"] == "Each Party shall cooperate fully."
    filtered = client.get("/api/audit?entity=provision", headers=world.headers("admin")).get_json()
    assert {e["entity"] for e in filtered["entries"]} == {"provision"}


def test_the_audit_log_keeps_no_secrets(world, app, client):
    client.post(
        "/api/users",
        json={"name": "someone", "role": "observer", "password": "a-secret-password"},
        headers=world.headers("admin"),
    )
    client.post("/api/token", json={"name": "someone", "password": "a-secret-password"})
    entries = client.get(
        "/api/audit?entity=user&limit=1000", headers=world.headers("secretariat")
    ).get_json()["entries"]
    assert entries
    dumped = str(entries)
    assert "a-secret-password" not in dumped and "argon2" not in dumped and "wbt_" not in dumped


def test_only_the_secretariat_and_admins_read_the_audit_log(world, client):
    assert client.get("/api/audit").status_code == 401
    for user in ("observer", "delegate"):
        response = client.get("/api/audit", headers=world.headers(user))
        assert response.status_code == 403 and response.get_json()["message"]
    assert client.get("/api/audit", headers=world.headers("secretariat")).status_code == 200
