"""Bad input gets one clear error with the right status, and the database is left as it was."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document

from tests.security.helpers import all_rows, changed_tables

SCRIPT = '<script>alert("pwned")</script><img src=x onerror=alert(1)> Each Party shall act.'


def _proposal_body(world, **changes):
    body = {
        "instrument": world.text_slug,
        "provision_id": world.provision_ids["Article 1"],
        "kind": "amend",
        "session": "AHC-1",
        "sponsor": "CHN",
        "text": {"en": "Each State Party shall adopt measures."},
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not ...}


def _bad_requests(world):
    """(name, method, path, kwargs, status, field or None) — each must change nothing."""
    ids = world.provision_ids
    pending = world.proposal("CHN", label="Article 4")
    agreed = world.proposal("CHN", label="Article 5")
    world.agree(agreed)
    big = "x" * 50_001
    yield (
        "field over the limit",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, text={"en": big})},
        413,
        "text.en",
    )
    yield (
        "title over the limit",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, kind="insert", label="A" * 501)},
        413,
        "label",
    )
    yield (
        "body over the JSON limit",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, rationale="y" * (1024 * 1024 + 10))},
        413,
        None,
    )
    yield (
        "body over the request limit",
        "POST",
        "/api/proposals",
        {"data": b"{" + b" " * (16 * 1024 * 1024 + 1) + b"}", "content_type": "application/json"},
        413,
        None,
    )
    yield (
        "malformed JSON",
        "POST",
        "/api/proposals",
        {"data": b'{"instrument": "rolling-text", "kind": ', "content_type": "application/json"},
        400,
        None,
    )
    yield "a JSON list", "POST", "/api/proposals", {"json": [1, 2]}, 400, None
    yield (
        "not JSON at all",
        "POST",
        "/api/proposals",
        {"data": "instrument=rolling-text", "content_type": "application/x-www-form-urlencoded"},
        400,
        None,
    )
    yield (
        "an id as text",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, provision_id="one")},
        400,
        "provision_id",
    )
    yield (
        "an id as true",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, provision_id=True)},
        400,
        "provision_id",
    )
    yield (
        "text as a list",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, text=["Each Party"])},
        400,
        "text",
    )
    yield (
        "wording as a number",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, text={"en": 42})},
        400,
        "text.en",
    )
    yield (
        "an unknown language",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, text={"xx": "words"})},
        400,
        "text",
    )
    yield (
        "co-sponsors as numbers",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, cosponsors=[1, 2])},
        400,
        "cosponsors",
    )
    yield (
        "an unknown kind",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, kind="rewrite")},
        400,
        "kind",
    )
    yield (
        "a missing session",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, session=...)},
        400,
        "session",
    )
    yield (
        "a bad date",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, tabled_on="yesterday")},
        400,
        "tabled_on",
    )
    yield (
        "an unknown provision",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, provision_id=999_999)},
        404,
        None,
    )
    yield (
        "an unknown party",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, cosponsors=["ZZZ"])},
        404,
        None,
    )
    yield (
        "an unknown session",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, session="AHC-99")},
        404,
        None,
    )
    yield (
        "an unknown text",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, instrument="no-such-text")},
        404,
        None,
    )
    yield (
        "a source text",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, instrument="budapest-ets185")},
        400,
        "instrument",
    )
    yield (
        "wording unchanged",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, text={"en": world.current_text("Article 1")})},
        400,
        None,
    )
    yield (
        "an unknown proposal",
        "POST",
        "/api/proposals/999999/status",
        {"json": {"status": "agreed"}},
        404,
        None,
    )
    yield (
        "an unknown status",
        "POST",
        f"/api/proposals/{pending}/status",
        {"json": {"status": "approved"}},
        400,
        "status",
    )
    yield (
        "agreed back to tabled",
        "POST",
        f"/api/proposals/{agreed}/status",
        {"json": {"status": "tabled"}},
        409,
        "status",
    )
    yield (
        "agreed, then withdrawn",
        "POST",
        f"/api/proposals/{agreed}/status",
        {"json": {"status": "withdrawn"}},
        409,
        "status",
    )
    yield (
        "agreed twice",
        "POST",
        f"/api/proposals/{agreed}/status",
        {"json": {"status": "agreed"}},
        409,
        None,
    )
    yield (
        "merged into itself",
        "POST",
        f"/api/proposals/{pending}/status",
        {"json": {"status": "merged", "merged_into": pending}},
        400,
        "merged_into",
    )
    yield (
        "an unknown stance",
        "POST",
        f"/api/proposals/{pending}/stances",
        {"json": {"party": "CHN", "position": "maybe"}},
        400,
        "position",
    )
    yield (
        "co-sponsoring twice",
        "POST",
        f"/api/proposals/{pending}/cosponsors",
        {"json": {"party": "CHN"}},
        409,
        None,
    )
    yield (
        "the main sponsor leaving",
        "DELETE",
        f"/api/proposals/{pending}/cosponsors/CHN",
        {},
        409,
        None,
    )
    yield (
        "rebasing a current proposal",
        "POST",
        f"/api/proposals/{pending}/rebase",
        {"json": {"text": {"en": "x"}}},
        409,
        None,
    )
    yield (
        "a slug with spaces",
        "POST",
        "/api/instruments",
        {"json": {"slug": "a b c", "source": "budapest-ets185"}},
        400,
        "slug",
    )
    yield (
        "an existing slug",
        "POST",
        "/api/instruments",
        {
            "json": {"slug": world.text_slug, "title_en": "Again", "source": "budapest-ets185"},
        },
        409,
        None,
    )
    yield (
        "a diff of versions that do not exist",
        "GET",
        f"/api/provisions/{ids['Article 1']}/diff?from=1&to=99",
        {},
        404,
        None,
    )
    yield "a limit that is not a number", "GET", "/api/proposals?limit=ten", {}, 400, "limit"
    yield (
        "a NUL character in the body",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, text={"en": "Each Party\x00 shall act."})},
        400,
        None,
    )
    yield (
        "a NUL character in a slug",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, instrument="rolling\x00text")},
        400,
        None,
    )
    yield "a NUL character in the path", "GET", "/api/instruments/rolling%00text", {}, 400, "slug"
    yield "a NUL character in the query", "GET", "/api/search?q=access%00", {}, 400, "q"
    yield (
        "an id beyond any integer",
        "POST",
        f"/api/proposals/{2**70}/status",
        {"json": {"status": "agreed"}},
        404,
        None,
    )
    yield (
        "a body id beyond any integer",
        "POST",
        "/api/proposals",
        {"json": _proposal_body(world, provision_id=2**70)},
        400,
        "provision_id",
    )
    yield "an offset beyond any integer", "GET", f"/api/proposals?offset={2**70}", {}, 400, "offset"
    yield (
        "an upload that is not Word",
        "POST",
        "/api/imports",
        {"data": {"file": (io.BytesIO(b"MZ\x90\x00binary"), "virus.exe")}},
        400,
        None,
    )


def test_bad_input_is_refused_and_nothing_is_written(world, app, client):
    failures = []
    for name, method, path, kwargs, status, field in _bad_requests(world):
        before = all_rows(app)
        response = client.open(path, method=method, headers=world.headers("secretariat"), **kwargs)
        body = response.get_json(silent=True)
        problems = []
        if response.status_code != status:
            problems.append(f"status {response.status_code}, expected {status}")
        if not body or not body.get("message") or not body.get("error"):
            problems.append(f"no JSON error with a message: {response.data[:200]!r}")
        elif field and body.get("field") != field:
            problems.append(f"field {body.get('field')!r}, expected {field!r}")
        changed = changed_tables(before, all_rows(app))
        if changed:
            problems.append(f"wrote to {changed}")
        if problems:
            failures.append(f"{name}: {'; '.join(problems)} — {body and body.get('message')}")
    assert not failures, "\n".join(failures)


def test_script_tags_are_stored_verbatim_and_inert(world, app, client, tmp_path):
    created = client.post(
        "/api/proposals",
        json=_proposal_body(world, text={"en": SCRIPT}),
        headers=world.headers("delegate"),
    )
    assert created.status_code == 201, created.get_json()
    proposal = created.get_json()
    stored = client.get(f"/api/proposals/{proposal['id']}").get_json()
    assert stored["revision"]["text"]["en"] == SCRIPT
    # The diff's HTML escapes the tags: they show as text and run nothing.
    html = proposal["diff"]["en"]["html"]
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "onerror" in html
    # The JSON itself is served as JSON, never sniffed as HTML.
    assert created.headers["Content-Type"].startswith("application/json")
    assert created.headers["X-Content-Type-Options"] == "nosniff"

    # Agreed into the text, it reaches the Word export as literal text.
    agreed = client.post(
        f"/api/proposals/{proposal['id']}/status",
        json={"status": "agreed"},
        headers=world.headers("secretariat"),
    )
    assert agreed.status_code == 200, agreed.get_json()
    # The HTML pages that show the provision or the proposal escape it too.
    shown = 0
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api") or "GET" not in rule.methods:
            continue
        if rule.arguments == {"provision_id"}:
            path = rule.rule.replace("<int:provision_id>", str(world.provision_ids["Article 1"]))
        elif rule.arguments == {"proposal_id"}:
            path = rule.rule.replace("<int:proposal_id>", str(proposal["id"]))
        else:
            continue
        page = client.get(path)
        assert page.status_code == 200, path
        text = page.get_data(as_text=True)
        assert '<script>alert("pwned")' not in text, path
        assert "<img src=x onerror" not in text, path
        if "&lt;script&gt;" in text:
            shown += 1
    assert shown >= 1, "no HTML page showed the agreed wording"

    for mode in ("brackets", "tracked"):
        response = client.get(f"/api/instruments/{world.text_slug}/export?mode={mode}")
        assert response.status_code == 200
        path = tmp_path / f"{mode}.docx"
        path.write_bytes(response.data)
        paragraphs = "\n".join(p.text for p in Document(str(path)).paragraphs)
        assert SCRIPT in paragraphs, mode
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("word/document.xml").decode()
        assert "<script" not in xml and "&lt;script&gt;" in xml
        assert not re.search(r"<img\b", xml)


@pytest.mark.parametrize("status", ["rejected", "withdrawn"])
def test_impossible_moves_after_a_decision(world, app, client, status):
    """Once rejected or withdrawn, a proposal can never come back or be agreed."""
    proposal = world.proposal("CHN", label="Article 3")
    first = client.post(
        f"/api/proposals/{proposal}/status",
        json={"status": status},
        headers=world.headers("secretariat"),
    )
    assert first.status_code == 200
    before = all_rows(app)
    for move in ("tabled", "agreed", "under_discussion", "rejected", "withdrawn"):
        response = client.post(
            f"/api/proposals/{proposal}/status",
            json={"status": move},
            headers=world.headers("secretariat"),
        )
        assert response.status_code == 409, (status, move, response.get_json())
        assert "cannot" in response.get_json()["message"]
    assert changed_tables(before, all_rows(app)) == []
