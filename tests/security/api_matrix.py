"""Every API endpoint × every role, with the status each must get.

A case builds a real request against fresh, real targets of the loaded negotiation (a new
proposal for each request that changes one, so that the order of the calls does not matter).
``party`` is the party the caller claims to act for: China for everyone, except the
``delegate_other`` column, where China's delegate tries to act for the United States.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROLES = (
    "anonymous",
    "anonymous_private",
    "observer",
    "delegate_own",
    "delegate_other",
    "secretariat",
    "admin",
)
# The user each role column logs in as (anonymous_private: nobody, READ_REQUIRES_LOGIN on).
ROLE_USERS = {
    "anonymous": None,
    "anonymous_private": None,
    "observer": "observer",
    "delegate_own": "delegate",
    "delegate_other": "delegate",
    "secretariat": "secretariat",
    "admin": "admin",
}
OWN_PARTY, OTHER_PARTY = "CHN", "USA"


@dataclass
class Request:
    path: str
    json: dict | None = None
    data: dict | None = None
    files: dict = field(default_factory=dict)


@dataclass
class Case:
    method: str
    rule: str
    name: str
    build: Callable[..., Request]
    expect: dict[str, int]


def _statuses(anonymous, private, observer, own, other, secretariat, admin) -> dict[str, int]:
    return dict(
        zip(ROLES, (anonymous, private, observer, own, other, secretariat, admin), strict=True)
    )


READ = _statuses(200, 401, 200, 200, 200, 200, 200)
LOGGED_IN = _statuses(401, 401, 200, 200, 200, 200, 200)
SECRETARIAT_READ = _statuses(401, 401, 403, 403, 403, 200, 200)
ADMIN_ONLY_READ = _statuses(401, 401, 403, 403, 403, 403, 200)


def secretariat_only(status: int) -> dict[str, int]:
    return _statuses(401, 401, 403, 403, 403, status, 403)


def admin_only(status: int) -> dict[str, int]:
    return _statuses(401, 401, 403, 403, 403, 403, status)


def party_hand(status: int) -> dict[str, int]:
    """The secretariat, or the delegate of the party concerned."""
    return _statuses(401, 401, 403, status, 403, status, 403)


def _amend(w, party) -> Request:
    return Request(
        "/api/proposals",
        json={
            "instrument": w.text_slug,
            "provision_id": w.provision_ids["Article 3"],
            "kind": "amend",
            "session": "AHC-1",
            "sponsor": party,
            "cosponsors": ["BRA"],
            "text": {"en": f"Each State Party shall criminalize illegal access ({w.unique()})."},
        },
    )


def _screen_request(w) -> Request:
    """Put Article 1 on screen, at a session that is in progress whatever ran before."""
    from workbench.sessions.operations import current_session, get_session, set_current_session

    with w.app.app_context():
        db = w.session()
        try:
            if current_session(db) is None:
                set_current_session(db, get_session(db, "AHC-2"), actor=None)
                db.commit()
        finally:
            db.close()
    return Request("/api/screen", json={"provision": w.provision_ids["Article 1"]})


def _md_upload(w, party) -> Request:
    body = f"# Test convention {w.unique()}\n\n## Article 1\n\nEach Party shall cooperate.\n"
    return Request(
        "/api/imports",
        data={"slug": w.unique("imported-"), "title": "Imported"},
        files={"file": (io.BytesIO(body.encode()), "convention.md")},
    )


def _tracked_upload(w, party) -> Request:
    """A Word file of the rolling text with one tracked change authored by ``party``."""
    from workbench.export.operations import export_instrument
    from workbench.instruments.negotiating import create_negotiating_text
    from workbench.instruments.queries import get_instrument

    slug = w.unique("tracked-")
    with w.app.app_context():
        db = w.session()
        try:
            create_negotiating_text(
                db, slug=slug, title_en="Tracked copy", source=get_instrument(db, w.text_slug)
            )
            db.commit()
        finally:
            db.close()
    saved, w.text_slug = w.text_slug, slug
    try:
        w.proposal(party, label="Article 4")
    finally:
        w.text_slug = saved
    folder = Path(w.app.config["EXPORT_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    with w.app.app_context():
        db = w.session()
        try:
            path = export_instrument(db, slug, mode="tracked", out=folder / f"{slug}.docx")
        finally:
            db.close()
    return Request(
        f"/api/instruments/{w.text_slug}/tracked-changes",
        data={"session": "AHC-2"},
        files={"file": (io.BytesIO(path.read_bytes()), "delegation.docx")},
    )


def _next_status(w, party) -> Request:
    """The move of Article 1's negotiation status that is allowed next (a cycle that repeats)."""
    from workbench.instruments.queries import get_provision
    from workbench.progress.queries import provision_status

    following = {
        "open": "under_negotiation",
        "under_negotiation": "informally_agreed",
        "informally_agreed": "agreed_ad_ref",
        "agreed_ad_ref": "reopened",
        "reopened": "under_negotiation",
    }
    provision_id = w.provision_ids["Article 1"]
    with w.app.app_context():
        db = w.session()
        try:
            status = provision_status(get_provision(db, provision_id))
        finally:
            db.close()
    return Request(
        f"/api/provisions/{provision_id}/status",
        json={"status": following[status], "session": "AHC-2"},
    )


CASES: list[Case] = [
    Case(
        "GET",
        "/api/openapi.json",
        "the OpenAPI document",
        lambda w, p: Request("/api/openapi.json"),
        _statuses(200, 200, 200, 200, 200, 200, 200),
    ),
    # --- reading -------------------------------------------------------------------------
    Case("GET", "/api/instruments", "list", lambda w, p: Request("/api/instruments"), READ),
    Case(
        "GET",
        "/api/instruments/<slug>",
        "read",
        lambda w, p: Request(f"/api/instruments/{w.text_slug}"),
        READ,
    ),
    Case(
        "GET",
        "/api/provisions/<int:provision_id>",
        "read",
        lambda w, p: Request(f"/api/provisions/{w.provision_ids['Article 1']}"),
        READ,
    ),
    Case(
        "GET",
        "/api/provisions/<int:provision_id>/versions/<int:number>",
        "read",
        lambda w, p: Request(f"/api/provisions/{w.provision_ids['Article 1']}/versions/1"),
        READ,
    ),
    Case(
        "GET",
        "/api/provisions/<int:provision_id>/diff",
        "diff",
        lambda w, p: Request(f"/api/provisions/{w.provision_ids['Article 1']}/diff?from=1&to=1"),
        READ,
    ),
    Case(
        "GET",
        "/api/provisions/<int:provision_id>/blame",
        "blame",
        lambda w, p: Request(f"/api/provisions/{w.provision_ids['Article 1']}/blame"),
        READ,
    ),
    Case(
        "GET",
        "/api/compare",
        "compare",
        lambda w, p: Request(
            f"/api/compare?left={w.provision_ids['Article 1']}&right={w.provision_ids['Article 2']}"
        ),
        READ,
    ),
    Case(
        "GET",
        "/api/instruments/<slug>/consolidated",
        "consolidated text",
        lambda w, p: Request(f"/api/instruments/{w.text_slug}/consolidated?lang=en"),
        READ,
    ),
    Case(
        "GET",
        "/api/instruments/<slug>/export",
        "Word export",
        lambda w, p: Request(f"/api/instruments/{w.text_slug}/export?mode=brackets"),
        READ,
    ),
    Case(
        "GET",
        "/api/instruments/<slug>/changes",
        "changes between sessions",
        lambda w, p: Request(f"/api/instruments/{w.text_slug}/changes?from=AHC-1&to=AHC-2"),
        READ,
    ),
    Case(
        "GET",
        "/api/synopsis/<path:what>",
        "synoptic table",
        lambda w, p: Request("/api/synopsis/all"),
        READ,
    ),
    Case("GET", "/api/parties", "list", lambda w, p: Request("/api/parties"), READ),
    Case("GET", "/api/parties/<code>", "read", lambda w, p: Request(f"/api/parties/{p}"), READ),
    Case(
        "GET",
        "/api/parties/<code>/proposals",
        "proposals",
        lambda w, p: Request(f"/api/parties/{p}/proposals"),
        READ,
    ),
    Case("GET", "/api/sessions", "list", lambda w, p: Request("/api/sessions"), READ),
    Case("GET", "/api/sessions/<code>", "read", lambda w, p: Request("/api/sessions/AHC-1"), READ),
    Case("GET", "/api/topics", "list", lambda w, p: Request("/api/topics"), READ),
    Case(
        "GET",
        "/api/topics/<slug>",
        "read",
        lambda w, p: Request(f"/api/topics/{w.topic_slug}"),
        READ,
    ),
    Case("GET", "/api/search", "search", lambda w, p: Request("/api/search?q=access"), READ),
    Case(
        "GET",
        "/api/proposals",
        "list",
        lambda w, p: Request(f"/api/proposals?instrument={w.text_slug}"),
        READ,
    ),
    Case(
        "GET",
        "/api/proposals/<int:proposal_id>",
        "read",
        lambda w, p: Request(f"/api/proposals/{w.proposal(p)}"),
        READ,
    ),
    Case(
        "GET",
        "/api/instruments/<slug>/provisions/<path:label>",
        "provision by label",
        lambda w, p: Request(f"/api/instruments/{w.text_slug}/provisions/Article%201"),
        READ,
    ),
    Case(
        "GET",
        "/api/proposals/<int:proposal_id>/revisions",
        "revisions",
        lambda w, p: Request(f"/api/proposals/{w.proposal(p)}/revisions"),
        READ,
    ),
    Case(
        "GET",
        "/api/sessions/current",
        "session in progress",
        lambda w, p: Request("/api/sessions/current"),
        # No session is in progress in the test negotiation: readers learn that.
        _statuses(404, 401, 404, 404, 404, 404, 404),
    ),
    Case(
        "GET",
        "/api/proposals/<int:proposal_id>/rebase",
        "rebase view",
        lambda w, p: Request(f"/api/proposals/{w.stale_proposal(p)}/rebase"),
        READ,
    ),
    Case(
        "GET",
        "/api/provisions/<int:provision_id>/status",
        "negotiation status",
        lambda w, p: Request(f"/api/provisions/{w.provision_ids['Article 1']}/status"),
        READ,
    ),
    Case(
        "GET",
        "/api/instruments/<slug>/progress",
        "progress of the text",
        lambda w, p: Request(f"/api/instruments/{w.text_slug}/progress"),
        READ,
    ),
    # --- accounts ------------------------------------------------------------------------
    Case(
        "POST",
        "/api/token",
        "own name and password",
        lambda w, p: Request(
            "/api/token", json={"name": w.script_user("login"), "password": w.password}
        ),
        _statuses(201, 201, 201, 201, 201, 201, 201),
    ),
    Case(
        "POST",
        "/api/token",
        "wrong password",
        lambda w, p: Request(
            "/api/token", json={"name": w.script_user("guess"), "password": "nope"}
        ),
        _statuses(401, 401, 401, 401, 401, 401, 401),
    ),
    Case("GET", "/api/me", "who am I", lambda w, p: Request("/api/me"), LOGGED_IN),
    Case("GET", "/api/tokens", "own tokens", lambda w, p: Request("/api/tokens"), LOGGED_IN),
    Case(
        "DELETE",
        "/api/tokens/<token_name>",
        "revoke an own token (none of that name)",
        lambda w, p: Request("/api/tokens/no-such-token"),
        _statuses(401, 401, 404, 404, 404, 404, 404),
    ),
    Case(
        "POST",
        "/api/users/<name>/active",
        "disable a user",
        lambda w, p: Request(f"/api/users/{w.throwaway_user()}/active", json={"active": False}),
        admin_only(200),
    ),
    Case("GET", "/api/users", "list users", lambda w, p: Request("/api/users"), ADMIN_ONLY_READ),
    Case(
        "POST",
        "/api/users",
        "create a user",
        lambda w, p: Request(
            "/api/users",
            json={"name": w.unique("new-"), "role": "delegate", "party": p, "password": w.password},
        ),
        admin_only(201),
    ),
    Case("GET", "/api/audit", "audit log", lambda w, p: Request("/api/audit"), SECRETARIAT_READ),
    # --- texts ---------------------------------------------------------------------------
    Case(
        "POST",
        "/api/instruments",
        "create a negotiating text",
        lambda w, p: Request(
            "/api/instruments",
            json={"slug": w.unique("text-"), "title_en": "Draft", "source": "budapest-ets185"},
        ),
        secretariat_only(201),
    ),
    Case("POST", "/api/imports", "import a Markdown file", _md_upload, secretariat_only(201)),
    Case(
        "POST",
        "/api/instruments/<slug>/tracked-changes",
        "a delegation's tracked changes",
        _tracked_upload,
        party_hand(201),
    ),
    Case(
        "POST",
        "/api/provisions/<int:provision_id>/status",
        "set a negotiation status",
        _next_status,
        secretariat_only(200),
    ),
    # --- proposals -----------------------------------------------------------------------
    Case("POST", "/api/proposals", "table an amendment", _amend, party_hand(201)),
    Case(
        "POST",
        "/api/proposals/<int:proposal_id>/status",
        "agree",
        lambda w, p: Request(
            f"/api/proposals/{w.proposal(p, label='Article 5')}/status", json={"status": "agreed"}
        ),
        secretariat_only(200),
    ),
    Case(
        "POST",
        "/api/proposals/<int:proposal_id>/status",
        "put under discussion",
        lambda w, p: Request(
            f"/api/proposals/{w.proposal(p)}/status", json={"status": "under_discussion"}
        ),
        secretariat_only(200),
    ),
    Case(
        "POST",
        "/api/proposals/<int:proposal_id>/status",
        "withdraw one's own",
        lambda w, p: Request(
            f"/api/proposals/{w.proposal(p)}/status", json={"status": "withdrawn"}
        ),
        party_hand(200),
    ),
    Case(
        "POST",
        "/api/proposals/<int:proposal_id>/cosponsors",
        "join as co-sponsor",
        lambda w, p: Request(
            f"/api/proposals/{w.proposal('BRA')}/cosponsors", json={"party": p, "session": "AHC-1"}
        ),
        party_hand(201),
    ),
    Case(
        "DELETE",
        "/api/proposals/<int:proposal_id>/cosponsors/<code>",
        "leave as co-sponsor",
        lambda w, p: Request(f"/api/proposals/{w.proposal('BRA', cosponsors=[p])}/cosponsors/{p}"),
        party_hand(200),
    ),
    Case(
        "POST",
        "/api/proposals/<int:proposal_id>/stances",
        "record a stance",
        lambda w, p: Request(
            f"/api/proposals/{w.proposal('BRA')}/stances",
            json={"party": p, "position": "support", "session": "AHC-1"},
        ),
        party_hand(201),
    ),
    Case(
        "POST",
        "/api/proposals/<int:proposal_id>/revisions",
        "revise one's own",
        lambda w, p: Request(
            f"/api/proposals/{w.proposal(p)}/revisions",
            json={"text": {"en": f"Each Party shall adopt revised measures {w.unique()}."}},
        ),
        party_hand(201),
    ),
    Case(
        "POST",
        "/api/sessions/current",
        "set the session in progress",
        lambda w, p: Request("/api/sessions/current", json={"session": "AHC-2"}),
        _statuses(401, 401, 403, 403, 403, 200, 200),
    ),
    Case(
        "POST",
        "/api/proposals/<int:proposal_id>/rebase",
        "rebase one's own",
        lambda w, p: Request(
            f"/api/proposals/{w.stale_proposal(p)}/rebase",
            json={"text": {"en": f"Each Party shall adopt rebased measures {w.unique()}."}},
        ),
        party_hand(200),
    ),
    Case(
        "GET",
        "/api/events",
        "event stream",
        lambda w, p: Request("/api/events"),
        READ,
    ),
    Case("GET", "/api/screen", "provision on screen", lambda w, p: Request("/api/screen"), READ),
    Case(
        "POST",
        "/api/screen",
        "put a provision on screen",
        lambda w, p: _screen_request(w),
        _statuses(401, 401, 403, 403, 403, 200, 200),
    ),
]
