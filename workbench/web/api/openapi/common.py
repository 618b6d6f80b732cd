"""The building blocks of the OpenAPI document: references, bodies, answers, parameters."""

from __future__ import annotations

LANGS = ["en", "zh", "fr", "es", "ru", "ar"]


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def json_body(schema: dict) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


def ok(description: str, schema: dict | None = None, status: str = "200") -> dict:
    response = {"description": description}
    if schema is not None:
        response.update(json_body(schema))
    return {status: response}


ERRORS = {
    code: {"description": text, **json_body(ref("Error"))}
    for code, text in {
        "400": "Malformed request or broken rule",
        "401": "Not logged in",
        "403": "Not allowed for this role or party",
        "404": "Not found",
        "409": "Conflicts with the current state (stale base, impossible move)",
        "413": "Too large",
    }.items()
}


# Every successful GET carries an ETag; sent back in If-None-Match, it gets this.
NOT_MODIFIED = {
    "description": "Not modified: the answer is still the one whose ETag was sent in "
    "If-None-Match (no body)"
}


def errors(*codes: str) -> dict:
    return {code: ERRORS[code] for code in codes}


def path_param(name: str, schema: dict, description: str) -> dict:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": schema,
        "description": description,
    }


def query(name: str, schema: dict, description: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


SLUG = path_param("slug", {"type": "string", "maxLength": 80}, "Instrument slug")
PROVISION_ID = path_param("provision_id", {"type": "integer", "minimum": 0}, "Provision id")
PROPOSAL_ID = path_param("proposal_id", {"type": "integer", "minimum": 0}, "Proposal id")
CODE = path_param("code", {"type": "string", "maxLength": 40}, "Party or session code")
LANG = query("lang", {"type": "string", "enum": LANGS}, "One language")
TEXTS = {
    "type": "object",
    "additionalProperties": {"type": "string"},
    "propertyNames": {"enum": LANGS},
    "description": "Wording per language",
}
WRITE: list[dict[str, list[str]]] = [{"bearerAuth": []}, {"cookieAuth": []}]
