"""Paths of the API: Proposals, parties, sessions, topics and search."""

from __future__ import annotations

from workbench.web.api.openapi.common import (
    CODE,
    LANG,
    PROPOSAL_ID,
    TEXTS,
    WRITE,
    errors,
    json_body,
    ok,
    path_param,
    query,
    ref,
)


def negotiation_paths() -> dict:
    """Proposals, parties, sessions, topics and search."""
    return {
        "/api/proposals": {
            "get": {
                "summary": "List proposals",
                "operationId": "listProposals",
                "parameters": [
                    query("instrument", {"type": "string"}, "Negotiating text slug"),
                    query("provision", {"type": "integer", "minimum": 1}, "Provision id"),
                    query("party", {"type": "string"}, "Sponsoring party code"),
                    query("session", {"type": "string"}, "Session code"),
                    query(
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
                    query(
                        "q", {"type": "string", "maxLength": 200}, "Words in wording or rationale"
                    ),
                    query("limit", {"type": "integer", "minimum": 1, "maximum": 1000}, "Page"),
                    query("offset", {"type": "integer", "minimum": 0}, "Skip"),
                ],
                "responses": {
                    **ok(
                        "Proposals",
                        {
                            "type": "object",
                            "properties": {
                                "proposals": {"type": "array", "items": ref("Proposal")},
                                "total": {"type": "integer"},
                            },
                        },
                    ),
                    **errors("400", "401", "404"),
                },
            },
            "post": {
                "summary": "Table a proposal",
                "operationId": "createProposal",
                "security": WRITE,
                "requestBody": {"required": True, **json_body(ref("NewProposal"))},
                "responses": {
                    **ok("Tabled", ref("Proposal"), "201"),
                    **errors("400", "401", "403", "404", "409", "413"),
                },
            },
        },
        "/api/proposals/{proposal_id}": {
            "get": {
                "summary": "A proposal with its diff against its base",
                "operationId": "getProposal",
                "parameters": [PROPOSAL_ID, LANG],
                "responses": {
                    **ok("The proposal", ref("Proposal")),
                    **errors("400", "401", "404"),
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
                    **json_body(
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
                    **ok("The proposal", ref("Proposal")),
                    **errors("400", "401", "403", "404", "409", "413"),
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
                    **json_body(
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
                    **ok("The proposal", ref("Proposal"), "201"),
                    **errors("400", "401", "403", "404", "409", "413"),
                },
            }
        },
        "/api/proposals/{proposal_id}/cosponsors/{code}": {
            "delete": {
                "summary": "Withdraw a co-sponsorship (kept in the history)",
                "operationId": "withdrawCosponsor",
                "security": WRITE,
                "parameters": [PROPOSAL_ID, CODE, query("session", {"type": "string"}, "Session")],
                "responses": {
                    **ok("The proposal", ref("Proposal")),
                    **errors("401", "403", "404", "409"),
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
                    **json_body(
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
                    **ok("The proposal", ref("Proposal"), "201"),
                    **errors("400", "401", "403", "404", "409", "413"),
                },
            }
        },
        "/api/proposals/{proposal_id}/revisions": {
            "get": {
                "summary": "Every revision of a proposal, each with its diff",
                "operationId": "listRevisions",
                "parameters": [PROPOSAL_ID],
                "responses": {
                    **ok("Revisions", {"type": "object"}),
                    **errors("400", "401", "404"),
                },
            },
            "post": {
                "summary": "Revise a pending proposal (its sponsor)",
                "operationId": "reviseProposal",
                "security": WRITE,
                "parameters": [PROPOSAL_ID],
                "requestBody": {
                    "required": True,
                    **json_body(
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
                    **ok("The proposal", ref("Proposal"), "201"),
                    **errors("400", "401", "403", "404", "409", "413"),
                },
            },
        },
        "/api/proposals/{proposal_id}/rebase": {
            "get": {
                "summary": "Base, current and proposed side by side, with a suggested merge",
                "operationId": "rebaseView",
                "parameters": [PROPOSAL_ID],
                "responses": {
                    **ok("Side by side", {"type": "object"}),
                    **errors("400", "401", "404"),
                },
            },
            "post": {
                "summary": "Rebase a stale proposal on the current text",
                "operationId": "rebaseProposal",
                "security": WRITE,
                "parameters": [PROPOSAL_ID],
                "requestBody": {
                    "required": True,
                    **json_body(
                        {
                            "type": "object",
                            "properties": {"text": TEXTS, "note": {"type": "string"}},
                        }
                    ),
                },
                "responses": {
                    **ok("The proposal", ref("Proposal")),
                    **errors("400", "401", "403", "404", "409", "413"),
                },
            },
        },
        "/api/parties": {
            "get": {
                "summary": "List parties",
                "operationId": "listParties",
                "parameters": [
                    query(
                        "kind",
                        {"enum": ["state", "observer_state", "group", "organization"]},
                        "Filter",
                    )
                ],
                "responses": {
                    **ok(
                        "Parties",
                        {
                            "type": "object",
                            "properties": {"parties": {"type": "array", "items": ref("Party")}},
                        },
                    ),
                    **errors("400", "401"),
                },
            }
        },
        "/api/parties/{code}": {
            "get": {
                "summary": "A party with its groups or members",
                "operationId": "getParty",
                "parameters": [CODE],
                "responses": {**ok("The party", ref("Party")), **errors("401", "404")},
            }
        },
        "/api/parties/{code}/proposals": {
            "get": {
                "summary": "A party's proposals, co-sponsorships and stances",
                "operationId": "getPartyProposals",
                "parameters": [CODE],
                "responses": {**ok("The record", {"type": "object"}), **errors("401", "404")},
            }
        },
        "/api/sessions": {
            "get": {
                "summary": "List sessions",
                "operationId": "listSessions",
                "responses": {
                    **ok(
                        "Sessions",
                        {
                            "type": "object",
                            "properties": {"sessions": {"type": "array", "items": ref("Session")}},
                        },
                    ),
                    **errors("401"),
                },
            }
        },
        "/api/sessions/current": {
            "get": {
                "summary": "The session in progress",
                "operationId": "getCurrentSession",
                "responses": {**ok("The session", ref("Session")), **errors("401", "404")},
            },
            "post": {
                "summary": "Set the session in progress (secretariat)",
                "operationId": "setCurrentSession",
                "security": WRITE,
                "requestBody": {
                    "required": True,
                    **json_body(
                        {
                            "type": "object",
                            "properties": {"session": {"type": ["string", "null"]}},
                        }
                    ),
                },
                "responses": {
                    **ok("The session in progress", {"type": "object"}),
                    **errors("400", "401", "403", "404", "413"),
                },
            },
        },
        "/api/sessions/{code}": {
            "get": {
                "summary": "A session and what was tabled there",
                "operationId": "getSession",
                "parameters": [CODE],
                "responses": {**ok("The session", ref("Session")), **errors("401", "404")},
            }
        },
        "/api/topics": {
            "get": {
                "summary": "Topics of the concordance",
                "operationId": "listTopics",
                "responses": {
                    **ok(
                        "Topics",
                        {
                            "type": "object",
                            "properties": {"topics": {"type": "array", "items": ref("Topic")}},
                        },
                    ),
                    **errors("401"),
                },
            }
        },
        "/api/topics/{slug}": {
            "get": {
                "summary": "Every instrument's text on a topic",
                "operationId": "getTopic",
                "parameters": [path_param("slug", {"type": "string", "maxLength": 80}, "Topic")],
                "responses": {**ok("Synopsis", {"type": "object"}), **errors("401", "404")},
            }
        },
        "/api/search": {
            "get": {
                "summary": "Full-text search across all texts, English and Chinese",
                "operationId": "search",
                "parameters": [
                    query("q", {"type": "string", "maxLength": 200}, "Query"),
                    query("instrument", {"type": "string"}, "Limit to an instrument"),
                    query("limit", {"type": "integer", "minimum": 1, "maximum": 200}, "Results"),
                ],
                "responses": {**ok("Hits", {"type": "object"}), **errors("400", "401", "404")},
            }
        },
    }
