"""Fixtures of the web pages: the negotiation scenario, users of every role, logging in."""

from __future__ import annotations

import re

import pytest

from tests.web.page_matrix import PASSWORD, build_page_scenario
from workbench.catalogues import catalogue_sources, compile_catalogues, compiled_path
from workbench.resources import resource_folder

TRANSLATIONS = resource_folder("translations")  # the checkout's, in the editable install


@pytest.fixture(scope="session", autouse=True)
def chinese_catalog():
    """Recompile the Chinese catalog when its .po changed since the last pip install -e ."""
    sources = catalogue_sources(TRANSLATIONS)
    compiled = [compiled_path(po, TRANSLATIONS, TRANSLATIONS) for po in sources]
    if any(
        not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime
        for po, mo in zip(sources, compiled, strict=True)
    ):
        compile_catalogues(TRANSLATIONS, TRANSLATIONS)


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
