"""Anonymous readers' pages come from memory until the data changes, and never go stale."""

from __future__ import annotations

from sqlalchemy import event

from tests.imports.conftest import session_of
from tests.scenario import table
from workbench.instruments.queries import get_instrument

NEW_WORDING = "Each Party shall criminalize access to a computer system without right."


def _queries(app, client, url: str) -> tuple[int, str]:
    engine = app.extensions["workbench.db"].engine
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        page = client.get(url).get_data(as_text=True)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements), page


def test_a_repeated_page_is_served_from_memory(app, scenario, as_role):
    cache = app.extensions["workbench.page_cache"]
    client = as_role("anonymous")
    url = f"/provisions/{scenario['provision_id']}"
    first_queries, first = _queries(app, client, url)
    hits = cache.hits
    again_queries, again = _queries(app, client, url)
    assert again == first and cache.hits == hits + 1
    # Only the check that the data has not changed (and SQLite's per-connection PRAGMA).
    assert again_queries <= 2 < first_queries


def test_a_write_shows_at_once(app, scenario, as_role):
    client = as_role("anonymous")
    url = f"/provisions/{scenario['provision_id']}"
    assert NEW_WORDING not in client.get(url).get_data(as_text=True)
    with session_of(app) as db:
        table(
            db, get_instrument(db, "rolling-text"), "Article 1", "BRA", NEW_WORDING, session="AHC-2"
        )
        db.commit()
    assert "Brazil" in client.get(url).get_data(as_text=True)


def test_each_language_and_each_query_string_is_its_own_page(app, scenario, as_role):
    client = as_role("anonymous")
    english = client.get("/instruments/rolling-text").get_data(as_text=True)
    client.get("/language?lang=zh")
    chinese = client.get("/instruments/rolling-text").get_data(as_text=True)
    assert 'lang="en"' in english and 'lang="zh' in chinese
    only_zh = client.get("/instruments/rolling-text?text=zh").get_data(as_text=True)
    assert only_zh != chinese


def test_logged_in_readers_are_never_served_from_memory(app, scenario, as_role):
    cache = app.extensions["workbench.page_cache"]
    url = f"/provisions/{scenario['provision_id']}"
    as_role("anonymous").get(url)
    delegate = as_role("delegate")
    hits = cache.hits
    page = delegate.get(url).get_data(as_text=True)
    assert cache.hits == hits
    assert "delegate" in page  # the reader's own name in the top bar
