"""The workbench in a real browser: Debian's Chromium driven by Playwright against a served app.

Journey: browse an instrument → open a provision → compare two versions → table a proposal
with a co-sponsor (delegate) → agree it (secretariat) → see the new version and its blame →
export a .docx → switch to 中文. Screenshots of the main pages go to tests/artifacts/screenshots/
(UPDATE_SCREENSHOTS=1: to docs/screenshots/, which the README shows).
"""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import make_test_app
from tests.web.page_matrix import PASSWORD, build_page_scenario

pytestmark = [pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
# A test run must not rewrite files under version control; the README's pictures are renewed
# on purpose.
SCREENSHOTS = (
    ROOT / "docs" / "screenshots"
    if os.environ.get("UPDATE_SCREENSHOTS")
    else ROOT / "tests" / "artifacts" / "screenshots"
)
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def served(templates, tmp_path):
    """The app on a real SQLite file with the corpus and the page scenario, on a free port."""
    url = templates.fresh("sqlite", "corpus")
    app = make_test_app(url, tmp_path)
    with app.app_context(), app.extensions["workbench.db"].session() as db:
        scenario = build_page_scenario(db)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", scenario
    server.shutdown()
    thread.join(timeout=10)
    app.extensions["workbench.db"].dispose()


@pytest.fixture
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def log_in(page, base: str, name: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector("text=Logged in as")


def test_journey(served, browser):
    base, scenario = served
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    # Browse an instrument and open a provision.
    page.goto(base + "/")
    shot(page, "home")
    page.get_by_role("link", name="Draft convention on countering").first.click()
    page.wait_for_selector("nav.toc")
    shot(page, "instrument")
    page.locator("article.provision h3 a").first.click()
    page.wait_for_selector("#pending-h")
    provision_url = page.url
    assert page.locator(".proposal ins").count() > 0
    shot(page, "provision")  # a provision page with a pending proposal's redline

    # Table a proposal with a co-sponsor, as China's delegate, with the live preview.
    log_in(page, base, "delegate")
    page.goto(provision_url)
    page.get_by_role("link", name="Propose an amendment").click()
    english = page.get_by_label("Proposed wording (English)")
    english.fill(
        "Each Party shall adopt such legislative and other measures as may be "
        "necessary to establish as criminal offences the intentional access to an "
        "information and communications technology system without right."
    )
    page.wait_for_selector("#preview ins")  # filled in by the script, no submit
    assert "information and communications technology" in page.inner_text("#preview")
    page.get_by_label("Co-sponsors (party codes, separated by commas)").fill("BRA, ZAF")
    page.get_by_label("Session").select_option("AHC-2")
    page.get_by_label("Rationale").fill("Technology-neutral wording.")
    shot(page, "table-proposal")
    page.get_by_role("button", name="Table the proposal").click()
    page.wait_for_selector("text=tabled.")
    proposal_url = page.url
    assert "Brazil" in page.inner_text("main") and "South Africa" in page.inner_text("main")

    # Agree it as the secretariat: a new version of the provision.
    page.get_by_role("button", name="Log out").click()
    log_in(page, base, "secretariat")
    page.goto(proposal_url)
    page.get_by_label("New status").select_option("agreed")
    page.get_by_role("button", name="Record the status").click()
    page.wait_for_selector("text=Status changed.")
    shot(page, "proposal")
    page.get_by_role("link", name="See the provision").click()
    assert "Version 2" in page.inner_text("main")
    current = page.inner_text("section[aria-labelledby=current-h]")
    assert "information and communications technology" in current

    # Compare the two versions word by word.
    page.check("#a-1")
    page.check("#b-2")
    page.get_by_role("button", name="Compare the chosen versions").click()
    page.wait_for_selector("#compare-h")
    assert "information and communications technology" in page.inner_text(".compare ins")
    shot(page, "compare")

    # The blame names the proposal and its sponsors.
    page.get_by_role("link", name="Who wrote what (blame)").click()
    legend = page.inner_text(".legend")
    # Brazil and South Africa were invited and have not accepted: only China is named.
    assert "(China)" in legend and "Brazil" not in legend
    shot(page, "blame")

    # Export the negotiating text and open the Word file.
    page.goto(f"{base}/export?instrument={scenario['slug']}")
    page.get_by_label("Tracked changes authored by the sponsoring states").check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the Word file").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    from docx import Document

    document = Document(io.BytesIO(Path(download.path()).read_bytes()))
    # Every run's text, those inside tracked insertions and deletions included.
    body = "".join(
        node.text or ""
        for node in document.element.body.iter()
        if node.tag.rsplit("}", 1)[-1] in ("t", "delText")
    )
    assert "information and communications technology system without right" in body

    # Switch to 中文.
    page.goto(provision_url)
    # The interface language (the top bar), not the language of the texts shown.
    page.locator(".switch").get_by_role("link", name="中文").click()
    page.wait_for_selector("html[lang=zh-Hans]")
    main_text = page.inner_text("body")
    assert "现行案文" in main_text and "版本记录" in main_text
    shot(page, "provision-zh")
    assert not errors, errors
    context.close()


def test_phone_layout_and_keyboard(served, browser):
    base, scenario = served
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{base}/provisions/{scenario['provision_id']}")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the page scrolls sideways on a phone ({width}px)"
    shot(page, "provision-phone")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    context.close()


def test_form_works_without_javascript(served, browser):
    base, scenario = served
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, base, "delegate")
    page.goto(f"{base}/proposals/new?provision={scenario['provision_id']}")
    page.get_by_label("Proposed wording (English)").fill("Each Party shall act.")
    page.get_by_role("button", name="Preview").click()
    assert page.locator("#preview del").count() > 0
    page.get_by_role("button", name="Table the proposal").click()
    page.wait_for_selector("text=tabled.")
    context.close()


def test_consolidated_view(served, browser):
    """The consolidated text shows the phrase in dispute beside the current words, with its
    sponsors, in English and in Chinese."""
    base, scenario = served
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/instruments/{scenario['slug']}/consolidated?text=en")
    dispute = page.locator(".dispute").first
    dispute.wait_for()
    assert "(China, Russian Federation)" in dispute.inner_text()
    assert page.locator(".option-current").first.is_visible()
    shot(page, "consolidated")
    page.locator(".view-switch").get_by_role("link", name="中文").click()
    page.wait_for_url("**text=zh")
    assert "第一条" in page.locator("main").inner_text()
    page.close()
