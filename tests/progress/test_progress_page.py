"""The progress page: the text coloured by negotiation status, in English and Chinese, and the
secretariat's form; in Chromium, each status has its own colour on screen."""

from __future__ import annotations

import re
import threading

import pytest
from werkzeug.serving import make_server

from tests.conftest import make_test_app
from tests.web.conftest import csrf_of, login
from tests.web.page_matrix import build_page_scenario
from tests.web.test_browser import CHROMIUM, shot


@pytest.fixture
def scenario(app):
    with app.app_context(), app.extensions["workbench.db"].session() as db:
        return build_page_scenario(db)


def _statuses_on(html: str) -> dict[str, str]:
    return dict(re.findall(r'id="provision-(\d+)" data-status="(\w+)"', html))


def test_secretariat_sets_status_on_the_page(app, scenario):
    client = app.test_client()
    login(client, "secretariat")
    page = client.get(f"/instruments/{scenario['slug']}/progress")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    provision = scenario["provision_id"]
    assert _statuses_on(html)[str(provision)] == "open"
    assert "negotiation-open" in html and "1 pending proposal" in html
    done = client.post(
        f"/provisions/{provision}/negotiation-status",
        data={
            "status": "agreed_ad_ref",
            "session": "AHC-2",
            "note": "Agreed in informals",
            "csrf_token": csrf_of(html),
        },
    )
    assert done.status_code == 303 and done.location.endswith(f"progress#provision-{provision}")
    html = client.get(done.location).get_data(as_text=True)
    assert _statuses_on(html)[str(provision)] == "agreed_ad_ref"
    assert "agreed ad referendum · AHC-2" in html and "Agreed in informals" in html
    # An impossible move comes back with its reason beside the form, nothing written.
    refused = client.post(
        f"/provisions/{provision}/negotiation-status",
        data={"status": "under_negotiation", "csrf_token": csrf_of(html)},
    )
    assert refused.status_code == 409
    assert "can become reopened" in refused.get_data(as_text=True)
    unknown = client.post(
        f"/provisions/{provision}/negotiation-status",
        data={"status": "reopened", "session": "AHC-99", "csrf_token": csrf_of(html)},
    )
    assert unknown.status_code == 400 and "AHC-99" in unknown.get_data(as_text=True)
    api = client.get(f"/api/provisions/{provision}/status").get_json()
    assert [h["to"] for h in api["history"]] == ["agreed_ad_ref"]


def test_readers_see_no_form_and_chinese_reads_chinese(app, scenario):
    client = app.test_client()
    html = client.get(f"/instruments/{scenario['slug']}/progress").get_data(as_text=True)
    assert "status-form" not in html
    login(client, "delegate")
    html = client.get(f"/instruments/{scenario['slug']}/progress").get_data(as_text=True)
    assert "status-form" not in html
    client.get("/language?lang=zh")
    html = client.get(f"/instruments/{scenario['slug']}/progress?text=zh").get_data(as_text=True)
    assert "进展" in html and "未决" in html and "已暂定商定，待核准" in html and "合计" in html
    assert "Progress" not in html and "agreed ad referendum" not in html


@pytest.mark.browser
def test_each_status_has_its_colour_in_chromium(templates, tmp_path):
    playwright_api = pytest.importorskip("playwright.sync_api")
    app = make_test_app(templates.fresh("sqlite", "corpus"), tmp_path)
    with app.app_context(), app.extensions["workbench.db"].session() as db:
        scenario = build_page_scenario(db)
    from tests.progress.conftest import set_statuses

    ids = set_statuses(app, scenario["slug"])
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        with playwright_api.sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM,
                headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = chromium.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{base}/instruments/{scenario['slug']}/progress")
            colours = {
                status: page.eval_on_selector(
                    f"#provision-{pid}", "e => getComputedStyle(e).backgroundColor"
                )
                for status, pid in ids.items()
            }
            shot(page, "progress")
            page.goto(f"{base}/language?lang=zh&next=/instruments/{scenario['slug']}/progress")
            assert page.locator("h1").inner_text().startswith("进展")
            shot(page, "progress-zh")
            chromium.close()
    finally:
        server.shutdown()
        app.extensions["workbench.db"].dispose()
    assert len(set(colours.values())) == len(colours), colours
    assert colours["agreed_ad_ref"] == "rgb(223, 243, 228)"
