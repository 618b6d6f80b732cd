"""The provision page is rendered once per version of the data for every reader, logged in
or not; each reader's own parts are added per request; a write through any app instance on
the database is seen at once through every other."""

from __future__ import annotations

import re

import pytest

from tests.conftest import make_test_app
from tests.web.conftest import login
from workbench.instruments.models import Provision
from workbench.users.models import User
from workbench.users.operations import issue_token

NEW_WORDING = "Each Party shall criminalize the intentional access to a whole computer system."


def _main(html: str) -> str:
    """The page's body, without the message flashed once after logging in."""
    body = re.search(r"<main.*</main>", html, re.S).group(0)
    body = re.sub(r'<div class="flash".*?</div>', "", body, flags=re.S)
    return re.sub(r"\s+", " ", body)


def _fragments(app):
    return app.extensions["workbench.fragments"]


def test_every_reader_gets_the_shared_page_with_their_own_parts(app, scenario, as_role):
    url = f"/provisions/{scenario['provision_id']}"
    anonymous = as_role("anonymous").get(url).get_data(as_text=True)
    cache = _fragments(app)
    misses, hits = cache.misses, cache.hits
    pages = {
        role: as_role(role).get(url).get_data(as_text=True) for role in ("observer", "delegate")
    }
    # Rendered once for the anonymous reader; the logged-in readers are served the same render.
    assert (cache.misses, cache.hits) == (misses, hits + 2)
    delegate, observer = pages["delegate"], pages["observer"]
    assert '<a class="who" href="/account">delegate · delegate (CHN)</a>' in delegate
    assert '<a class="who" href="/account">observer · observer</a>' in observer
    assert "Propose an amendment" in delegate and "Table a proposal" in delegate
    assert "Propose an amendment" not in observer and "Propose an amendment" not in anonymous
    assert 'name="csrf-token"' in delegate and 'name="csrf-token"' not in anonymous
    assert "Log in" in anonymous and "Log out" not in anonymous
    assert "\x00" not in delegate + observer + anonymous
    # Apart from the button the role may use, the body is the one render.
    button = re.compile(r" · <a class=\"button\"[^>]*>Propose an amendment</a>")
    assert button.sub("", _main(delegate)) == button.sub("", _main(observer))
    assert _main(observer) == _main(anonymous)


def test_each_readers_csrf_token_is_their_own(app, scenario, as_role):
    url = f"/provisions/{scenario['provision_id']}"
    first, second = as_role("delegate"), as_role("delegate")
    token_of = re.compile(r'name="csrf-token" content="([^"]+)"')
    one = token_of.search(first.get(url).get_data(as_text=True)).group(1)
    two = token_of.search(second.get(url).get_data(as_text=True)).group(1)
    assert one != two
    # The token on the shared page is good for a write of that reader's session only.
    assert first.post("/logout", data={"csrf_token": two}).status_code == 400
    assert first.post("/logout", data={"csrf_token": one}).status_code in (302, 303)


def _token(app, name: str) -> str:
    with app.app_context(), app.extensions["workbench.db"].session() as db:
        user = db.query(User).filter_by(name=name).one()
        return issue_token(db, user)


def test_a_write_through_one_app_is_seen_through_the_other(app, database_url, scenario, tmp_path):
    """Two app instances (two server processes) on one database, each with its own cache."""
    other = make_test_app(database_url, tmp_path / "other")
    try:
        reader = app.test_client()
        login(reader, "delegate")
        url = f"/provisions/{scenario['provision_id']}"
        assert "Logged in as delegate" in reader.get(url).get_data(as_text=True)
        before = reader.get(url).get_data(as_text=True)
        assert NEW_WORDING not in before
        cache = _fragments(app)
        hits, misses = cache.hits, cache.misses
        assert _main(reader.get(url).get_data(as_text=True)) == _main(before)
        assert (cache.hits, cache.misses) == (hits + 1, misses)

        # A proposal tabled through the other instance's API.
        response = other.test_client().post(
            "/api/proposals",
            json={
                "instrument": scenario["slug"],
                "kind": "amend",
                "provision_id": scenario["provision_id"],
                "text": {"en": NEW_WORDING},
                "sponsor": "CHN",
                "session": scenario["session_code"],
            },
            headers={"Authorization": f"Bearer {_token(other, 'delegate')}"},
        )
        assert response.status_code == 201, response.get_json()
        after = reader.get(url).get_data(as_text=True)
        assert f'id="proposal-{response.get_json()["id"]}"' in after
        assert cache.misses == misses + 1

        # A write that adds no row anywhere (a changed title) is seen too: the data version
        # is bumped by the writer's own transaction, not guessed from the newest ids.
        with other.app_context(), other.extensions["workbench.db"].session() as db:
            db.get(Provision, scenario["provision_id"]).title_en = "Illegal access, retitled"
        assert "Illegal access, retitled" in reader.get(url).get_data(as_text=True)
    finally:
        other.extensions["workbench.db"].dispose()


def test_readers_asking_at_once_cost_one_render():
    """When the data changes, a room of readers asking at once waits for one render."""
    import threading
    import time

    from workbench.web.pagecache import PageCache

    cache = PageCache(8)
    made = []

    def make():
        made.append(1)
        time.sleep(0.2)
        return "page"

    answers = []
    threads = [
        threading.Thread(target=lambda: answers.append(cache.get_or_make(("p", 1), make)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == ["page"] * 8 and len(made) == 1

    def broken():
        raise LookupError("no such provision")

    for _ in range(2):  # a failure is not kept, and leaves nothing behind
        with pytest.raises(LookupError):
            cache.get_or_make(("p", 2), broken)
    assert cache._making == {} and cache.get(("p", 2)) is None
