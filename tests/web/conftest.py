"""Fixtures of the web pages: the negotiation scenario, users of every role, logging in."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.web.page_matrix import PASSWORD, build_page_scenario

CATALOG = Path(__file__).resolve().parents[2] / "workbench" / "translations" / "zh" / "LC_MESSAGES"


@pytest.fixture(scope="session", autouse=True)
def chinese_catalog():
    """Compile the Chinese catalog when setup.sh has not (pytest run straight from a checkout)."""
    po, mo = CATALOG / "messages.po", CATALOG / "messages.mo"
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as source:
            catalog = read_po(source)
        # Written beside itself and renamed, so that parallel workers never read half a file.
        partial = mo.with_suffix(f".mo.{os.getpid()}")
        with partial.open("wb") as target:
            write_mo(target, catalog)
        partial.replace(mo)


@pytest.fixture
def scenario(app):
    """The page scenario (rolling text, a pending proposal, one user per role) in the app.

    Built in an app context of its own and closed, so that each test-client request gets a
    fresh context (and a fresh ``g``) as it does in production.
    """
    with app.app_context(), app.extensions["workbench.db"].session() as db:
        return build_page_scenario(db)


def csrf_of(html: str) -> str:
    """The CSRF token a page carries."""
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def login(client, name: str) -> None:
    """Log the client in through the login form (with its CSRF token)."""
    token = csrf_of(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 303, response.get_data(as_text=True)


@pytest.fixture
def as_role(app, scenario):
    """A test client logged in as the given role ('anonymous' stays logged out)."""

    def make(role: str):
        client = app.test_client()
        if role != "anonymous":
            login(client, role)
        return client

    return make
