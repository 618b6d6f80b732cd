"""Every route and API endpoint × every role gets exactly the status the tables say.

The API table is tests/security/api_matrix.py; the pages' table is PAGE_MATRIX in
tests/web/page_matrix.py. A rule of the application that neither table covers fails the test.
"""

from __future__ import annotations

import importlib
import time
from pathlib import Path

import pytest
from flask_login.utils import _create_identifier

from tests.security.api_matrix import CASES, OTHER_PARTY, OWN_PARTY, ROLE_USERS, ROLES
from workbench import create_app
from workbench.users.models import User


def page_matrix() -> dict:
    """PAGE_MATRIX from the web tests, or an empty table while they do not exist."""
    try:
        module = importlib.import_module("tests.web.page_matrix")
    except ModuleNotFoundError:
        return {}
    return module.PAGE_MATRIX


def rules_of(app) -> set[tuple[str, str]]:
    return {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }


def test_every_rule_is_in_a_table(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
            "INSTANCE_PATH": str(tmp_path),
        }
    )
    api_covered = {(case.method, case.rule) for case in CASES}
    pages = page_matrix()
    missing = sorted(
        (method, rule)
        for method, rule in rules_of(app)
        if (method, rule) not in (api_covered if rule.startswith("/api") else pages)
    )
    assert not missing, "routes the role tables do not cover:\n" + "\n".join(
        f"  {method} {rule}" for method, rule in missing
    )
    stale = sorted((api_covered | set(pages)) - rules_of(app))
    assert not stale, f"the tables name routes that no longer exist: {stale}"


def _call(client, world, method, request, user):
    return client.open(
        request.path,
        method=method,
        json=request.json,
        data={**(request.data or {}), **request.files} if (request.data or request.files) else None,
        headers=world.headers(user),
    )


def test_api_role_matrix(world, app, client):
    mismatches = []
    for case in CASES:
        for role in ROLES:
            party = OTHER_PARTY if role == "delegate_other" else OWN_PARTY
            request = case.build(world, party)
            app.config["READ_REQUIRES_LOGIN"] = role == "anonymous_private"
            try:
                response = _call(client, world, case.method, request, ROLE_USERS[role])
            finally:
                app.config["READ_REQUIRES_LOGIN"] = False
            expected = case.expect[role]
            if response.status_code != expected:
                body = response.get_json(silent=True) or {}
                mismatches.append(
                    f"{case.method} {request.path} ({case.name}) as {role}: "
                    f"{response.status_code}, expected {expected} — {body.get('message')}"
                )
            elif expected >= 400:
                body = response.get_json()
                assert body["message"] and body["error"], (case.name, role, body)
    assert not mismatches, "\n".join(mismatches)


# --- pages ---------------------------------------------------------------------------------

PAGE_ROLE_ALIASES = {"delegate": "delegate_own"}
REQUIRED_PAGE_ROLES = {"anonymous", "observer", "delegate_own", "secretariat", "admin"}


def _page_path(app, world, rule: str, party: str) -> str:
    """The rule with real ids of the loaded negotiation in place of its arguments."""
    values = {
        "slug": world.text_slug,
        "code": party,
        "provision_id": world.provision_ids["Article 1"],
        "number": 1,
        "what": "all",
        "session_code": "AHC-1",
        "topic": world.topic_slug,
        "name": "observer",
    }
    (url_rule,) = [r for r in app.url_map.iter_rules() if r.rule == rule]
    arguments = {}
    for argument in url_rule.arguments:
        if argument == "proposal_id":
            arguments[argument] = world.proposal(party)
        elif argument == "filename":
            static = Path(app.static_folder or "")
            # An asset a page links to (the folder's Python files are never served).
            files = (
                sorted(p for p in static.rglob("*.css") if p.is_file()) if static.is_dir() else []
            )
            arguments[argument] = (
                files[0].relative_to(static).as_posix() if files else "missing.css"
            )
        elif argument in values:
            arguments[argument] = values[argument]
        else:
            pytest.fail(
                f"the page matrix test does not know what to put for <{argument}> in {rule}"
            )
    with app.test_request_context():
        return url_rule.build(arguments, append_unknown=False)[1]


def _log_in_with_cookie(client, app, world, user: str | None) -> None:
    """Put the user in the session cookie, as the login form does."""
    with client.session_transaction() as session:
        session.clear()
        if user is None:
            return
        with app.test_request_context(environ_base=client.environ_base):
            identifier = _create_identifier()
        with app.app_context():
            db = world.session()
            try:
                # "id.generation" and the session's start, as start_session writes them.
                session["_user_id"] = db.get(User, world.user_ids[user]).get_id()
            finally:
                db.close()
        session["_fresh"] = True
        session["_id"] = identifier
        session["wb_started"] = session["wb_seen"] = time.time()


def test_page_role_matrix(world, app, client):
    matrix = page_matrix()
    if not matrix:
        pytest.fail(
            "tests/web/page_matrix.py (PAGE_MATRIX) does not exist yet: pages are unchecked"
        )
    mismatches = []
    # CSRF on forms is proven on its own; here only who may reach what.
    app.config["WTF_CSRF_ENABLED"] = False
    for (method, rule), expect in sorted(matrix.items()):
        expect = {PAGE_ROLE_ALIASES.get(role, role): status for role, status in expect.items()}
        lacking = REQUIRED_PAGE_ROLES - set(expect)
        if lacking:
            mismatches.append(f"{method} {rule}: no expected status for {sorted(lacking)}")
        for role, expected in expect.items():
            if role not in ROLE_USERS:
                mismatches.append(f"{method} {rule}: unknown role {role!r} in PAGE_MATRIX")
                continue
            party = OTHER_PARTY if role == "delegate_other" else OWN_PARTY
            path = _page_path(app, world, rule, party)
            _log_in_with_cookie(client, app, world, ROLE_USERS[role])
            app.config["READ_REQUIRES_LOGIN"] = role == "anonymous_private"
            try:
                response = client.open(path, method=method, data={})
            finally:
                app.config["READ_REQUIRES_LOGIN"] = False
            if response.status_code != expected:
                mismatches.append(
                    f"{method} {path} as {role}: {response.status_code}, expected {expected}"
                )
    assert not mismatches, "\n".join(mismatches)
