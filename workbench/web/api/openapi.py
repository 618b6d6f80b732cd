"""The OpenAPI 3.1 document of the JSON API, served at /api/openapi.json.

A test checks that every /api route is described here and nothing else is.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("openapi", __name__, url_prefix="/api")

LANGS = ["en", "zh", "fr", "es", "ru", "ar"]


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


def _ok(description: str, schema: dict | None = None, status: str = "200") -> dict:
    response = {"description": description}
    if schema is not None:
        response.update(_json(schema))
    return {status: response}


ERRORS = {
    code: {"description": text, **_json(_ref("Error"))}
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


def _errors(*codes: str) -> dict:
    return {code: ERRORS[code] for code in codes}


def _path_param(name: str, schema: dict, description: str) -> dict:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": schema,
        "description": description,
    }


def _query(name: str, schema: dict, description: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


SLUG = _path_param("slug", {"type": "string", "maxLength": 80}, "Instrument slug")
PROVISION_ID = _path_param("provision_id", {"type": "integer", "minimum": 0}, "Provision id")
PROPOSAL_ID = _path_param("proposal_id", {"type": "integer", "minimum": 0}, "Proposal id")
CODE = _path_param("code", {"type": "string", "maxLength": 40}, "Party or session code")
LANG = _query("lang", {"type": "string", "enum": LANGS}, "One language")
TEXTS = {
    "type": "object",
    "additionalProperties": {"type": "string"},
    "propertyNames": {"enum": LANGS},
    "description": "Wording per language",
}
WRITE: list[dict[str, list[str]]] = [{"bearerAuth": []}, {"cookieAuth": []}]

SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error", "message"],
        "properties": {
            "error": {"type": "string"},
            "message": {"type": "string"},
            "field": {"type": "string"},
            "details": {"type": "object"},
        },
    },
    "Texts": TEXTS,
    "InstrumentSummary": {
        "type": "object",
        "required": ["slug", "kind", "title"],
        "properties": {
            "slug": {"type": "string"},
            "kind": {"enum": ["source", "negotiating"]},
            "title": {"type": "object"},
            "is_outline": {"type": "boolean"},
        },
    },
    "Instrument": {
        "type": "object",
        "required": ["slug", "kind", "title", "outline", "provisions", "counts"],
        "properties": {
            "slug": {"type": "string"},
            "kind": {"type": "string"},
            "title": {"type": "object"},
            "counts": {"type": "object"},
            "outline": {"type": "array"},
            "provisions": {"type": "array", "items": _ref("ProvisionSummary")},
        },
    },
    "ProvisionSummary": {
        "type": "object",
        "required": ["id", "kind", "label", "version"],
        "properties": {
            "id": {"type": "integer"},
            "kind": {"type": "string"},
            "label": {"type": "string"},
            "title": {"type": "object"},
            "version": {"type": "integer"},
            "deleted": {"type": "boolean"},
            "text": TEXTS,
        },
    },
    "Provision": {
        "type": "object",
        "description": "A provision with its current text; its latest versions and its first "
        "pending proposals as summaries with links (the rest: links.proposals, paged).",
        "required": [
            "id",
            "label",
            "text",
            "versions",
            "proposals",
            "proposal_counts",
            "links",
            "correspondences",
        ],
        "properties": {
            "id": {"type": "integer"},
            "label": {"type": "string"},
            "text": TEXTS,
            "versions": {"type": "array", "items": _ref("VersionSummary")},
            "proposals": {"type": "array", "items": _ref("ProposalSummary")},
            "proposal_counts": {
                "type": "object",
                "description": "Proposals on the provision per status",
                "additionalProperties": {"type": "integer"},
            },
            "links": {
                "type": "object",
                "properties": {
                    "self": {"type": "string"},
                    "proposals": {"type": "string"},
                    "current_version": {"type": ["string", "null"]},
                    "blame": {"type": "string"},
                },
            },
            "correspondences": {"type": "array"},
        },
    },
    "VersionSummary": {
        "type": "object",
        "required": ["id", "number", "origin", "href"],
        "properties": {
            "id": {"type": "integer"},
            "number": {"type": "integer"},
            "origin": {"type": "string"},
            "is_deletion": {"type": "boolean"},
            "created_at": {"type": ["string", "null"]},
            "href": {"type": "string"},
        },
    },
    "ProposalSummary": {
        "type": "object",
        "required": ["id", "kind", "status", "session", "sponsors_label", "href"],
        "properties": {
            "id": {"type": "integer"},
            "kind": {"enum": ["amend", "insert", "delete"]},
            "status": {"type": "string"},
            "session": {"type": "string"},
            "tabled_on": {"type": "string"},
            "symbol": {"type": ["string", "null"]},
            "sponsors_label": {"type": "object"},
            "href": {"type": "string"},
        },
    },
    "Version": {
        "type": "object",
        "required": ["id", "number", "origin", "text"],
        "properties": {
            "id": {"type": "integer"},
            "number": {"type": "integer"},
            "origin": {"type": "string"},
            "text": TEXTS,
            "is_deletion": {"type": "boolean"},
        },
    },
    "Diff": {
        "type": "object",
        "description": "Per language: ops, html, plain text",
        "additionalProperties": {
            "type": "object",
            "properties": {
                "ops": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "op": {"enum": ["equal", "insert", "delete"]},
                            "text": {"type": "string"},
                        },
                    },
                },
                "html": {"type": "string"},
                "text": {"type": "string"},
            },
        },
    },
    "Proposal": {
        "type": "object",
        "required": ["id", "kind", "status", "sponsors", "revision", "session"],
        "properties": {
            "id": {"type": "integer"},
            "kind": {"enum": ["amend", "insert", "delete"]},
            "status": {
                "enum": ["tabled", "under_discussion", "agreed", "rejected", "withdrawn", "merged"]
            },
            "stale": {"type": "boolean"},
            "sponsors": {"type": "array"},
            "stances": {"type": "array"},
            "status_history": {"type": "array"},
            "revision": {"type": "object"},
            "session": {"type": "object"},
            "diff": _ref("Diff"),
        },
    },
    "NewProposal": {
        "type": "object",
        "required": ["instrument", "kind", "sponsor"],
        "properties": {
            "instrument": {"type": "string", "description": "Negotiating text slug"},
            "kind": {"enum": ["amend", "insert", "delete"]},
            "provision_id": {
                "type": "integer",
                "description": "Provision to amend or delete; "
                "for an insertion, the provision the new one follows",
            },
            "provision": {
                "type": "string",
                "description": "Or the provision's label in the text, e.g. Article 2",
            },
            "chapter_id": {"type": "integer", "description": "Insertion at a chapter's start"},
            "base_version_id": {"type": "integer"},
            "text": TEXTS,
            "label": {"type": "string"},
            "title_en": {"type": "string"},
            "title_zh": {"type": "string"},
            "rationale": {"type": "string"},
            "session": {
                "type": "string",
                "description": "Session code, e.g. AHC-4 (default: the session in progress)",
            },
            "sponsor": {"type": "string", "description": "Party code of the main sponsor"},
            "on_behalf_of": {"type": "string", "description": "Group code (a member's)"},
            "cosponsors": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Invited: named once each state accepts",
            },
            "cosponsors_consented": {
                "type": "boolean",
                "description": "Secretariat: the co-sponsors consented orally in the room",
            },
            "tabled_on": {"type": "string", "format": "date"},
            "symbol": {"type": "string"},
        },
    },
    "Party": {
        "type": "object",
        "required": ["code", "name", "kind"],
        "properties": {
            "code": {"type": "string"},
            "name": {"type": "object"},
            "kind": {"type": "string"},
        },
    },
    "Session": {
        "type": "object",
        "required": ["code", "title", "starts_on"],
        "properties": {
            "code": {"type": "string"},
            "title": {"type": "object"},
            "starts_on": {"type": "string", "format": "date"},
        },
    },
    "Topic": {
        "type": "object",
        "required": ["slug", "title"],
        "properties": {"slug": {"type": "string"}, "title": {"type": "object"}},
    },
}


def build_spec() -> dict:
    """The whole OpenAPI document."""
    paths: dict[str, dict] = {
        "/api/openapi.json": {
            "get": {
                "summary": "This document",
                "operationId": "openapi",
                "responses": _ok("The OpenAPI document", {"type": "object"}),
            }
        },
        "/api/instruments": {
            "get": {
                "summary": "List instruments",
                "operationId": "listInstruments",
                "parameters": [_query("kind", {"enum": ["source", "negotiating"]}, "Filter")],
                "responses": {
                    **_ok(
                        "Instruments",
                        {
                            "type": "object",
                            "properties": {
                                "instruments": {"type": "array", "items": _ref("InstrumentSummary")}
                            },
                        },
                    ),
                    **_errors("400", "401"),
                },
            },
            "post": {
                "summary": "Create a negotiating text from a source or from picked provisions",
                "operationId": "createNegotiatingText",
                "security": WRITE,
                "requestBody": {
                    "required": True,
                    **_json(
                        {
                            "type": "object",
                            "required": ["slug"],
                            "properties": {
                                "slug": {"type": "string"},
                                "title_en": {"type": "string"},
                                "title_zh": {"type": "string"},
                                "source": {"type": "string"},
                                "picks": {"type": "array", "items": {"type": "object"}},
                                "session": {"type": "string"},
                                "symbol": {"type": "string"},
                            },
                        }
                    ),
                },
                "responses": {
                    **_ok("Created", _ref("Instrument"), "201"),
                    **_errors("400", "401", "403", "404", "409", "413"),
                },
            },
        },
        "/api/instruments/{slug}": {
            "get": {
                "summary": "An instrument with chapters, provisions and current text",
                "operationId": "getInstrument",
                "parameters": [SLUG, LANG, _query("text", {"enum": ["0", "1"]}, "Include wording")],
                "responses": {
                    **_ok("The instrument", _ref("Instrument")),
                    **_errors("400", "401", "404"),
                },
            }
        },
        "/api/instruments/{slug}/consolidated": {
            "get": {
                "summary": "The consolidated text: common wording once, disputed spans as options",
                "operationId": "getConsolidatedText",
                "parameters": [SLUG, _query("lang", {"enum": ["en", "zh"]}, "Language")],
                "responses": {
                    **_ok(
                        "Each provision's segments: {text} common to all, or {options}, each "
                        "option {text, parties, proposal_ids, current}",
                        {
                            "type": "object",
                            "properties": {
                                "lang": {"type": "string"},
                                "provisions": {"type": "array", "items": {"type": "object"}},
                            },
                        },
                    ),
                    **_errors("400", "401", "404"),
                },
            }
        },
        "/api/instruments/{slug}/export": {
            "get": {
                "summary": "Download the consolidated text as a Word file",
                "operationId": "exportInstrument",
                "parameters": [
                    SLUG,
                    _query(
                        "mode", {"enum": ["brackets", "alternatives", "tracked"]}, "Presentation"
                    ),
                    _query(
                        "languages",
                        {"type": "string", "pattern": "^(en|zh)(,(en|zh))?$"},
                        "en, zh or en,zh (side by side)",
                    ),
                    _query("format", {"enum": ["docx", "pdf", "akn"]}, "File format"),
                    _query("agenda_item", {"type": "string"}, "The agenda item page 1 names"),
                    _query("lang", {"enum": LANGS}, "Language of an Akoma Ntoso expression"),
                ],
                "responses": {
                    "200": {
                        "description": "The Word file, PDF, or Akoma Ntoso 3.0 XML",
                        "content": {
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
                                "schema": {"type": "string", "format": "binary"}
                            },
                            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                            "application/akn+xml": {
                                "schema": {"type": "string", "format": "binary"}
                            },
                        },
                    },
                    **_errors("400", "401", "404", "409"),
                },
            }
        },
        "/api/instruments/{slug}/changes": {
            "get": {
                "summary": "Changes between two sessions as tracked changes (Word)",
                "operationId": "exportSessionChanges",
                "parameters": [
                    SLUG,
                    _query("from", {"type": "string"}, "Earlier session code"),
                    _query("to", {"type": "string"}, "Later session code"),
                    _query(
                        "languages",
                        {"type": "string", "pattern": "^(en|zh)(,(en|zh))?$"},
                        "en, zh or en,zh",
                    ),
                ],
                "responses": {
                    "200": {
                        "description": "The Word file",
                        "content": {
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
                                "schema": {"type": "string", "format": "binary"}
                            }
                        },
                    },
                    **_errors("400", "401", "404"),
                },
            }
        },
        "/api/synopsis/{what}": {
            "get": {
                "summary": "Synoptic table: a topic slug, all, or SLUG:CHAPTER",
                "operationId": "exportSynopsis",
                "parameters": [
                    _path_param(
                        "what",
                        {"type": "string", "maxLength": 200},
                        "Topic slug, all, or instrument:chapter label",
                    ),
                    _query("lang", {"enum": ["en", "zh"]}, "Language"),
                ],
                "responses": {
                    "200": {
                        "description": "The Word file",
                        "content": {
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
                                "schema": {"type": "string", "format": "binary"}
                            }
                        },
                    },
                    **_errors("400", "401", "404"),
                },
            }
        },
        "/api/provisions/{provision_id}": {
            "get": {
                "summary": "A provision with its current text, its latest versions and pending "
                "proposals as summaries with links, and its correspondences",
                "operationId": "getProvision",
                "parameters": [PROVISION_ID],
                "responses": {**_ok("The provision", _ref("Provision")), **_errors("401", "404")},
            }
        },
        "/api/instruments/{slug}/provisions/{label}": {
            "get": {
                "summary": "A provision found by its label in an instrument",
                "operationId": "getProvisionByLabel",
                "parameters": [
                    SLUG,
                    {"name": "label", "in": "path", "required": True, "schema": {"type": "string"}},
                ],
                "responses": {**_ok("The provision", _ref("Provision")), **_errors("401", "404")},
            }
        },
        "/api/provisions/{provision_id}/versions/{number}": {
            "get": {
                "summary": "One version of a provision",
                "operationId": "getVersion",
                "parameters": [
                    PROVISION_ID,
                    _path_param("number", {"type": "integer", "minimum": 0}, "Version number"),
                ],
                "responses": {**_ok("The version", _ref("Version")), **_errors("401", "404")},
            }
        },
        "/api/provisions/{provision_id}/diff": {
            "get": {
                "summary": "Word-level diff of two versions of a provision",
                "operationId": "diffVersions",
                "parameters": [
                    PROVISION_ID,
                    _query("from", {"type": "integer", "minimum": 1}, "Old"),
                    _query("to", {"type": "integer", "minimum": 1}, "New"),
                    LANG,
                ],
                "responses": {
                    **_ok("The diff", {"type": "object", "properties": {"diff": _ref("Diff")}}),
                    **_errors("400", "401", "404"),
                },
            }
        },
        "/api/provisions/{provision_id}/blame": {
            "get": {
                "summary": "The current text, each span attributed to who introduced it",
                "operationId": "blameProvision",
                "parameters": [PROVISION_ID, LANG],
                "responses": {
                    **_ok("Spans per language", {"type": "object"}),
                    **_errors("400", "401", "404"),
                },
            }
        },
        "/api/compare": {
            "get": {
                "summary": "Word-level comparison of any two provisions",
                "operationId": "compareProvisions",
                "parameters": [
                    _query("left", {"type": "integer", "minimum": 1}, "Provision id"),
                    _query("right", {"type": "integer", "minimum": 1}, "Provision id"),
                    LANG,
                ],
                "responses": {
                    **_ok("Both provisions and the diff", {"type": "object"}),
                    **_errors("400", "401", "404"),
                },
            }
        },
        "/api/proposals": {
            "get": {
                "summary": "List proposals",
                "operationId": "listProposals",
                "parameters": [
                    _query("instrument", {"type": "string"}, "Negotiating text slug"),
                    _query("provision", {"type": "integer", "minimum": 1}, "Provision id"),
                    _query("party", {"type": "string"}, "Sponsoring party code"),
                    _query("session", {"type": "string"}, "Session code"),
                    _query(
                        "status",
                        {
                            "enum": [
                                "tabled",
                                "under_discussion",
                                "agreed",
                                "rejected",
                                "withdrawn",
                                "merged",
                            ]
                        },
                        "Status",
                    ),
                    _query(
                        "q", {"type": "string", "maxLength": 200}, "Words in wording or rationale"
                    ),
                    _query("limit", {"type": "integer", "minimum": 1, "maximum": 1000}, "Page"),
                    _query("offset", {"type": "integer", "minimum": 0}, "Skip"),
                ],
                "responses": {
                    **_ok(
                        "Proposals",
                        {
                            "type": "object",
                            "properties": {
                                "proposals": {"type": "array", "items": _ref("Proposal")},
                                "total": {"type": "integer"},
                            },
                        },
                    ),
                    **_errors("400", "401", "404"),
                },
            },
            "post": {
                "summary": "Table a proposal",
                "operationId": "createProposal",
                "security": WRITE,
                "requestBody": {"required": True, **_json(_ref("NewProposal"))},
                "responses": {
                    **_ok("Tabled", _ref("Proposal"), "201"),
                    **_errors("400", "401", "403", "404", "409", "413"),
                },
            },
        },
        "/api/proposals/{proposal_id}": {
            "get": {
                "summary": "A proposal with its diff against its base",
                "operationId": "getProposal",
                "parameters": [PROPOSAL_ID, LANG],
                "responses": {
                    **_ok("The proposal", _ref("Proposal")),
                    **_errors("400", "401", "404"),
                },
            }
        },
        "/api/proposals/{proposal_id}/status": {
            "post": {
                "summary": "Change a proposal's status (agreeing appends a version)",
                "operationId": "changeProposalStatus",
                "security": WRITE,
                "parameters": [PROPOSAL_ID],
                "requestBody": {
                    "required": True,
                    **_json(
                        {
                            "type": "object",
                            "required": ["status"],
                            "properties": {
                                "status": {
                                    "enum": [
                                        "tabled",
                                        "under_discussion",
                                        "agreed",
                                        "rejected",
                                        "withdrawn",
                                        "merged",
                                    ]
                                },
                                "note": {"type": "string"},
                                "session": {"type": "string"},
                                "merged_into": {"type": "integer"},
                            },
                        }
                    ),
                },
                "responses": {
                    **_ok("The proposal", _ref("Proposal")),
                    **_errors("400", "401", "403", "404", "409", "413"),
                },
            }
        },
        "/api/proposals/{proposal_id}/cosponsors": {
            "post": {
                "summary": "Join as co-sponsor",
                "operationId": "addCosponsor",
                "security": WRITE,
                "parameters": [PROPOSAL_ID],
                "requestBody": {
                    "required": True,
                    **_json(
                        {
                            "type": "object",
                            "required": ["party"],
                            "properties": {
                                "party": {"type": "string"},
                                "session": {"type": "string"},
                            },
                        }
                    ),
                },
                "responses": {
                    **_ok("The proposal", _ref("Proposal"), "201"),
                    **_errors("400", "401", "403", "404", "409", "413"),
                },
            }
        },
        "/api/proposals/{proposal_id}/cosponsors/{code}": {
            "delete": {
                "summary": "Withdraw a co-sponsorship (kept in the history)",
                "operationId": "withdrawCosponsor",
                "security": WRITE,
                "parameters": [PROPOSAL_ID, CODE, _query("session", {"type": "string"}, "Session")],
                "responses": {
                    **_ok("The proposal", _ref("Proposal")),
                    **_errors("401", "403", "404", "409"),
                },
            }
        },
        "/api/proposals/{proposal_id}/stances": {
            "post": {
                "summary": "Record a party's stance",
                "operationId": "recordStance",
                "security": WRITE,
                "parameters": [PROPOSAL_ID],
                "requestBody": {
                    "required": True,
                    **_json(
                        {
                            "type": "object",
                            "required": ["party", "position"],
                            "properties": {
                                "party": {"type": "string"},
                                "position": {"enum": ["support", "oppose", "reserve"]},
                                "session": {"type": "string"},
                                "stated_on": {"type": "string", "format": "date"},
                                "note": {"type": "string"},
                            },
                        }
                    ),
                },
                "responses": {
                    **_ok("The proposal", _ref("Proposal"), "201"),
                    **_errors("400", "401", "403", "404", "409", "413"),
                },
            }
        },
        "/api/proposals/{proposal_id}/revisions": {
            "get": {
                "summary": "Every revision of a proposal, each with its diff",
                "operationId": "listRevisions",
                "parameters": [PROPOSAL_ID],
                "responses": {
                    **_ok("Revisions", {"type": "object"}),
                    **_errors("400", "401", "404"),
                },
            },
            "post": {
                "summary": "Revise a pending proposal (its sponsor)",
                "operationId": "reviseProposal",
                "security": WRITE,
                "parameters": [PROPOSAL_ID],
                "requestBody": {
                    "required": True,
                    **_json(
                        {
                            "type": "object",
                            "required": ["text"],
                            "properties": {
                                "text": TEXTS,
                                "rationale": {"type": "string"},
                                "note": {"type": "string"},
                            },
                        }
                    ),
                },
                "responses": {
                    **_ok("The proposal", _ref("Proposal"), "201"),
                    **_errors("400", "401", "403", "404", "409", "413"),
                },
            },
        },
        "/api/proposals/{proposal_id}/rebase": {
            "get": {
                "summary": "Base, current and proposed side by side, with a suggested merge",
                "operationId": "rebaseView",
                "parameters": [PROPOSAL_ID],
                "responses": {
                    **_ok("Side by side", {"type": "object"}),
                    **_errors("400", "401", "404"),
                },
            },
            "post": {
                "summary": "Rebase a stale proposal on the current text",
                "operationId": "rebaseProposal",
                "security": WRITE,
                "parameters": [PROPOSAL_ID],
                "requestBody": {
                    "required": True,
                    **_json(
                        {
                            "type": "object",
                            "properties": {"text": TEXTS, "note": {"type": "string"}},
                        }
                    ),
                },
                "responses": {
                    **_ok("The proposal", _ref("Proposal")),
                    **_errors("400", "401", "403", "404", "409", "413"),
                },
            },
        },
        "/api/parties": {
            "get": {
                "summary": "List parties",
                "operationId": "listParties",
                "parameters": [
                    _query(
                        "kind",
                        {"enum": ["state", "observer_state", "group", "organization"]},
                        "Filter",
                    )
                ],
                "responses": {
                    **_ok(
                        "Parties",
                        {
                            "type": "object",
                            "properties": {"parties": {"type": "array", "items": _ref("Party")}},
                        },
                    ),
                    **_errors("400", "401"),
                },
            }
        },
        "/api/parties/{code}": {
            "get": {
                "summary": "A party with its groups or members",
                "operationId": "getParty",
                "parameters": [CODE],
                "responses": {**_ok("The party", _ref("Party")), **_errors("401", "404")},
            }
        },
        "/api/parties/{code}/proposals": {
            "get": {
                "summary": "A party's proposals, co-sponsorships and stances",
                "operationId": "getPartyProposals",
                "parameters": [CODE],
                "responses": {**_ok("The record", {"type": "object"}), **_errors("401", "404")},
            }
        },
        "/api/sessions": {
            "get": {
                "summary": "List sessions",
                "operationId": "listSessions",
                "responses": {
                    **_ok(
                        "Sessions",
                        {
                            "type": "object",
                            "properties": {"sessions": {"type": "array", "items": _ref("Session")}},
                        },
                    ),
                    **_errors("401"),
                },
            }
        },
        "/api/sessions/current": {
            "get": {
                "summary": "The session in progress",
                "operationId": "getCurrentSession",
                "responses": {**_ok("The session", _ref("Session")), **_errors("401", "404")},
            },
            "post": {
                "summary": "Set the session in progress (secretariat)",
                "operationId": "setCurrentSession",
                "security": WRITE,
                "requestBody": {
                    "required": True,
                    **_json(
                        {
                            "type": "object",
                            "properties": {"session": {"type": ["string", "null"]}},
                        }
                    ),
                },
                "responses": {
                    **_ok("The session in progress", {"type": "object"}),
                    **_errors("400", "401", "403", "404", "413"),
                },
            },
        },
        "/api/sessions/{code}": {
            "get": {
                "summary": "A session and what was tabled there",
                "operationId": "getSession",
                "parameters": [CODE],
                "responses": {**_ok("The session", _ref("Session")), **_errors("401", "404")},
            }
        },
        "/api/topics": {
            "get": {
                "summary": "Topics of the concordance",
                "operationId": "listTopics",
                "responses": {
                    **_ok(
                        "Topics",
                        {
                            "type": "object",
                            "properties": {"topics": {"type": "array", "items": _ref("Topic")}},
                        },
                    ),
                    **_errors("401"),
                },
            }
        },
        "/api/topics/{slug}": {
            "get": {
                "summary": "Every instrument's text on a topic",
                "operationId": "getTopic",
                "parameters": [_path_param("slug", {"type": "string", "maxLength": 80}, "Topic")],
                "responses": {**_ok("Synopsis", {"type": "object"}), **_errors("401", "404")},
            }
        },
        "/api/search": {
            "get": {
                "summary": "Full-text search across all texts, English and Chinese",
                "operationId": "search",
                "parameters": [
                    _query("q", {"type": "string", "maxLength": 200}, "Query"),
                    _query("instrument", {"type": "string"}, "Limit to an instrument"),
                    _query("limit", {"type": "integer", "minimum": 1, "maximum": 200}, "Results"),
                ],
                "responses": {**_ok("Hits", {"type": "object"}), **_errors("400", "401", "404")},
            }
        },
        "/api/imports": {
            "post": {
                "summary": "Import an instrument from a .docx, .odt, .doc, .rtf, .md, .txt or Akoma Ntoso .xml file (secretariat)",
                "operationId": "importInstrument",
                "security": WRITE,
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["file"],
                                "properties": {
                                    "file": {"type": "string", "format": "binary"},
                                    "slug": {"type": "string"},
                                    "title": {"type": "string"},
                                    "into": {"type": "string"},
                                    "language": {"enum": LANGS},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    **_ok("Imported", {"type": "object"}, "201"),
                    **_errors("400", "401", "403", "404", "409", "413"),
                },
            }
        },
        "/api/instruments/{slug}/tracked-changes": {
            "post": {
                "summary": "A Word file with tracked changes (or a bracketed consolidated "
                "text) becomes proposals by its authors (or the sponsors it names)",
                "operationId": "importTrackedChanges",
                "security": WRITE,
                "parameters": [SLUG],
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["file", "session"],
                                "properties": {
                                    "file": {"type": "string", "format": "binary"},
                                    "session": {"type": "string"},
                                    "author_map": {
                                        "type": "string",
                                        "description": "JSON: author name → party code",
                                    },
                                    "allow_duplicates": {
                                        "type": "string",
                                        "description": "true: table changes that are "
                                        "already proposals again",
                                    },
                                    "skip_bad": {
                                        "type": "string",
                                        "description": "A bracketed text (secretariat): "
                                        "true imports the provisions without faults",
                                    },
                                },
                            }
                        }
                    },
                },
                "responses": {
                    **_ok("Proposals created", {"type": "object"}, "201"),
                    **_errors("400", "401", "403", "404", "409", "413"),
                },
            }
        },
        "/api/token": {
            "post": {
                "summary": "Exchange name and password for an API token",
                "operationId": "createToken",
                "requestBody": {
                    "required": True,
                    **_json(
                        {
                            "type": "object",
                            "required": ["name", "password"],
                            "properties": {
                                "name": {"type": "string"},
                                "password": {"type": "string"},
                                "code": {"type": "string", "description": "TOTP code"},
                                "token_name": {"type": "string"},
                                "days": {"type": "integer", "minimum": 1, "maximum": 366},
                            },
                        }
                    ),
                },
                "responses": {
                    **_ok("A new token (the others stay valid)", {"type": "object"}, "201"),
                    **_errors("400", "401", "403", "409", "413"),
                    "429": {"description": "Too many failed logins", **_json(_ref("Error"))},
                },
            }
        },
        "/api/tokens": {
            "get": {
                "summary": "The caller's API tokens (names, expiry, last use)",
                "operationId": "listTokens",
                "security": WRITE,
                "responses": {**_ok("Tokens", {"type": "object"}), **_errors("401")},
            }
        },
        "/api/tokens/{token_name}": {
            "delete": {
                "summary": "Revoke one of the caller's tokens",
                "operationId": "revokeToken",
                "security": WRITE,
                "parameters": [_path_param("token_name", {"type": "string"}, "Token name")],
                "responses": {
                    **_ok("The revoked token", {"type": "object"}),
                    **_errors("401", "404"),
                },
            }
        },
        "/api/users/{name}/active": {
            "post": {
                "summary": "Disable or enable a user (admins); their sessions end",
                "operationId": "setUserActive",
                "security": WRITE,
                "parameters": [_path_param("name", {"type": "string"}, "User name")],
                "requestBody": {
                    "required": True,
                    **_json(
                        {
                            "type": "object",
                            "required": ["active"],
                            "properties": {"active": {"type": "boolean"}},
                        }
                    ),
                },
                "responses": {
                    **_ok("The user", {"type": "object"}),
                    **_errors("400", "401", "403", "404"),
                },
            }
        },
        "/api/me": {
            "get": {
                "summary": "The authenticated user",
                "operationId": "me",
                "security": WRITE,
                "responses": {**_ok("The user", {"type": "object"}), **_errors("401")},
            }
        },
        "/api/users": {
            "get": {
                "summary": "List users (admins)",
                "operationId": "listUsers",
                "security": WRITE,
                "responses": {**_ok("Users", {"type": "object"}), **_errors("401", "403")},
            },
            "post": {
                "summary": "Create a user (admins)",
                "operationId": "createUser",
                "security": WRITE,
                "requestBody": {
                    "required": True,
                    **_json(
                        {
                            "type": "object",
                            "required": ["name", "role", "password"],
                            "properties": {
                                "name": {"type": "string"},
                                "role": {"enum": ["secretariat", "delegate", "observer", "admin"]},
                                "password": {"type": "string"},
                                "party": {"type": "string"},
                            },
                        }
                    ),
                },
                "responses": {
                    **_ok("Created", {"type": "object"}, "201"),
                    **_errors("400", "401", "403", "404", "409", "413"),
                },
            },
        },
        "/api/audit": {
            "get": {
                "summary": "The audit log (secretariat, admins)",
                "operationId": "listAudit",
                "security": WRITE,
                "parameters": [
                    _query("limit", {"type": "integer", "minimum": 1, "maximum": 1000}, "Page"),
                    _query("offset", {"type": "integer", "minimum": 0}, "Skip"),
                    _query("entity", {"type": "string"}, "Entity type"),
                ],
                "responses": {**_ok("Entries", {"type": "object"}), **_errors("400", "401", "403")},
            }
        },
        "/api/events": {
            "get": {
                "summary": "Server-Sent Events: tabled, revised, decided, rebased proposals, "
                "new versions, the provision on screen (kinds and ids only)",
                "operationId": "streamEvents",
                "parameters": [
                    {
                        "name": "Last-Event-ID",
                        "in": "header",
                        "schema": {"type": "string", "pattern": "^[0-9]{1,18}$"},
                        "description": "Resume after this event (the browser sends it)",
                    },
                    _query(
                        "after",
                        {"type": "string", "pattern": "^[0-9]{1,18}$"},
                        "Start after this event (default: from now on)",
                    ),
                ],
                "responses": {
                    "200": {
                        "description": "An endless text/event-stream; a comment every 15 s",
                        "content": {"text/event-stream": {"schema": {"type": "string"}}},
                    },
                    **_errors("400", "401"),
                },
            }
        },
        "/api/screen": {
            "get": {
                "summary": "The provision on screen at the session in progress",
                "operationId": "getScreen",
                "responses": {**_ok("What is on screen", {"type": "object"}), **_errors("401")},
            },
            "post": {
                "summary": "Put a provision of a negotiating text on screen (secretariat)",
                "operationId": "setScreen",
                "security": WRITE,
                "requestBody": {
                    "required": True,
                    **_json(
                        {
                            "type": "object",
                            "required": ["provision"],
                            "properties": {"provision": {"type": "integer"}},
                        }
                    ),
                },
                "responses": {
                    **_ok("What is on screen", {"type": "object"}),
                    **_errors("400", "401", "403", "404", "409", "413"),
                },
            },
        },
    }
    paths.update(progress_paths())
    for item in paths.values():
        if "get" in item:
            item["get"]["responses"].setdefault("304", NOT_MODIFIED)
    add_idempotency_key(paths)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Treaty workbench API",
            "version": "1.0",
            "description": "Instruments, provisions and their versions, proposals with their "
            "sponsors, word-level diffs, attribution and consolidated Word drafts.",
        },
        "paths": paths,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token from POST /api/token",
                },
                "cookieAuth": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "session",
                    "description": "The browser session (send X-CSRFToken on writes)",
                },
            },
        },
    }


PROVISION_STATUSES = [
    "open",
    "under_negotiation",
    "informally_agreed",
    "agreed_ad_ref",
    "reopened",
]


def progress_paths() -> dict:
    """The negotiation status of provisions and the progress of a text."""
    status = {
        "description": "A provision's negotiation status and its history",
        **_json({"type": "object", "required": ["provision_id", "status", "history"]}),
    }
    return {
        "/api/provisions/{provision_id}/status": {
            "get": {
                "summary": "A provision's negotiation status with its history",
                "operationId": "getProvisionStatus",
                "parameters": [PROVISION_ID],
                "responses": {"200": status, **_errors("401", "404")},
            },
            "post": {
                "summary": "Set a provision's negotiation status (secretariat)",
                "operationId": "setProvisionStatus",
                "security": WRITE,
                "parameters": [PROVISION_ID],
                "requestBody": {
                    "required": True,
                    **_json(
                        {
                            "type": "object",
                            "required": ["status"],
                            "properties": {
                                "status": {"enum": PROVISION_STATUSES},
                                "session": {"type": "string"},
                                "note": {"type": "string"},
                            },
                        }
                    ),
                },
                "responses": {
                    "200": status,
                    **_errors("400", "401", "403", "404", "409", "413"),
                },
            },
        },
        "/api/instruments/{slug}/progress": {
            "get": {
                "summary": "How far a text has come: statuses by provision, chapter and session",
                "operationId": "getProgress",
                "parameters": [SLUG],
                "responses": {
                    **_ok(
                        "Totals per status, per chapter and per session, and every provision",
                        {"type": "object", "required": ["totals", "provisions"]},
                    ),
                    **_errors("401", "404"),
                },
            }
        },
    }


IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[!-~]+$"},
    "description": "A key of the client's own (a UUID): sent again with the same request, the "
    "first successful answer comes back instead of acting twice; kept for a day.",
}


def add_idempotency_key(paths: dict) -> None:
    """Every write but the token exchange accepts an Idempotency-Key."""
    for path, operations in paths.items():
        for method, operation in operations.items():
            if method not in ("post", "put", "patch", "delete") or path == "/api/token":
                continue
            operation.setdefault("parameters", []).append(IDEMPOTENCY_KEY)
            operation["responses"].setdefault(
                "422",
                {"description": "The Idempotency-Key was used for another request"}
                | _json(_ref("Error")),
            )


@bp.get("/openapi.json")
def openapi_document():
    """The OpenAPI document of this API."""
    return build_spec()
