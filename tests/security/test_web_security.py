"""Sessions, CSRF, tokens, headers and the login limiter, through real requests."""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.security.helpers import all_rows, changed_tables
from workbench.users.models import User


def _csrf_from_page(client) -> str:
    page = client.get("/login").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page)[1]


def _log_in(client, name, password):
    token = _csrf_from_page(client)
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token})


def _amendment(world):
    return {
        "instrument": world.text_slug,
        "provision_id": world.provision_ids["Article 2"],
        "kind": "amend",
        "session": "AHC-1",
        "sponsor": "CHN",
        "text": {"en": "Each Party shall criminalize interception without right."},
    }


def test_a_browser_session_writes_only_with_the_csrf_token(world, app, client):
    assert _log_in(client, "delegate", world.password).status_code == 303
    assert client.get("/api/me").get_json()["name"] == "delegate"
    before = all_rows(app)
    forged = client.post("/api/proposals", json=_amendment(world))
    assert forged.status_code == 400
    assert "CSRF" in forged.get_json()["message"]
    assert changed_tables(before, all_rows(app)) == []
    form_without_token = client.post(
        "/login", data={"name": "delegate", "password": world.password}
    )
    assert form_without_token.status_code == 400
    token = _csrf_from_page(client)
    sent = client.post("/api/proposals", json=_amendment(world), headers={"X-CSRFToken": token})
    assert sent.status_code == 201, sent.get_json()


def test_the_session_cookie_is_http_only_and_same_site(world, app, client):
    response = _log_in(client, "observer", world.password)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    app.config["SESSION_COOKIE_SECURE"] = True
    secure = app.test_client()
    cookie = _log_in(secure, "observer", world.password).headers["Set-Cookie"]
    assert "Secure" in cookie


def test_logging_out_ends_the_session(world, client):
    _log_in(client, "secretariat", world.password)
    assert client.get("/api/audit").status_code == 200
    client.post("/logout", data={"csrf_token": _csrf_from_page(client)})
    assert client.get("/api/audit").status_code == 401


def test_security_headers_on_pages_and_api(world, client):
    for path in (
        "/",
        f"/provisions/{world.provision_ids['Article 1']}",
        "/api/instruments",
        "/api/no-such-thing",
        "/login",
    ):
        headers = client.get(path).headers
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["X-Frame-Options"] == "DENY", path
        assert "script-src 'self'" in headers["Content-Security-Policy"], path
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], path
        assert headers["Referrer-Policy"] == "same-origin", path
    # Kept privately, and only to be asked for again with its ETag (issue 17).
    assert client.get("/api/instruments").headers["Cache-Control"] == "private, no-cache"
    assert client.get("/api/no-such-thing").headers["Cache-Control"] == "no-store"


def test_tokens_are_checked_and_passwords_hashed(world, app, client):
    assert (
        client.get("/api/instruments", headers={"Authorization": "Bearer wbt_forged"}).status_code
        == 401
    )
    assert (
        client.post(
            "/api/proposals", json=_amendment(world), headers={"Authorization": "Bearer wbt_forged"}
        ).status_code
        == 401
    )
    # A new token stands beside the old one: two scripts on one account both go on working.
    old = world.headers("observer")
    fresh = client.post("/api/token", json={"name": "observer", "password": world.password})
    assert fresh.status_code == 201
    assert client.get("/api/me", headers=old).status_code == 200
    assert (
        client.get(
            "/api/me", headers={"Authorization": f"Bearer {fresh.get_json()['token']}"}
        ).get_json()["name"]
        == "observer"
    )
    database = app.extensions["workbench.db"]
    with database.write_sessionmaker() as db:
        users = list(db.scalars(select(User)))
        assert all(u.password_hash.startswith("$argon2id$") for u in users)
        assert all(world.password not in u.password_hash for u in users)
        # A deactivated user's token stops working at once.
        delegate = db.scalar(select(User).where(User.name == "delegate"))
        delegate.active = False
        db.commit()
    assert client.get("/api/me", headers=world.headers("delegate")).status_code == 401


def test_logins_are_rate_limited(world, app, client):
    limit = app.config["LOGIN_ATTEMPTS_PER_MINUTE"]
    statuses = [
        client.post("/api/token", json={"name": "secretariat", "password": "guess"}).status_code
        for _ in range(limit + 2)
    ]
    assert statuses[:limit] == [401] * limit
    assert statuses[limit:] == [429, 429]
    # Even the right password waits: the failures counted so far close the door.
    right = client.post("/api/token", json={"name": "secretariat", "password": world.password})
    assert right.status_code == 429
    # Another name is not blocked by someone guessing this one.
    assert (
        client.post("/api/token", json={"name": "observer", "password": world.password}).status_code
        == 201
    )
    pages = [_log_in(client, "admin", "guess").status_code for _ in range(limit + 1)]
    assert pages[-1] == 429


def test_on_the_pages_a_delegate_acts_only_for_its_own_party(world, app, client):
    """The forms, filled in and with their CSRF token: China's delegate tries to act for the USA."""
    assert _log_in(client, "delegate", world.password).status_code == 303
    brazil = world.proposal("BRA", label="Article 3")
    usa = world.proposal("USA", label="Article 4")
    own = world.proposal("CHN", label="Article 5")
    attempts = [
        (
            f"/proposals/{brazil}/stances",
            {"party": "USA", "position": "support"},
            {"party": "CHN", "position": "support"},
        ),
        (f"/proposals/{brazil}/cosponsors", {"party": "USA"}, {"party": "CHN"}),
        (f"/proposals/{usa}/status", {"status": "withdrawn"}, None),
        (f"/proposals/{own}/status", {"status": "agreed"}, {"status": "withdrawn"}),
    ]
    for path, for_another, for_itself in attempts:
        before = all_rows(app)
        refused = client.post(path, data={**for_another, "csrf_token": _csrf_from_page(client)})
        assert refused.status_code == 403, (path, for_another)
        assert changed_tables(before, all_rows(app)) == [], (path, for_another)
        if for_itself:
            done = client.post(path, data={**for_itself, "csrf_token": _csrf_from_page(client)})
            assert done.status_code == 303, (path, for_itself, done.get_data(as_text=True)[:500])
            assert changed_tables(before, all_rows(app)), (path, for_itself)
