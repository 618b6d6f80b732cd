"""Browser sessions end when they should: logout, a new password, a disabled account, time."""

from __future__ import annotations

import re

import pytest

from tests.security.helpers import all_rows, changed_tables
from workbench.users.operations import get_user
from workbench.users.passwords import change_password


def _csrf(client, path="/login") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page)[1]


def _log_in(client, name, password, **extra):
    data = {"name": name, "password": password, "csrf_token": _csrf(client), **extra}
    return client.post("/login", data=data)


def _end_by(how: str, world, app, client) -> None:
    """End the delegate's session the way the test names."""
    if how == "logout":
        assert client.post("/logout", data={"csrf_token": _csrf(client)}).status_code == 303
    elif how == "password":
        with app.app_context():
            db = world.session()
            change_password(db, get_user(db, "delegate"), "a brand new orbit lantern 91")
            db.commit()
            db.close()
    else:
        response = app.test_client().post(
            "/api/users/delegate/active", json={"active": False}, headers=world.headers("admin")
        )
        assert response.status_code == 200, response.get_json()


@pytest.mark.parametrize("how", ["logout", "password", "disable"])
def test_a_session_cookie_replayed_after_it_ended_is_refused_and_writes_nothing(
    world, app, client, how
):
    assert _log_in(client, "delegate", world.password).status_code == 303
    proposal = world.proposal("BRA", label="Article 3")
    # What an eavesdropper kept: the cookie, and a CSRF token from a page it opened.
    csrf = _csrf(client, f"/proposals/{proposal}")
    stolen = client.get_cookie("session").value
    assert client.get("/api/me").status_code == 200
    _end_by(how, world, app, client)

    replay = app.test_client()
    replay.set_cookie("session", stolen)
    assert replay.get("/api/me").status_code == 401
    before = all_rows(app)
    stance = replay.post(
        f"/proposals/{proposal}/stances",
        data={"party": "CHN", "position": "support", "csrf_token": csrf},
    )
    assert stance.status_code in (302, 303, 401), stance.status_code
    assert changed_tables(before, all_rows(app)) == []
    sent = replay.post(
        f"/api/proposals/{proposal}/stances",
        json={"party": "CHN", "position": "support"},
        headers={"X-CSRFToken": csrf},
    )
    assert sent.status_code in (400, 401)
    assert changed_tables(before, all_rows(app)) == []


def test_logging_out_in_one_browser_ends_the_session_in_another(world, app):
    office, laptop = app.test_client(), app.test_client()
    _log_in(office, "secretariat", world.password)
    _log_in(laptop, "secretariat", world.password)
    assert laptop.get("/api/audit").status_code == 200
    office.post("/logout", data={"csrf_token": _csrf(office)})
    assert laptop.get("/api/audit").status_code == 401
    # Logging in again works, and tokens were never sessions: they go on working.
    assert _log_in(laptop, "secretariat", world.password).status_code == 303
    assert laptop.get("/api/audit").status_code == 200
    assert app.test_client().get("/api/me", headers=world.headers("secretariat")).status_code == 200


def test_sessions_end_when_idle_and_after_their_longest_life(world, app, client, monkeypatch):
    from workbench.web import security

    start = security.now_seconds()
    clock = {"now": start}
    monkeypatch.setattr(security, "now_seconds", lambda: clock["now"])
    app.config.update(SESSION_IDLE_MINUTES=30, SESSION_MAX_HOURS=2)
    _log_in(client, "observer", world.password)
    # Active every 20 minutes: the idle limit never bites...
    for _ in range(5):
        clock["now"] += 20 * 60
        assert client.get("/api/me").status_code == 200
    # ...but after two hours the session ends whatever happens.
    clock["now"] += 21 * 60
    assert client.get("/api/me").status_code == 401

    other = app.test_client()
    clock["now"] = start
    _log_in(other, "observer", world.password)
    clock["now"] += 31 * 60
    assert other.get("/api/me").status_code == 401
    assert other.get("/proposals").status_code == 200  # reading goes on, anonymously


def test_logged_in_responses_are_never_cached(world, app, client):
    anonymous = app.test_client().get("/")
    assert anonymous.headers.get("Cache-Control") != "no-store"
    _log_in(client, "delegate", world.password)
    proposal = world.proposal("CHN", label="Article 2")
    for path in ("/", f"/proposals/{proposal}", "/proposals", "/export", "/api/me"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path
    by_token = app.test_client().get(
        f"/api/instruments/{world.text_slug}/export", headers=world.headers("delegate")
    )
    assert by_token.status_code == 200
    assert by_token.headers["Cache-Control"] == "no-store"


def test_cookies_are_secure_when_served_over_https(world, database_url, tmp_path):
    from tests.conftest import make_test_app

    app = make_test_app(database_url, tmp_path / "https", HTTPS=True)
    try:
        client = app.test_client()
        response = _log_in(client, "observer", world.password)
        assert response.status_code == 303
        assert "Secure" in response.headers["Set-Cookie"]
    finally:
        app.extensions["workbench.db"].dispose()
