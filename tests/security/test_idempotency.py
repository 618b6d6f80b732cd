"""Safe retries: a write sent again under the same Idempotency-Key returns its first answer
instead of acting twice (issue 18: 143 proposals committed without their client getting the
reply; a client that resent them tabled them twice)."""

from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import func, select

from tests.conftest import make_test_app
from workbench.idempotency.models import IdempotencyKey
from workbench.proposals.models import Proposal


def _body(world, words="Each State Party shall adopt measures (retried).") -> dict:
    return {
        "instrument": world.text_slug,
        "provision_id": world.provision_ids["Article 1"],
        "kind": "amend",
        "session": "AHC-1",
        "sponsor": "CHN",
        "text": {"en": words},
    }


def _count(app, model=Proposal) -> int:
    with app.extensions["workbench.db"].sessionmaker() as db:
        return db.scalar(select(func.count()).select_from(model))


def _post(client, world, key, body, user="delegate"):
    headers = {**world.headers(user), "Idempotency-Key": key}
    return client.post("/api/proposals", json=body, headers=headers)


def test_a_retry_returns_the_first_answer_and_tables_once(world, app, client, backend):
    before, key = _count(app), str(uuid.uuid4())
    first = _post(client, world, key, _body(world))
    assert first.status_code == 201, first.get_json()
    again = _post(client, world, key, _body(world))
    assert again.status_code == 201
    assert again.data == first.data
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.headers["Content-Type"] == first.headers["Content-Type"]
    assert _count(app) == before + 1
    # The same request written differently (key order, spacing) is the same request.
    raw = (
        b'{"text": {"en": "Each State Party shall adopt measures (retried)."},'
        + (
            f' "sponsor": "CHN", "session": "AHC-1", "kind": "amend", "provision_id":'
            f' {world.provision_ids["Article 1"]}, "instrument": "{world.text_slug}"}}'
        ).encode()
    )
    third = client.post(
        "/api/proposals",
        data=raw,
        content_type="application/json",
        headers={**world.headers("delegate"), "Idempotency-Key": key},
    )
    assert third.status_code == 201 and third.data == first.data
    # Without the key, the same body is a new proposal, as before.
    assert client.post("/api/proposals", json=_body(world), headers=world.headers("delegate"))
    assert _count(app) == before + 2


def test_the_same_key_with_another_body_is_refused(world, app, client, backend):
    key = str(uuid.uuid4())
    assert _post(client, world, key, _body(world)).status_code == 201
    before = _count(app)
    other = _post(client, world, key, _body(world, "Each Party shall do something else."))
    body = other.get_json()
    assert other.status_code == 422, body
    assert body["error"] == "IdempotencyKeyReused" and body["field"] == "Idempotency-Key"
    assert _count(app) == before


def test_keys_belong_to_their_user(world, app, client, backend):
    key = "shared-key"
    mine = _post(client, world, key, _body(world), user="delegate")
    theirs = _post(client, world, key, _body(world), user="secretariat")
    assert mine.status_code == theirs.status_code == 201
    assert mine.get_json()["id"] != theirs.get_json()["id"]


def test_a_refused_request_may_be_sent_again(world, app, client, backend):
    """Only a success is kept: a refused request changed nothing and can be fixed and resent."""
    key = str(uuid.uuid4())
    refused = _post(client, world, key, {**_body(world), "session": "NOPE-1"})
    assert refused.status_code in (400, 404)
    assert _count(app, IdempotencyKey) == 0
    assert _post(client, world, key, _body(world)).status_code == 201


@pytest.mark.parametrize("key", ["", "x" * 201, "with space", "ключ"])
def test_a_malformed_key_is_refused(world, app, client, backend, key):
    before = _count(app)
    response = client.post(
        "/api/proposals",
        json=_body(world),
        headers={**world.headers("delegate"), "Idempotency-Key": key},
    )
    assert response.status_code == 400, response.get_json()
    assert response.get_json()["field"] == "Idempotency-Key"
    assert _count(app) == before


def test_every_write_method_and_another_worker_see_the_key(
    world, app, client, backend, database_url, tmp_path
):
    proposal_id = world.proposal("CHN", label="Article 2")
    key = str(uuid.uuid4())
    stance = {"party": "USA", "position": "support"}
    headers = {**world.headers("secretariat"), "Idempotency-Key": key}
    first = client.post(f"/api/proposals/{proposal_id}/stances", json=stance, headers=headers)
    assert first.status_code in (200, 201), first.get_json()
    # A second application on the same database: another worker behind the same address.
    other = make_test_app(app.config["DATABASE_URL"], tmp_path / "other")
    try:
        again = other.test_client().post(
            f"/api/proposals/{proposal_id}/stances", json=stance, headers=headers
        )
    finally:
        other.extensions["workbench.db"].dispose()
    assert again.status_code == first.status_code and again.data == first.data
    stances = client.get(f"/api/proposals/{proposal_id}").get_json()["stances"]
    assert len([s for s in stances if s.get("party") in ("USA", {"code": "USA"})]) <= 1


def test_the_answer_is_kept_with_the_write_or_not_at_all(world, app, client, backend, monkeypatch):
    """The server dies after the write but before keeping the answer: neither is saved, so
    the retry tables the proposal (once)."""
    import workbench.web.idempotency as idempotency

    def die(*args, **kwargs):
        raise RuntimeError("killed before the answer was kept")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    monkeypatch.setattr(idempotency, "keep_response", die)
    before, key = _count(app), str(uuid.uuid4())
    assert _post(client, world, key, _body(world)).status_code == 500
    assert _count(app) == before
    monkeypatch.undo()
    assert _post(client, world, key, _body(world)).status_code == 201
    assert _post(client, world, key, _body(world)).status_code == 201
    assert _count(app) == before + 1


def test_the_same_key_at_the_same_moment_tables_once(world, app, backend):
    before, key = _count(app), str(uuid.uuid4())
    barrier = threading.Barrier(4, timeout=30)
    answers = []

    def send():
        client = app.test_client()
        barrier.wait()
        answers.append(_post(client, world, key, _body(world)))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [a.status_code for a in answers] == [201] * 4, [a.get_json() for a in answers]
    assert len({a.data for a in answers}) == 1
    assert _count(app) == before + 1


def test_a_key_older_than_a_day_may_be_used_again(world, app, client, backend):
    from datetime import timedelta

    from sqlalchemy import update

    key = str(uuid.uuid4())
    assert _post(client, world, key, _body(world)).status_code == 201
    with app.extensions["workbench.db"].session() as db:
        db.execute(
            update(IdempotencyKey).values(created_at=IdempotencyKey.created_at - timedelta(days=2))
        )
    again = _post(client, world, key, _body(world, "Each Party shall act, a day later."))
    assert again.status_code == 201
    assert "Idempotent-Replayed" not in again.headers
    assert _count(app, IdempotencyKey) == 1
