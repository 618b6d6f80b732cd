"""The OpenAPI document generated from the API's schemas: the same routes as the hand-written
one it replaced, with the security schemes, 304, Idempotency-Key and error answers."""

from __future__ import annotations

import pytest

from workbench import create_app

# Every path and method of the hand-written document with its operationId (what clients
# generated from it call the operation), recorded before the document was generated.
RECORDED = """
DELETE /api/proposals/{proposal_id}/cosponsors/{code} withdrawCosponsor
DELETE /api/tokens/{token_name} revokeToken
GET /api/audit listAudit
GET /api/compare compareProvisions
GET /api/events streamEvents
GET /api/instruments listInstruments
GET /api/instruments/{slug} getInstrument
GET /api/instruments/{slug}/changes exportSessionChanges
GET /api/instruments/{slug}/consolidated getConsolidatedText
GET /api/instruments/{slug}/export exportInstrument
GET /api/instruments/{slug}/progress getProgress
GET /api/instruments/{slug}/provisions/{label} getProvisionByLabel
GET /api/me me
GET /api/openapi.json openapi
GET /api/parties listParties
GET /api/parties/{code} getParty
GET /api/parties/{code}/proposals getPartyProposals
GET /api/proposals listProposals
GET /api/proposals/{proposal_id} getProposal
GET /api/proposals/{proposal_id}/rebase rebaseView
GET /api/proposals/{proposal_id}/revisions listRevisions
GET /api/provisions/{provision_id} getProvision
GET /api/provisions/{provision_id}/blame blameProvision
GET /api/provisions/{provision_id}/diff diffVersions
GET /api/provisions/{provision_id}/status getProvisionStatus
GET /api/provisions/{provision_id}/versions/{number} getVersion
GET /api/screen getScreen
GET /api/search search
GET /api/sessions listSessions
GET /api/sessions/current getCurrentSession
GET /api/sessions/{code} getSession
GET /api/synopsis/{what} exportSynopsis
GET /api/tokens listTokens
GET /api/topics listTopics
GET /api/topics/{slug} getTopic
GET /api/users listUsers
POST /api/imports importInstrument
POST /api/instruments createNegotiatingText
POST /api/instruments/{slug}/tracked-changes importTrackedChanges
POST /api/proposals createProposal
POST /api/proposals/{proposal_id}/cosponsors addCosponsor
POST /api/proposals/{proposal_id}/rebase rebaseProposal
POST /api/proposals/{proposal_id}/revisions reviseProposal
POST /api/proposals/{proposal_id}/stances recordStance
POST /api/proposals/{proposal_id}/status changeProposalStatus
POST /api/provisions/{provision_id}/status setProvisionStatus
POST /api/screen setScreen
POST /api/sessions/current setCurrentSession
POST /api/token createToken
POST /api/users createUser
POST /api/users/{name}/active setUserActive
"""


@pytest.fixture(scope="module")
def document(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("document")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "DATABASE_URL": f"sqlite:///{folder / 'unused.sqlite3'}",
            "INSTANCE_PATH": str(folder),
        }
    )
    response = app.test_client().get("/api/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def _operations(document: dict):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield method, path, operation


def test_the_same_routes_as_recorded(document):
    listed = sorted(
        f"{method.upper()} {path} {operation.get('operationId')}"
        for method, path, operation in _operations(document)
    )
    assert listed == sorted(RECORDED.split("\n")[1:-1])


def test_every_route_of_the_app_is_in_the_document(document, tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
            "INSTANCE_PATH": str(tmp_path),
        }
    )
    routes = {
        f"{method} {rule.rule.replace('<', '{').replace('>', '}')}"
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    # Converters are not part of an OpenAPI path: <int:id> is {id}.
    routes = {route.replace("{int:", "{").replace("{path:", "{") for route in routes}
    listed = {f"{method.upper()} {path}" for method, path, _ in _operations(document)}
    assert routes == listed


def test_version_and_security_schemes(document):
    assert document["openapi"] == "3.1.0"
    schemes = document["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "A token from POST /api/token",
    }
    assert schemes["cookieAuth"]["in"] == "cookie"


def test_every_get_may_answer_304_and_every_write_takes_an_idempotency_key(document):
    for method, path, operation in _operations(document):
        names = [p.get("name") for p in operation.get("parameters", [])]
        if method == "get":
            assert "304" in operation["responses"], path
            assert "Idempotency-Key" not in names, path
        elif path == "/api/token":
            assert "Idempotency-Key" not in names
        else:
            assert names.count("Idempotency-Key") == 1, (method, path)
            assert "422" in operation["responses"], (method, path)


def test_writes_name_their_security_and_errors_their_body(document):
    responses = document["components"].get("responses", {})
    for method, path, operation in _operations(document):
        if method != "get" and path != "/api/token":
            assert operation.get("security"), (method, path)
        for code, answer in operation["responses"].items():
            if code.startswith(("4", "5")) or code == "default":
                if "$ref" in answer:
                    answer = responses[answer["$ref"].rsplit("/", 1)[-1]]
                schema = answer["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Error"}, (method, path, code)
    error = document["components"]["schemas"]["Error"]
    assert set(error["properties"]) >= {"error", "message", "field"}
