"""Passwords people cannot guess, named expiring tokens, and the second factor."""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import pytest
from argon2 import PasswordHasher
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from workbench.db import utcnow
from workbench.errors import InvalidInput
from workbench.users.models import ApiToken, User
from workbench.users.passwords import MIN_PASSWORD, check_password

WEAK = {
    "password": "at least 10 characters",
    "aaaaaaaa": "at least 10 characters",
    "aaaaaaaaaaaa": 'Repeats like "aaa" are easy to guess',
    "password123": "too easy to guess",
    "treatyconvention": "too easy to guess",
}


@pytest.mark.parametrize(("password", "reason"), WEAK.items())
def test_weak_passwords_are_refused_with_the_reason(world, app, password, reason):
    response = app.test_client().post(
        "/api/users",
        json={"name": "newcomer", "role": "observer", "password": password},
        headers=world.headers("admin"),
    )
    assert response.status_code == 400
    body = response.get_json()
    assert body["field"] == "password"
    assert reason in body["message"], body["message"]


def test_a_password_made_of_the_users_own_name_is_refused(world, runner):
    result = runner.invoke(
        ["user", "add", "margarethe-vestager", "--role", "observer"],
        env={"WORKBENCH_PASSWORD": "margarethe-vestager"},
    )
    assert result.exit_code != 0
    assert "too easy to guess" in result.output
    ok = runner.invoke(
        ["user", "add", "margarethe-vestager", "--role", "observer"],
        env={"WORKBENCH_PASSWORD": "quiet harbour lantern 17"},
    )
    assert ok.exit_code == 0, ok.output


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=MIN_PASSWORD - 1))
def test_every_short_password_is_refused(password):
    with pytest.raises(InvalidInput, match="at least"):
        check_password(password, [])


def test_an_old_hash_is_renewed_at_login(world, app, client):
    old = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(world.password)
    with app.app_context():
        db = world.session()
        db.execute(update(User).where(User.name == "observer").values(password_hash=old))
        db.commit()
        db.close()
    response = client.post("/api/token", json={"name": "observer", "password": world.password})
    assert response.status_code == 201
    with app.app_context():
        db = world.session()
        renewed = db.scalar(select(User.password_hash).where(User.name == "observer"))
        db.close()
    assert renewed != old
    assert not PasswordHasher().check_needs_rehash(renewed)
    assert PasswordHasher().verify(renewed, world.password)


def _me(app, token):
    return app.test_client().get("/api/me", headers={"Authorization": f"Bearer {token}"})


def test_two_tokens_both_work_and_expire_and_are_revoked_one_by_one(world, app, runner):
    client = app.test_client()
    tokens = []
    for name in ("nightly-export", "sync-script"):
        response = client.post(
            "/api/token",
            json={"name": "delegate", "password": world.password, "token_name": name},
        )
        assert response.status_code == 201, response.get_json()
        info = response.get_json()["token_info"]
        assert info["name"] == name
        tokens.append(response.get_json()["token"])
    # Ninety days by default.
    expires = response.get_json()["token_info"]["expires_at"]
    assert expires.startswith(f"{(utcnow() + timedelta(days=90)):%Y-%m-%d}")
    assert all(_me(app, t).status_code == 200 for t in tokens)
    assert _me(app, world.tokens["delegate"]).status_code == 200

    listed = runner.invoke(["user", "tokens", "delegate"])
    assert listed.exit_code == 0
    assert re.search(r"nightly-export\tin force\texpires \S+\tlast used 20", listed.output)
    assert "sync-script" in listed.output and tokens[0] not in listed.output

    revoked = runner.invoke(["user", "revoke-token", "delegate", "nightly-export"])
    assert revoked.exit_code == 0, revoked.output
    assert _me(app, tokens[0]).status_code == 401
    assert _me(app, tokens[1]).status_code == 200
    assert "nightly-export\trevoked" in runner.invoke(["user", "tokens", "delegate"]).output

    # An expired token is refused.
    with app.app_context():
        db = world.session()
        db.execute(
            update(ApiToken)
            .where(ApiToken.name == "sync-script")
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
        db.commit()
        db.close()
    assert _me(app, tokens[1]).status_code == 401
    assert "sync-script\texpired" in runner.invoke(["user", "tokens", "delegate"]).output


def test_a_user_lists_and_revokes_their_own_tokens_over_the_api(world, app):
    client = app.test_client()
    second = client.post(
        "/api/token", json={"name": "observer", "password": world.password, "days": 7}
    ).get_json()
    headers = world.headers("observer")
    listing = client.get("/api/tokens", headers=headers).get_json()["tokens"]
    assert len(listing) == 2 and all("wbt_" not in str(t) for t in listing)
    gone = client.delete(f"/api/tokens/{second['token_info']['name']}", headers=headers)
    assert gone.status_code == 200 and gone.get_json()["revoked"]
    assert _me(app, second["token"]).status_code == 401
    assert _me(app, world.tokens["observer"]).status_code == 200
    assert client.delete("/api/tokens/no-such", headers=headers).status_code == 404
    too_long = client.post(
        "/api/token", json={"name": "observer", "password": world.password, "days": 400}
    )
    assert too_long.status_code == 400 and too_long.get_json()["field"] == "days"


def _log_in(client, name, password, code=None):
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    data = {"name": name, "password": password, "csrf_token": token}
    if code is not None:
        data["code"] = code
    return client.post("/login", data=data)


def test_the_second_factor_is_asked_for_once_enrolled(world, app, runner):
    result = runner.invoke(["user", "totp", "delegate"])
    assert result.exit_code == 0, result.output
    uri = re.search(r"URI:\s+(otpauth://\S+)", result.output)[1]
    assert "issuer=Treaty%20workbench" in uri and "delegate" in uri
    totp = pyotp.parse_uri(uri)
    client = app.test_client()
    refused = _log_in(client, "delegate", world.password)
    assert refused.status_code == 401
    assert "authenticator app" in refused.get_data(as_text=True)
    assert _log_in(client, "delegate", world.password, "000000").status_code == 401
    assert _log_in(client, "delegate", world.password, totp.now()).status_code == 303
    api = app.test_client()
    assert (
        api.post("/api/token", json={"name": "delegate", "password": world.password}).status_code
        == 401
    )
    assert (
        api.post(
            "/api/token",
            json={"name": "delegate", "password": world.password, "code": totp.now()},
        ).status_code
        == 201
    )


def test_staff_must_use_a_second_factor_when_the_deployment_says_so(world, app, runner):
    app.config["TOTP_REQUIRED_FOR_STAFF"] = True
    client = app.test_client()
    refused = client.post("/api/token", json={"name": "secretariat", "password": world.password})
    assert refused.status_code == 403
    assert "workbench user totp secretariat" in refused.get_json()["message"]
    # Delegates and observers are not obliged.
    assert (
        client.post("/api/token", json={"name": "observer", "password": world.password}).status_code
        == 201
    )
    uri = re.search(r"(otpauth://\S+)", runner.invoke(["user", "totp", "secretariat"]).output)[1]
    code = pyotp.parse_uri(uri).now()
    assert _log_in(client, "secretariat", world.password, code).status_code == 303


def _form(client, path, data):
    page = client.get("/account").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    return client.post(path, data={**data, "csrf_token": token})


def test_the_account_page_changes_the_password_and_ends_other_sessions(world, app):
    here, elsewhere = app.test_client(), app.test_client()
    _log_in(here, "delegate", world.password)
    _log_in(elsewhere, "delegate", world.password)
    new = "violet harbour compass 58"
    weak = _form(
        here,
        "/account/password",
        {"current": world.password, "password": "password1234", "confirm": "password1234"},
    )
    assert weak.status_code == 400
    assert "too easy to guess" in weak.get_data(as_text=True)
    wrong = _form(
        here, "/account/password", {"current": "not it at all", "password": new, "confirm": new}
    )
    assert wrong.status_code == 400
    done = _form(
        here, "/account/password", {"current": world.password, "password": new, "confirm": new}
    )
    assert done.status_code == 303
    assert here.get("/api/me").status_code == 200
    assert elsewhere.get("/api/me").status_code == 401
    assert _log_in(app.test_client(), "delegate", world.password).status_code == 401
    assert _log_in(app.test_client(), "delegate", new).status_code == 303


def test_the_account_page_enrols_the_second_factor_and_revokes_tokens(world, app):
    client = app.test_client()
    _log_in(client, "observer", world.password)
    page = client.get("/account")
    assert page.headers["Cache-Control"] == "no-store"
    uri = re.search(r'href="(otpauth://[^"]+)"', page.get_data(as_text=True))[1]
    totp = pyotp.parse_uri(uri.replace("&amp;", "&"))
    assert _form(client, "/account/totp", {"code": "123456"}).status_code == 400
    assert _form(client, "/account/totp", {"code": totp.now()}).status_code == 303
    assert "authenticator app" in client.get("/account").get_data(as_text=True)
    assert _log_in(app.test_client(), "observer", world.password).status_code == 401
    assert _log_in(app.test_client(), "observer", world.password, totp.now()).status_code == 303

    assert "token-1" in client.get("/account").get_data(as_text=True)
    assert _form(client, "/account/tokens/revoke", {"name": "token-1"}).status_code == 303
    assert _me(app, world.tokens["observer"]).status_code == 401
