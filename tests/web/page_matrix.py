"""The HTML pages × roles: the status each role must get on each page route.

PAGE_MATRIX maps (method, url rule exactly as in app.url_map) to {role: status}. GET rows are
plain page loads; POST rows are form submissions with an EMPTY form (CSRF checks off), so they
show who may reach the form's handler: anonymous users are sent to log in (302), roles that may
not act get 403, roles that may act get the form back with its errors (400) and nothing written.
Reading is public (READ_REQUIRES_LOGIN off), as by default.

build_page_scenario(db) creates what the URLs point at and one user per role; page_url()
fills a rule's parameters from it. tests/web/test_page_matrix.py checks every row.
"""

from __future__ import annotations

import re

ROLES = ("anonymous", "observer", "delegate", "secretariat", "admin")
PASSWORD = "correct horse battery"


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def _acting(allowed: tuple[str, ...], ok: int) -> dict[str, int]:
    """Anonymous → login; the allowed roles → ``ok``; the others → 403."""
    return {role: 302 if role == "anonymous" else ok if role in allowed else 403 for role in ROLES}


PAGE_MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/healthz"): _all(200),
    ("GET", "/static/<path:filename>"): _all(200),
    ("GET", "/"): _all(200),
    ("GET", "/language"): _all(303),
    ("GET", "/search"): _all(200),
    ("GET", "/export"): _all(200),
    # Without a choice of instrument the form comes back with its errors.
    ("GET", "/export/download"): _all(400),
    ("GET", "/login"): _all(200),
    ("POST", "/login"): _all(400),
    ("POST", "/logout"): _all(303),
    ("GET", "/account"): _acting(("observer", "delegate", "secretariat", "admin"), 200),
    # Empty forms: the fields are required, nothing changes.
    ("POST", "/account/password"): _acting(("observer", "delegate", "secretariat", "admin"), 400),
    ("POST", "/account/totp"): _acting(("observer", "delegate", "secretariat", "admin"), 400),
    ("POST", "/account/tokens/revoke"): _acting(
        ("observer", "delegate", "secretariat", "admin"), 400
    ),
    ("GET", "/instruments"): _all(200),
    ("GET", "/instruments/<slug>"): _all(200),
    ("GET", "/instruments/<slug>/progress"): _all(200),
    # An empty form: the secretariat gets it back with its error, nothing is written.
    ("POST", "/provisions/<int:provision_id>/negotiation-status"): _acting(("secretariat",), 400),
    ("GET", "/instruments/<slug>/consolidated"): _all(200),
    ("GET", "/provisions/<int:provision_id>"): _all(200),
    ("GET", "/provisions/<int:provision_id>/blame"): _all(200),
    # Without ?left=&right= there is nothing to compare.
    ("GET", "/compare"): _all(400),
    ("GET", "/topics"): _all(200),
    ("GET", "/topics/<topic>"): _all(200),
    ("GET", "/parties"): _all(200),
    ("GET", "/parties/<code>"): _all(200),
    ("GET", "/sessions"): _all(200),
    ("GET", "/sessions/<session_code>"): _all(200),
    ("GET", "/proposals/<int:proposal_id>"): _all(200),
    ("GET", "/proposals/new"): _acting(("delegate", "secretariat"), 200),
    ("POST", "/proposals/new"): _acting(("delegate", "secretariat"), 400),
    # The preview only reads: anyone who may read gets it (an empty form is a 400).
    ("POST", "/proposals/preview"): _all(400),
    ("POST", "/proposals/<int:proposal_id>/status"): _acting(("delegate", "secretariat"), 400),
    ("POST", "/proposals/<int:proposal_id>/merge"): _acting(("secretariat",), 400),
    ("POST", "/proposals/<int:proposal_id>/rebase"): _acting(("delegate", "secretariat"), 400),
    ("POST", "/proposals/<int:proposal_id>/cosponsors"): _acting(("delegate", "secretariat"), 400),
    ("POST", "/proposals/<int:proposal_id>/stances"): _acting(("delegate", "secretariat"), 400),
    ("POST", "/proposals/<int:proposal_id>/revise"): _acting(("delegate", "secretariat"), 400),
    ("POST", "/proposals/<int:proposal_id>/cosponsors/withdraw"): _acting(
        ("delegate", "secretariat"), 400
    ),
    ("GET", "/proposals"): _all(200),
    ("GET", "/texts/new"): _acting(("secretariat",), 200),
    # An empty form: the fields are required, nothing is created.
    ("POST", "/texts/new"): _acting(("secretariat",), 400),
    ("POST", "/sessions/current"): _acting(("secretariat", "admin"), 400),
    ("GET", "/import"): _acting(("delegate", "secretariat"), 200),
    ("POST", "/import/instrument"): _acting(("secretariat",), 400),
    ("POST", "/import/tracked-changes"): _acting(("delegate", "secretariat"), 400),
    ("GET", "/screen"): _all(200),
    ("GET", "/screen/live"): _all(200),
    ("POST", "/screen"): _acting(("secretariat", "admin"), 400),
}


def build_page_scenario(db) -> dict:
    """A rolling text with a pending proposal by CHN co-sponsored by RUS, and a user per role
    (name = role, password PASSWORD; the delegate speaks for CHN). Commits."""
    from tests.scenario import build_rolling_text, table
    from workbench.concordance.operations import list_topics
    from workbench.parties.operations import get_party
    from workbench.users.operations import create_user

    text = build_rolling_text(db)
    proposal = table(
        db,
        text,
        "Article 1",
        "CHN",
        "Each Party shall adopt such legislative measures as may be necessary to "
        "establish as criminal offences the unlawful access to an ICT system.",
        cosponsors=("RUS",),
    )
    for role in ROLES[1:]:
        create_user(
            db,
            name=role,
            role=role,
            password=PASSWORD,
            party=get_party(db, "CHN") if role == "delegate" else None,
        )
    params = {
        "slug": text.slug,
        "provision_id": proposal.provision_id,
        "proposal_id": proposal.id,
        "code": "CHN",
        "session_code": "AHC-1",
        "topic": list_topics(db)[0].slug,
        "filename": "workbench.css",
    }
    # Committing ends the transaction, so the app's own writers are not kept waiting.
    db.commit()
    return params


def page_url(rule: str, params: dict) -> str:
    """The rule with its <converter:name> parameters filled in from the scenario."""

    def fill(match: re.Match) -> str:
        return str(params[match.group(1).split(":")[-1]])

    return re.sub(r"<([^>]+)>", fill, rule)
