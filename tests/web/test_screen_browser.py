"""The screen view in Chromium, two browsers at once: the secretariat puts a provision on
screen, tables a proposal from the floor and agrees it; a delegate's screen view follows each
step without a reload."""

from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from tests.conftest import make_test_app
from tests.web.page_matrix import build_page_scenario
from tests.web.test_browser import browser, log_in, shot  # noqa: F401 (the browser fixture)
from workbench.sessions.operations import get_session, set_current_session

pytestmark = [pytest.mark.browser]

WORDING = (
    "Each Party shall establish as criminal offences the intentional access to an "
    "information and communications technology system without right."
)


@pytest.fixture
def served(templates, tmp_path):
    """The app on a real SQLite file, the page scenario and a session in progress, served."""
    url = templates.fresh("sqlite", "corpus")
    app = make_test_app(url, tmp_path)
    with app.app_context(), app.extensions["workbench.db"].session() as db:
        scenario = build_page_scenario(db)
        set_current_session(db, get_session(db, "AHC-2"), actor=None)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", scenario, app
    # The open streams end, so that the server's threads finish.
    from workbench.web.events import stop_streams

    stop_streams(app)
    server.shutdown()
    thread.join(timeout=10)
    app.extensions["workbench.db"].dispose()


def test_the_screen_follows_the_secretariat(served, browser):  # noqa: F811
    base, scenario, _app = served
    errors: list[str] = []
    chair_context = browser.new_context(viewport={"width": 1280, "height": 900})
    room_context = browser.new_context(viewport={"width": 1280, "height": 900})
    chair, room = chair_context.new_page(), room_context.new_page()
    for page in (chair, room):
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    # A delegate's laptop shows the screen view before anything is on screen.
    log_in(room, base, "delegate")
    room.goto(base + "/screen")
    room.wait_for_selector("#screen-nothing")
    room.wait_for_selector("#screen-status[data-state=open]")  # the event stream is open
    # Anything set on this page survives only if the page is never reloaded.
    room.evaluate("window.notReloaded = true")
    assert room.locator("#screen-provision-id").count() == 0  # delegates do not choose

    # The secretariat puts Article 1 on screen.
    log_in(chair, base, "secretariat")
    chair.goto(base + "/screen")
    chair.get_by_label("Provision on screen").select_option(str(scenario["provision_id"]))
    chair.get_by_role("button", name="Show on screen").click()
    chair.wait_for_selector("text=is on screen.")
    room.wait_for_selector("#screen-provision:has-text('Article 1')", timeout=5000)
    assert "(1)" in room.inner_text("#screen-pending-h")
    shot(room, "screen")

    # The secretariat tables, from the floor, a proposal by Brazil on Article 1.
    chair.goto(f"{base}/proposals/new?provision={scenario['provision_id']}")
    chair.get_by_label("Proposed wording (English)").fill(WORDING)
    chair.get_by_label("Main sponsor (party code)").fill("BRA")
    chair.get_by_role("button", name="Table the proposal").click()
    chair.wait_for_selector("text=tabled.")
    room.wait_for_selector("#screen-pending-h:has-text('(2)')", timeout=5000)
    assert "information and communications technology" in room.inner_text("#screen")

    # The secretariat agrees China's proposal: the screen shows version 2 of the text.
    chair.goto(f"{base}/proposals/{scenario['proposal_id']}")
    chair.get_by_label("New status").select_option("agreed")
    chair.get_by_role("button", name="Record the status").click()
    chair.wait_for_selector("text=Status changed.")
    room.wait_for_selector(".screen-live:has-text('Version 2')", timeout=5000)
    assert "(1)" in room.inner_text("#screen-pending-h")
    assert "unlawful access to an ICT system" in room.inner_text("#screen-current-h + *")

    assert room.evaluate("window.notReloaded") is True
    assert not errors, errors
    chair_context.close()
    room_context.close()
