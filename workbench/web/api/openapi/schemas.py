"""The JSON shapes of the API's answers, as OpenAPI components."""

from __future__ import annotations

from workbench.web.api.openapi.common import TEXTS, ref

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
            "provisions": {"type": "array", "items": ref("ProvisionSummary")},
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
            "versions": {"type": "array", "items": ref("VersionSummary")},
            "proposals": {"type": "array", "items": ref("ProposalSummary")},
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
            "diff": ref("Diff"),
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
