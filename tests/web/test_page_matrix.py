"""Every HTML page route × every role gets the status the page matrix says, nothing more."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.web.page_matrix import PAGE_MATRIX, ROLES, page_url
from workbench.proposals.models import Proposal, Sponsorship, Stance, StatusChange
from workbench.users.models import AuditEntry


def page_routes(app) -> set[tuple[str, str]]:
    """(method, rule) of every route outside the JSON API."""
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api"):
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            routes.add((method, rule.rule))
    return routes


def test_matrix_covers_every_page_route(app):
    assert page_routes(app) == set(PAGE_MATRIX)


def row_counts(app) -> list[int]:
    """Rows of every table a page form writes to (read in a session of its own)."""
    with app.extensions["workbench.db"].session(write=False) as db:
        return [
            db.scalar(select(func.count()).select_from(model))
            for model in (Proposal, Sponsorship, Stance, StatusChange, AuditEntry)
        ]


def test_every_role_gets_its_status(app, scenario, as_role):
    app.config["WTF_CSRF_ENABLED"] = False
    clients = {role: as_role(role) for role in ROLES}
    before = row_counts(app)
    failures = []
    for (method, rule), expected in sorted(PAGE_MATRIX.items()):
        url = page_url(rule, scenario)
        for role in ROLES:
            client = clients[role]
            response = client.open(url, method=method, data={} if method == "POST" else None)
            if response.status_code != expected[role]:
                failures.append(
                    f"{method} {url} as {role}: {response.status_code}, {response.get_data(as_text=True)[-300:]!r} "
                    f"expected {expected[role]}"
                )
            if rule == "/logout" and role != "anonymous":
                clients[role] = as_role(role)  # log back in for the rows that follow
    assert not failures, "\n".join(failures)
    assert row_counts(app) == before, "an empty or refused form wrote something"


def test_reading_behind_login_sends_readers_to_the_login_page(app, scenario, as_role):
    app.config["READ_REQUIRES_LOGIN"] = True
    anonymous = as_role("anonymous")
    for url in ("/", "/instruments", f"/provisions/{scenario['provision_id']}", "/search?q=x"):
        response = anonymous.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/login?next=")
    assert anonymous.get("/login").status_code == 200
    assert as_role("observer").get(f"/provisions/{scenario['provision_id']}").status_code == 200
