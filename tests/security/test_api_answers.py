"""Real answers of every API route validate against the response schema the route declares
(the schemas the OpenAPI document is made of cannot drift from what the API sends)."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.security.api_matrix import CASES, OWN_PARTY, ROLE_USERS
from tests.security.test_role_matrix import _call

# The first role of these that may make a request makes it.
ROLES = ("secretariat", "admin", "delegate_own", "observer", "anonymous")


def declared_schema(app, method: str, path: str, status: int):
    """The schema the route's view declares for this status (None: not JSON)."""
    endpoint, _ = app.url_map.bind("localhost").match(urlsplit(path).path, method=method)
    answers = app.view_functions[endpoint]._apidoc["response"]["responses"]
    assert status in answers, f"{method} {path} answered {status}, which it does not declare"
    return answers[status][0].get("schema")


def test_every_answer_matches_its_declared_schema(world, app, client):
    checked, wrong = 0, []
    for case in CASES:
        role = next((r for r in ROLES if 200 <= case.expect[r] < 300), None)
        if role is None or case.rule == "/api/events":  # an endless stream
            continue
        request = case.build(world, OWN_PARTY)
        response = _call(client, world, case.method, request, ROLE_USERS[role])
        assert response.status_code == case.expect[role], (case.name, response.get_json())
        schema = declared_schema(app, case.method, request.path, response.status_code)
        if response.mimetype != "application/json":
            assert schema is None, case.name
            continue
        errors = schema.validate(response.get_json())
        if errors:
            wrong.append(f"{case.method} {request.path} ({case.name}): {errors}")
        checked += 1
    assert not wrong, "\n".join(wrong)
    assert checked >= 40
