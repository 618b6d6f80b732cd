"""Schemathesis fuzzes the API from its OpenAPI document against a served instance: no 5xx."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.security.served import serving
from workbench.users.models import User
from workbench.users.tokens import issue_token

# Small enough for two cores in well under two minutes; raise it to fuzz harder.
MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "8"))


def _config(world, path: Path) -> Path:
    """Real ids and codes of the negotiation, offered to the fuzzer most of the time."""
    proposals = [
        world.proposal(code, label=label)
        for code, label in (("CHN", "Article 1"), ("USA", "Article 1"), ("BRA", "Article 2"))
    ]
    proposals.append(world.stale_proposal("RUS", label="Article 3"))
    dictionaries = {
        "proposals": proposals,
        "provisions": list(world.provision_ids.values()),
        "slugs": [world.text_slug, "budapest-ets185", "china-elements-2021"],
        "parties": ["CHN", "USA", "BRA", "RUS", "EU"],
        "sessions": ["AHC-1", "AHC-2"],
        "topics": [world.topic_slug, "all"],
        # The document says what GET /api/tokens answers, so the fuzzer learns the name of
        # its own token and would revoke it; it revokes a spare one instead (then gets 404).
        "tokens": [_spare_token(world)],
    }
    bindings = {
        "path.proposal_id": "proposals",
        "path.provision_id": "provisions",
        "path.slug": "slugs",
        "path.code": "parties",
        "path.what": "topics",
        "query.provision": "provisions",
        "query.left": "provisions",
        "query.right": "provisions",
        "query.instrument": "slugs",
        "query.from": "sessions",
        "query.to": "sessions",
        "body.provision_id": "provisions",
        "body.instrument": "slugs",
        "body.sponsor": "parties",
        "body.party": "parties",
        "body.session": "sessions",
        "body.merged_into": "proposals",
        "body.source": "slugs",
        "path.token_name": "tokens",
    }
    lines = []
    for name, values in dictionaries.items():
        rendered = ", ".join(f'"{v}"' if isinstance(v, str) else str(v) for v in values)
        lines += [f"[dictionaries.{name}]", f"values = [{rendered}]", ""]
    lines.append("[parameters]")
    lines += [
        f'"{key}" = {{ dictionary = "{name}", probability = {1.0 if name == "tokens" else 0.7} }}'
        for key, name in bindings.items()
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def _spare_token(world) -> str:
    """A second token of the secretariat's, for the fuzzer to revoke."""
    db = world.session()
    try:
        user = db.scalars(select(User).where(User.name == "secretariat")).one()
        issue_token(db, user, name="spare")
        db.commit()
    finally:
        db.close()
    return "spare"


@pytest.mark.slow
def test_no_server_errors_under_schemathesis(world, app, tmp_path):
    # The fuzzer logs in far more often than a person; the limiter is tested on its own.
    app.config["LOGIN_ATTEMPTS_PER_MINUTE"] = 10_000
    # Errors must come back as responses, not as exceptions in the test.
    app.config["PROPAGATE_EXCEPTIONS"] = False
    schemathesis = Path(sys.executable).with_name("schemathesis")
    with serving(app) as base:
        result = subprocess.run(
            [
                str(schemathesis),
                "--config-file",
                str(_config(world, tmp_path / "schemathesis.toml")),
                "run",
                f"{base}/api/openapi.json",
                # An event stream never ends: tests/web/test_live_events.py covers it.
                "--exclude-path",
                "/api/events",
                "--checks",
                "not_a_server_error",
                "--max-examples",
                str(MAX_EXAMPLES),
                "--phases",
                "examples,coverage,fuzzing",
                "--seed",
                os.environ.get("FUZZ_SEED", "7"),
                "--header",
                f"Authorization: Bearer {world.tokens['secretariat']}",
                "--request-timeout",
                "60",
                "--workers",
                "2",
                "--generation-database",
                "none",
                "--no-color",
                "--output-truncate",
                "false",
            ],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=tmp_path,
        )
    output = result.stdout + result.stderr
    (tmp_path / "schemathesis.txt").write_text(output)
    assert result.returncode == 0, output[-20000:]
    summary = output[output.rindex("SUMMARY") :]
    counts = re.search(r"(\d+) generated, (\d+) passed", summary)
    assert counts and counts[1] == counts[2] and int(counts[1]) > 0, summary
