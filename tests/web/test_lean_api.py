"""The provision's API answer is lean (summaries with links), its proposals come whole and
paged from /api/proposals, and every GET of the API answers 304 to its own ETag."""

from __future__ import annotations

import json

from tests.scenario import table
from workbench.instruments.queries import get_instrument


def _grow(app, count: int) -> None:
    from tests.imports.conftest import session_of

    with session_of(app) as db:
        text = get_instrument(db, "rolling-text")
        for number in range(count):
            table(db, text, "Article 1", "BRA", f"Each Party shall act, variant {number}.")
        db.commit()


def test_provision_answer_is_summaries_with_links(app, scenario, as_role):
    _grow(app, 40)
    client = as_role("observer")
    pid = scenario["provision_id"]
    response = client.get(f"/api/provisions/{pid}")
    data = response.get_json()
    assert data["text"]["en"] and data["links"]["proposals"].startswith("/api/proposals?")
    assert sum(data["proposal_counts"].values()) == 41
    assert len(data["proposals"]) == 25  # the first pending ones; the rest through the link
    first = data["proposals"][0]
    assert set(first) >= {"id", "status", "sponsors_label", "href"}
    assert "revision" not in first and "stances" not in first
    assert first["href"] == f"/api/proposals/{first['id']}"
    assert client.get(first["href"]).get_json()["id"] == first["id"]
    version = data["versions"][-1]
    assert version["number"] == data["version"] and "text" not in version
    assert client.get(version["href"]).get_json()["text"] == data["text"]

    # Every proposal, whole, page by page through the link.
    seen = []
    url = data["links"]["proposals"].replace("limit=100", "limit=15")
    for offset in (0, 15, 30):
        page = client.get(url.replace("offset=0", f"offset={offset}")).get_json()
        assert page["total"] == 41
        seen += [p["id"] for p in page["proposals"]]
        assert all("revision" in p and "stances" in p for p in page["proposals"])
    assert len(seen) == len(set(seen)) == 41
    assert [p["id"] for p in data["proposals"]] == seen[:25]


def test_every_api_get_has_an_etag_and_answers_304(app, scenario, as_role):
    client = as_role("delegate")
    pid = scenario["provision_id"]
    for url in (
        f"/api/provisions/{pid}",
        f"/api/proposals?provision={pid}&limit=10&offset=0",
        f"/api/proposals/{scenario['proposal_id']}",
        "/api/instruments",
        f"/api/instruments/{scenario['slug']}",
        "/api/parties",
        "/api/openapi.json",
    ):
        first = client.get(url)
        etag = first.headers["ETag"]
        assert first.status_code == 200 and etag, url
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.get_data() == b"", url
        assert again.headers["ETag"] == etag
        other = client.get(url, headers={"If-None-Match": '"not-this-one"'})
        assert other.status_code == 200 and other.get_data() == first.get_data(), url

    # A change makes a new answer with a new ETag: the old one no longer gives 304.
    url = f"/api/provisions/{pid}"
    etag = client.get(url).headers["ETag"]
    _grow(app, 1)
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    # Errors carry none.
    assert "ETag" not in client.get("/api/provisions/999999").headers


def test_provision_answer_stays_small(app, scenario, as_role):
    """Bounded whatever the number of proposals: 25 summaries, 20 versions at most."""
    _grow(app, 120)
    body = as_role("observer").get(f"/api/provisions/{scenario['provision_id']}").get_data()
    data = json.loads(body)
    assert sum(data["proposal_counts"].values()) == 121 and len(data["proposals"]) == 25
    assert len(body) < 20_000
