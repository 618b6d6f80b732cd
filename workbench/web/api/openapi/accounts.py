"""Paths of the API: imports, tokens, users, the audit log, live events and the screen."""

from __future__ import annotations

from workbench.web.api.openapi.common import (
    LANGS,
    SLUG,
    WRITE,
    errors,
    json_body,
    ok,
    path_param,
    query,
    ref,
)


def accounts_paths() -> dict:
    """Imports, tokens, users, the audit log, live events and the screen."""
    return {
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
                    **ok("Imported", {"type": "object"}, "201"),
                    **errors("400", "401", "403", "404", "409", "413"),
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
                    **ok("Proposals created", {"type": "object"}, "201"),
                    **errors("400", "401", "403", "404", "409", "413"),
                },
            }
        },
        "/api/token": {
            "post": {
                "summary": "Exchange name and password for an API token",
                "operationId": "createToken",
                "requestBody": {
                    "required": True,
                    **json_body(
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
                    **ok("A new token (the others stay valid)", {"type": "object"}, "201"),
                    **errors("400", "401", "403", "409", "413"),
                    "429": {"description": "Too many failed logins", **json_body(ref("Error"))},
                },
            }
        },
        "/api/tokens": {
            "get": {
                "summary": "The caller's API tokens (names, expiry, last use)",
                "operationId": "listTokens",
                "security": WRITE,
                "responses": {**ok("Tokens", {"type": "object"}), **errors("401")},
            }
        },
        "/api/tokens/{token_name}": {
            "delete": {
                "summary": "Revoke one of the caller's tokens",
                "operationId": "revokeToken",
                "security": WRITE,
                "parameters": [path_param("token_name", {"type": "string"}, "Token name")],
                "responses": {
                    **ok("The revoked token", {"type": "object"}),
                    **errors("401", "404"),
                },
            }
        },
        "/api/users/{name}/active": {
            "post": {
                "summary": "Disable or enable a user (admins); their sessions end",
                "operationId": "setUserActive",
                "security": WRITE,
                "parameters": [path_param("name", {"type": "string"}, "User name")],
                "requestBody": {
                    "required": True,
                    **json_body(
                        {
                            "type": "object",
                            "required": ["active"],
                            "properties": {"active": {"type": "boolean"}},
                        }
                    ),
                },
                "responses": {
                    **ok("The user", {"type": "object"}),
                    **errors("400", "401", "403", "404"),
                },
            }
        },
        "/api/me": {
            "get": {
                "summary": "The authenticated user",
                "operationId": "me",
                "security": WRITE,
                "responses": {**ok("The user", {"type": "object"}), **errors("401")},
            }
        },
        "/api/users": {
            "get": {
                "summary": "List users (admins)",
                "operationId": "listUsers",
                "security": WRITE,
                "responses": {**ok("Users", {"type": "object"}), **errors("401", "403")},
            },
            "post": {
                "summary": "Create a user (admins)",
                "operationId": "createUser",
                "security": WRITE,
                "requestBody": {
                    "required": True,
                    **json_body(
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
                    **ok("Created", {"type": "object"}, "201"),
                    **errors("400", "401", "403", "404", "409", "413"),
                },
            },
        },
        "/api/audit": {
            "get": {
                "summary": "The audit log (secretariat, admins)",
                "operationId": "listAudit",
                "security": WRITE,
                "parameters": [
                    query("limit", {"type": "integer", "minimum": 1, "maximum": 1000}, "Page"),
                    query("offset", {"type": "integer", "minimum": 0}, "Skip"),
                    query("entity", {"type": "string"}, "Entity type"),
                ],
                "responses": {**ok("Entries", {"type": "object"}), **errors("400", "401", "403")},
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
                    query(
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
                    **errors("400", "401"),
                },
            }
        },
        "/api/screen": {
            "get": {
                "summary": "The provision on screen at the session in progress",
                "operationId": "getScreen",
                "responses": {**ok("What is on screen", {"type": "object"}), **errors("401")},
            },
            "post": {
                "summary": "Put a provision of a negotiating text on screen (secretariat)",
                "operationId": "setScreen",
                "security": WRITE,
                "requestBody": {
                    "required": True,
                    **json_body(
                        {
                            "type": "object",
                            "required": ["provision"],
                            "properties": {"provision": {"type": "integer"}},
                        }
                    ),
                },
                "responses": {
                    **ok("What is on screen", {"type": "object"}),
                    **errors("400", "401", "403", "404", "409", "413"),
                },
            },
        },
    }
