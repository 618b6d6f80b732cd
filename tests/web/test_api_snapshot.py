"""The JSON API answers byte for byte as recorded, for the same data, on both databases.

A restructuring must not change what scripts read. Representative responses of a small
negotiation are compared with tests/web/snapshots/api-<backend>.json (search ranks differ by
backend), moments (which differ from run to
run) masked. A change of the API that is meant renews the file:
``UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/web/test_api_snapshot.py -p no:xdist``.
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.scenario import build_rolling_text, table
from workbench.instruments.queries import find_provision
from workbench.parties.operations import get_party
from workbench.proposals.decide import change_status
from workbench.proposals.stances import record_stance
from workbench.sessions.operations import get_session

SNAPSHOTS = Path(__file__).parent / "snapshots"
# An ISO moment with a time of day (dates alone are data and stay).
MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)?$")


def _mask(value):
    if isinstance(value, dict):
        return {key: _mask(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_mask(item) for item in value]
    if isinstance(value, str) and MOMENT.match(value):
        return "<moment>"
    if value == datetime.now(UTC).date().isoformat():
        return "<today>"  # proposals and stances carry the day they really were made
    return value


def _negotiation(app) -> dict[str, int]:
    with app.app_context(), app.extensions["workbench.db"].session() as db:
        text = build_rolling_text(db)
        first = table(
            db,
            text,
            "Article 1",
            "CHN",
            "Each Party shall adopt such measures.",
            cosponsors=["RUS"],
            rationale="Shorter.",
        )
        second = table(db, text, "Article 2", "USA", "Each State Party may require intent.")
        table(db, text, "Article 3", "BRA", None, kind="delete")
        record_stance(db, first, get_party(db, "USA"), "oppose", session=get_session(db, "AHC-1"))
        change_status(db, second, "agreed", session=get_session(db, "AHC-2"))
        return {
            "article_1": find_provision(db, text, "Article 1").id,
            "article_2": find_provision(db, text, "Article 2").id,
            "first": first.id,
            "second": second.id,
        }


def _requests(ids: dict[str, int]) -> list[str]:
    return [
        "/api/instruments",
        "/api/instruments/rolling-text",
        "/api/instruments/budapest-ets185?lang=zh",
        f"/api/provisions/{ids['article_1']}",
        f"/api/provisions/{ids['article_2']}/diff?from=1&to=2",
        f"/api/provisions/{ids['article_2']}/versions/2",
        f"/api/provisions/{ids['article_2']}/blame",
        f"/api/proposals/{ids['first']}",
        f"/api/proposals/{ids['first']}/rebase",
        "/api/proposals?instrument=rolling-text",
        "/api/parties/CHN",
        "/api/parties/BRICS",
        "/api/parties/CHN/proposals",
        "/api/sessions",
        "/api/sessions/AHC-2",
        "/api/topics",
        "/api/topics/illegal-access",
        "/api/search?q=computer%20system",
        f"/api/compare?left={ids['article_1']}&right={ids['article_2']}&lang=en",
        "/api/provisions/999999",
        "/api/proposals?status=nonsense",
    ]


@pytest.mark.slow
def test_api_answers_as_recorded(app, client, backend):
    snapshot = SNAPSHOTS / f"api-{backend}.json"
    ids = _negotiation(app)
    answers = {}
    for url in _requests(ids):
        response = client.get(url)
        answers[url] = {
            "status": response.status_code,
            "body": _mask(response.get_json()),
        }
    answers["openapi paths"] = sorted(client.get("/api/openapi.json").get_json()["paths"])
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snapshot.write_text(json.dumps(answers, ensure_ascii=False, indent=1) + "\n")
    recorded = json.loads(snapshot.read_text())
    assert list(answers) == list(recorded)
    for url, answer in answers.items():
        assert answer == recorded[url], url
