"""Paths of the API: instruments, provisions, versions, comparisons and exports."""

from __future__ import annotations

from workbench.web.api.openapi.common import (
    LANG,
    LANGS,
    PROVISION_ID,
    SLUG,
    WRITE,
    errors,
    json_body,
    ok,
    path_param,
    query,
    ref,
)


def texts_paths() -> dict:
    """Instruments, provisions, versions, comparisons and exports."""
    return {
        "/api/openapi.json": {
            "get": {
                "summary": "This document",
                "operationId": "openapi",
                "responses": ok("The OpenAPI document", {"type": "object"}),
            }
        },
        "/api/instruments": {
            "get": {
                "summary": "List instruments",
                "operationId": "listInstruments",
                "parameters": [query("kind", {"enum": ["source", "negotiating"]}, "Filter")],
                "responses": {
                    **ok(
                        "Instruments",
                        {
                            "type": "object",
                            "properties": {
                                "instruments": {"type": "array", "items": ref("InstrumentSummary")}
                            },
                        },
                    ),
                    **errors("400", "401"),
                },
            },
            "post": {
                "summary": "Create a negotiating text from a source or from picked provisions",
                "operationId": "createNegotiatingText",
                "security": WRITE,
                "requestBody": {
                    "required": True,
                    **json_body(
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
                    **ok("Created", ref("Instrument"), "201"),
                    **errors("400", "401", "403", "404", "409", "413"),
                },
            },
        },
        "/api/instruments/{slug}": {
            "get": {
                "summary": "An instrument with chapters, provisions and current text",
                "operationId": "getInstrument",
                "parameters": [SLUG, LANG, query("text", {"enum": ["0", "1"]}, "Include wording")],
                "responses": {
                    **ok("The instrument", ref("Instrument")),
                    **errors("400", "401", "404"),
                },
            }
        },
        "/api/instruments/{slug}/consolidated": {
            "get": {
                "summary": "The consolidated text: common wording once, disputed spans as options",
                "operationId": "getConsolidatedText",
                "parameters": [SLUG, query("lang", {"enum": ["en", "zh"]}, "Language")],
                "responses": {
                    **ok(
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
                    **errors("400", "401", "404"),
                },
            }
        },
        "/api/instruments/{slug}/export": {
            "get": {
                "summary": "Download the consolidated text as a Word file",
                "operationId": "exportInstrument",
                "parameters": [
                    SLUG,
                    query(
                        "mode", {"enum": ["brackets", "alternatives", "tracked"]}, "Presentation"
                    ),
                    query(
                        "languages",
                        {"type": "string", "pattern": "^(en|zh)(,(en|zh))?$"},
                        "en, zh or en,zh (side by side)",
                    ),
                    query("format", {"enum": ["docx", "pdf", "akn"]}, "File format"),
                    query("agenda_item", {"type": "string"}, "The agenda item page 1 names"),
                    query("lang", {"enum": LANGS}, "Language of an Akoma Ntoso expression"),
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
                    **errors("400", "401", "404", "409"),
                },
            }
        },
        "/api/instruments/{slug}/changes": {
            "get": {
                "summary": "Changes between two sessions as tracked changes (Word)",
                "operationId": "exportSessionChanges",
                "parameters": [
                    SLUG,
                    query("from", {"type": "string"}, "Earlier session code"),
                    query("to", {"type": "string"}, "Later session code"),
                    query(
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
                    **errors("400", "401", "404"),
                },
            }
        },
        "/api/synopsis/{what}": {
            "get": {
                "summary": "Synoptic table: a topic slug, all, or SLUG:CHAPTER",
                "operationId": "exportSynopsis",
                "parameters": [
                    path_param(
                        "what",
                        {"type": "string", "maxLength": 200},
                        "Topic slug, all, or instrument:chapter label",
                    ),
                    query("lang", {"enum": ["en", "zh"]}, "Language"),
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
                    **errors("400", "401", "404"),
                },
            }
        },
        "/api/provisions/{provision_id}": {
            "get": {
                "summary": "A provision with its current text, its latest versions and pending "
                "proposals as summaries with links, and its correspondences",
                "operationId": "getProvision",
                "parameters": [PROVISION_ID],
                "responses": {**ok("The provision", ref("Provision")), **errors("401", "404")},
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
                "responses": {**ok("The provision", ref("Provision")), **errors("401", "404")},
            }
        },
        "/api/provisions/{provision_id}/versions/{number}": {
            "get": {
                "summary": "One version of a provision",
                "operationId": "getVersion",
                "parameters": [
                    PROVISION_ID,
                    path_param("number", {"type": "integer", "minimum": 0}, "Version number"),
                ],
                "responses": {**ok("The version", ref("Version")), **errors("401", "404")},
            }
        },
        "/api/provisions/{provision_id}/diff": {
            "get": {
                "summary": "Word-level diff of two versions of a provision",
                "operationId": "diffVersions",
                "parameters": [
                    PROVISION_ID,
                    query("from", {"type": "integer", "minimum": 1}, "Old"),
                    query("to", {"type": "integer", "minimum": 1}, "New"),
                    LANG,
                ],
                "responses": {
                    **ok("The diff", {"type": "object", "properties": {"diff": ref("Diff")}}),
                    **errors("400", "401", "404"),
                },
            }
        },
        "/api/provisions/{provision_id}/blame": {
            "get": {
                "summary": "The current text, each span attributed to who introduced it",
                "operationId": "blameProvision",
                "parameters": [PROVISION_ID, LANG],
                "responses": {
                    **ok("Spans per language", {"type": "object"}),
                    **errors("400", "401", "404"),
                },
            }
        },
        "/api/compare": {
            "get": {
                "summary": "Word-level comparison of any two provisions",
                "operationId": "compareProvisions",
                "parameters": [
                    query("left", {"type": "integer", "minimum": 1}, "Provision id"),
                    query("right", {"type": "integer", "minimum": 1}, "Provision id"),
                    LANG,
                ],
                "responses": {
                    **ok("Both provisions and the diff", {"type": "object"}),
                    **errors("400", "401", "404"),
                },
            }
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
        **json_body({"type": "object", "required": ["provision_id", "status", "history"]}),
    }
    return {
        "/api/provisions/{provision_id}/status": {
            "get": {
                "summary": "A provision's negotiation status with its history",
                "operationId": "getProvisionStatus",
                "parameters": [PROVISION_ID],
                "responses": {"200": status, **errors("401", "404")},
            },
            "post": {
                "summary": "Set a provision's negotiation status (secretariat)",
                "operationId": "setProvisionStatus",
                "security": WRITE,
                "parameters": [PROVISION_ID],
                "requestBody": {
                    "required": True,
                    **json_body(
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
                    **errors("400", "401", "403", "404", "409", "413"),
                },
            },
        },
        "/api/instruments/{slug}/progress": {
            "get": {
                "summary": "How far a text has come: statuses by provision, chapter and session",
                "operationId": "getProgress",
                "parameters": [SLUG],
                "responses": {
                    **ok(
                        "Totals per status, per chapter and per session, and every provision",
                        {"type": "object", "required": ["totals", "provisions"]},
                    ),
                    **errors("401", "404"),
                },
            }
        },
    }
