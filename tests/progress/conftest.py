"""A rolling text, and users of each role with API tokens, for the status tests."""

from __future__ import annotations

import pytest

from tests.scenario import build_rolling_text
from tests.web.conftest import chinese_catalog  # noqa: F401  (compiles the zh catalogue)
from workbench.parties.operations import get_party
from workbench.users.operations import create_user, issue_token

PASSWORD = "correct horse battery staple"


@pytest.fixture
def text(app):
    """The rolling text (Articles 1-3 in Chapter I, 4-5 in Chapter II), committed."""
    with app.app_context(), app.extensions["workbench.db"].session() as db:
        slug = build_rolling_text(db).slug
        db.commit()
    return slug


@pytest.fixture
def tokens(app):
    """An API token per role: chair (secretariat), cn (China's delegate), observer, admin."""
    found = {}
    with app.app_context(), app.extensions["workbench.db"].session() as db:
        for name, role, party in (
            ("chair", "secretariat", None),
            ("cn", "delegate", "CHN"),
            ("observer", "observer", None),
            ("admin", "admin", None),
        ):
            user = create_user(
                db,
                name=name,
                role=role,
                password=PASSWORD,
                party=get_party(db, party) if party else None,
            )
            found[name] = issue_token(db, user)
        db.commit()
    return found


@pytest.fixture
def api(client, tokens):
    """Call the API as one of the users (None: anonymous)."""

    def call(who, method, url, json=None):
        headers = {"Authorization": f"Bearer {tokens[who]}"} if who else {}
        return client.open(url, method=method, json=json, headers=headers)

    return call


def set_statuses(app, slug: str) -> dict[str, int]:
    """Give Articles 1-5 of the text each a different status; the provision id per status."""
    from workbench.instruments.queries import find_provision, get_instrument
    from workbench.progress.operations import set_provision_status
    from workbench.sessions.operations import get_session

    paths = {
        "open": [],
        "under_negotiation": ["under_negotiation"],
        "informally_agreed": ["informally_agreed"],
        "agreed_ad_ref": ["under_negotiation", "agreed_ad_ref"],
        "reopened": ["agreed_ad_ref", "reopened"],
    }
    found = {}
    with app.app_context(), app.extensions["workbench.db"].session() as db:
        text = get_instrument(db, slug)
        for number, (status, path) in enumerate(paths.items(), 1):
            provision = find_provision(db, text, f"Article {number}")
            for step in path:
                set_provision_status(db, provision, step, session=get_session(db, "AHC-2"))
            found[status] = provision.id
        db.commit()
    return found
