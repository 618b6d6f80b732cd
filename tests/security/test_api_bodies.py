"""Bodies and arguments read through the routes' schemas: a mistake is the API's 400 with
the field named (never webargs' 422), JSON types are not coerced, and the answer's bytes are
those the serializers make."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.serialize import session_ref
from workbench.sessions.operations import list_sessions

NOT_TEXT = st.one_of(
    st.integers(),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(alphabet="abc", max_size=3), st.integers(), max_size=2),
)
NOT_A_NUMBER = st.one_of(
    st.booleans(),
    st.text(alphabet="0123456789x", max_size=5),
    st.floats(allow_nan=False, allow_infinity=False),
    st.lists(st.integers(), max_size=2),
)


def _refused(response, field: str, words: str) -> None:
    assert response.status_code == 400, response.get_data(as_text=True)
    body = response.get_json()
    assert body["error"] == "InvalidInput", body
    assert body["field"] == field, body
    assert words in body["message"], body


@pytest.mark.parametrize(
    ("path", "body", "field", "words"),
    [
        ("/api/instruments", {}, "slug", "slug is required."),
        ("/api/instruments", {"slug": None}, "slug", "slug is required."),
        ("/api/instruments", {"slug": "x", "picks": "all"}, "picks", "picks must be a list."),
        ("/api/proposals", {"instrument": "t", "kind": "amend", "text": "x"}, "text", "object"),
        ("/api/proposals", {"instrument": 7, "kind": "amend"}, "instrument", "must be text."),
        (
            "/api/proposals",
            {"instrument": "t", "kind": "amend", "cosponsors": ["BRA", 1]},
            "cosponsors",
            "cosponsors must be a list of party codes.",
        ),
        (
            "/api/proposals",
            {"instrument": "t", "kind": "amend", "tabled_on": "9 May"},
            "tabled_on",
            "tabled_on must be a date like 2023-01-09.",
        ),
        ("/api/screen", {"provision": 2**31}, "provision", "out of range (at most 2147483647)"),
        ("/api/screen", {"provision": True}, "provision", "provision must be a number."),
        ("/api/token", {"name": "x", "password": "y", "days": "7"}, "days", "must be a number."),
    ],
)
def test_a_body_refused_by_its_schema_names_the_field(world, client, path, body, field, words):
    response = client.post(path, json=body, headers=world.headers("secretariat"))
    _refused(response, field, words)


@pytest.mark.parametrize(
    ("path", "field", "words"),
    [
        ("/api/proposals?limit=abc", "limit", "limit must be a whole number (got 'abc')."),
        ("/api/proposals?limit=0", "limit", "limit must be between 1 and 1000."),
        ("/api/proposals?status=maybe", "status", "Unknown status 'maybe'."),
        ("/api/proposals?q=" + "w" * 201, "q", "q is longer than 200 characters."),
        ("/api/instruments?kind=draft", "kind", "kind must be source or negotiating."),
        ("/api/search?q=act&limit=201", "limit", "limit must be between 1 and 200."),
        ("/api/compare?left=x&right=1", "left", "left must be a whole number"),
        ("/api/provisions/1/diff?from=-1", "from", "from must be between 1 and"),
        ("/api/provisions/1/blame?lang=de", "lang", "lang must be one of en, zh"),
    ],
)
def test_a_query_argument_refused_by_its_schema_names_it(world, client, path, field, words):
    _refused(client.get(path), field, words)


def test_fields_a_schema_does_not_name_are_ignored(world, client):
    response = client.post(
        "/api/sessions/current",
        json={"session": "AHC-2", "colour": "blue"},
        headers=world.headers("secretariat"),
    )
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["current"]["code"] == "AHC-2"


def test_json_is_read_strictly_and_the_size_limit_holds(world, app, client):
    headers = world.headers("secretariat")
    twice = b'{"session": "AHC-1", "session": "AHC-2"}'
    response = client.post(
        "/api/sessions/current", data=twice, content_type="application/json", headers=headers
    )
    _refused(response, "session", "appears twice")
    form = client.post("/api/sessions/current", data={"session": "AHC-1"}, headers=headers)
    assert form.status_code == 400 and "Content-Type: application/json" in form.json["message"]
    app.config["MAX_JSON_BYTES"] = 100
    big = client.post("/api/sessions/current", json={"session": "A" * 200}, headers=headers)
    assert big.status_code == 413 and big.get_json()["error"] == "TooLarge"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(slug=NOT_TEXT, days=NOT_A_NUMBER)
def test_json_types_are_never_coerced(world, client, slug, days):
    headers = world.headers("secretariat")
    _refused(client.post("/api/instruments", json={"slug": slug}, headers=headers), "slug", "text")
    token = client.post("/api/token", json={"name": "n", "password": "p", "days": days})
    _refused(token, "days", "days must be a number.")


def test_an_answer_is_the_serializers_json_byte_for_byte(world, app, client):
    response = client.get("/api/sessions")
    with app.app_context(), app.extensions["workbench.db"].session() as db:
        made = {"sessions": [session_ref(s) for s in list_sessions(db)]}
        expected = app.json.response(made).get_data()
    assert response.data == expected
    assert json.loads(response.data)["sessions"]


# Bidirectional controls and other invisible format characters (issue 18).
HIDDEN = st.sampled_from(
    [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
    + ["\u200b", "\u200e", "\u200f", "\u061c", "\u00ad", "\u2060", "\ufeff", "\x07"]
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(char=HIDDEN, field=st.sampled_from(["note", "session"]), at=st.integers(0, 5))
def test_every_text_field_refuses_invisible_characters(world, client, char, field, at):
    text = "AHC-2"[:at] + char + "AHC-2"[at:]
    body = {"status": "under_negotiation", field: text}
    provision = world.provision_ids["Article 1"]
    response = client.post(
        f"/api/provisions/{provision}/status", json=body, headers=world.headers("secretariat")
    )
    _refused(response, field, f"U+{ord(char):04X}")
    assert f"at character {at + 1}" in response.get_json()["message"]


def _login_operations(client) -> list[tuple[str, str]]:
    """Every operation the document says needs a token or the session: (method, path)."""
    document = client.get("/api/openapi.json").get_json()
    return [
        (method.upper(), path.replace("{", "<").replace("}", ">"))
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in {"get", "post", "put", "patch", "delete"} and operation.get("security")
    ]


@pytest.mark.parametrize("token", [None, "not-a-token"])
def test_a_caller_not_logged_in_is_refused_before_the_body_is_read(world, client, token):
    # Who is calling comes first: a schema's 400 would tell an anonymous caller what the body
    # should hold and hide that the request could never have been allowed.
    operations = _login_operations(client)
    assert len(operations) >= 15  # the writes, the tokens, the users, the audit
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    for method, template in operations:
        path = template
        for name in ("proposal_id", "provision_id"):
            path = path.replace(f"<{name}>", "1")
        path = path.replace("<slug>", world.text_slug)
        path = path.replace("<code>", "CHN").replace("<name>", "admin")
        path = path.replace("<token_name>", "script")
        response = client.open(
            path,
            method=method,
            json={"session": [1], "text": 7, "provision": True},
            headers=headers,
        )
        assert response.status_code == 401, (method, path, response.get_data(as_text=True))
        assert response.get_json()["error"] == "Unauthorized"
