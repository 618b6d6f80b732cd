"""Throttles kept in the database hold across names and across worker processes."""

from __future__ import annotations

import pytest

from tests.conftest import make_test_app

LIMITS = {
    "LOGIN_ATTEMPTS_PER_MINUTE": 4,
    "LOGIN_FAILURES_PER_ADDRESS": 6,
    "LOGIN_ADDRESS_WINDOW_SECONDS": 600,
}


@pytest.fixture
def two_workers(world, database_url, tmp_path):
    """Two application instances on one database, as two worker processes would be."""
    apps = [make_test_app(database_url, tmp_path / f"worker{i}", **LIMITS) for i in (1, 2)]
    yield [a.test_client() for a in apps]
    for a in apps:
        a.extensions["workbench.db"].dispose()


def test_spraying_one_password_over_many_names_is_stopped_across_workers(world, two_workers):
    statuses = []
    for i in range(LIMITS["LOGIN_FAILURES_PER_ADDRESS"]):
        worker = two_workers[i % 2]
        # A new name each time: no name reaches its own limit.
        response = worker.post("/api/token", json={"name": f"guess{i}", "password": "Summer2026!"})
        statuses.append(response.status_code)
    assert statuses == [401] * LIMITS["LOGIN_FAILURES_PER_ADDRESS"]
    for worker in two_workers:
        refused = worker.post("/api/token", json={"name": "someone-else", "password": "x"})
        assert refused.status_code == 429
        wait = int(refused.headers["Retry-After"])
        assert 0 < wait <= LIMITS["LOGIN_ADDRESS_WINDOW_SECONDS"]
        assert refused.get_json()["error"] == "TooManyRequests"
    # Even a right password waits at this address, on the login page too...
    right = two_workers[0].post("/api/token", json={"name": "observer", "password": world.password})
    assert right.status_code == 429
    page = two_workers[1].post("/login", data={"name": "observer", "password": world.password})
    assert page.status_code in (400, 429)  # without a CSRF token the form is refused first
    # ...while another address is not held up by this one.
    elsewhere = two_workers[1].post(
        "/api/token",
        json={"name": "observer", "password": world.password},
        environ_base={"REMOTE_ADDR": "192.0.2.7"},
    )
    assert elsewhere.status_code == 201


def test_guessing_one_name_is_stopped_across_workers(world, two_workers):
    limit = LIMITS["LOGIN_ATTEMPTS_PER_MINUTE"]
    statuses = [
        two_workers[i % 2]
        .post("/api/token", json={"name": "admin", "password": "guess"})
        .status_code
        for i in range(limit + 1)
    ]
    assert statuses == [401] * limit + [429]
    assert (
        0
        < int(
            two_workers[0]
            .post("/api/token", json={"name": "admin", "password": "guess"})
            .headers["Retry-After"]
        )
        <= 60
    )


def test_the_login_page_answers_429_with_retry_after(world, app, client):
    import re

    app.config.update(LIMITS)
    for i in range(LIMITS["LOGIN_FAILURES_PER_ADDRESS"]):
        client.post("/api/token", json={"name": f"nobody{i}", "password": "guess"})
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    response = client.post(
        "/login", data={"name": "observer", "password": world.password, "csrf_token": token}
    )
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert "Too many failed logins" in response.get_data(as_text=True)


def test_a_successful_login_forgets_the_failures_of_its_name(world, app, client):
    app.config.update(LIMITS)
    limit = LIMITS["LOGIN_ATTEMPTS_PER_MINUTE"]
    for _ in range(limit - 1):
        client.post("/api/token", json={"name": "observer", "password": "guess"})
    assert (
        client.post("/api/token", json={"name": "observer", "password": world.password}).status_code
        == 201
    )
    # Without forgetting, the second of these would already be refused.
    statuses = [
        client.post("/api/token", json={"name": "observer", "password": "guess"}).status_code
        for _ in range(limit - 1)
    ]
    assert statuses == [401] * (limit - 1)


def test_a_forwarded_address_counts_only_behind_a_trusted_proxy(world, database_url, tmp_path):
    limits = {**LIMITS, "LOGIN_FAILURES_PER_ADDRESS": 2}
    # No proxy configured: X-Forwarded-For is the client's claim and changes nothing.
    for proxies, last in ((0, 429), (1, 401)):
        app = make_test_app(
            database_url, tmp_path / f"p{proxies}", TRUSTED_PROXIES=proxies, **limits
        )
        try:
            client = app.test_client()
            statuses = [
                client.post(
                    "/api/token",
                    json={"name": f"n{proxies}-{i}", "password": "x"},
                    headers={"X-Forwarded-For": f"198.51.100.{i}"},
                ).status_code
                for i in range(3)
            ]
        finally:
            app.extensions["workbench.db"].dispose()
        assert statuses[-1] == last, (proxies, statuses)
