"""A bracketed consolidated text, as the chair edited it, comes back as attributed proposals.

The documents here are written with python-docx in the format of the brackets export
(workbench.export.brackets): spans "[current] / [option] (sponsors)", "[delete]", a whole
provision proposed for deletion in one more pair of brackets. Every fault is reported with
its provision and paragraph, and nothing is written until the file is clean (or --skip-bad).
"""

from __future__ import annotations

import json

import pytest

from tests.imports.bracket_documents import write_bracketed
from tests.imports.conftest import session_of, snapshot
from tests.scenario import build_rolling_text, table
from workbench.instruments.queries import current_version, find_provision, get_instrument
from workbench.proposals.models import Proposal
from workbench.proposals.sponsors import sponsor_codes

A1 = (
    "Each Party shall adopt such legislative and other measures as may be necessary to "
    "establish as criminal offences under its domestic law, when committed intentionally, "
    "the access to the whole or any part of a computer system without right."
)


@pytest.fixture
def text(app):
    """The rolling text, with Article 1 cut to one sentence (so documents stay short)."""
    with session_of(app) as db:
        instrument = build_rolling_text(db)
        db.commit()
        return instrument.slug


def _current(app, slug, label, lang="en"):
    with session_of(app) as db:
        provision = find_provision(db, get_instrument(db, slug), label)
        return current_version(db, provision).text(lang)


def _proposals(app, slug):
    """(provision, kind, wording, sponsor codes) of every proposal of the text."""
    with session_of(app) as db:
        from sqlalchemy import select

        instrument = get_instrument(db, slug)
        found = db.scalars(select(Proposal).where(Proposal.instrument_id == instrument.id))
        return sorted(
            (
                p.provision.label,
                str(p.kind),
                p.revision.text("en") or p.revision.text("zh") or "",
                tuple(sponsor_codes(p)),
            )
            for p in found
        )


def _document(tmp_path, app, text, article1: str, article2: list[str] | None = None, name="chair.docx"):
    a2 = _current(app, text, "Article 2")
    items = [
        ("chapter", "Chapter I — Criminalization"),
        ("provision", "Article 1 Illegal access", article1.split("\n")),
        ("provision", "Article 2 Illegal interception", article2 or [a2]),
    ]
    return write_bracketed(tmp_path / name, items)


def test_groups_of_sponsors_become_proposals(app, runner, text, tmp_path, backend):
    article1 = _current(app, text, "Article 1")
    edited = article1.replace(
        "Each Party shall",
        "Each [Party] / [State Party] (China, Russian Federation) / [Member State] (Brazil) shall",
        1,
    ).replace(
        "a computer system without right",
        "[a computer system] / [an information and communications technology system] "
        "(China, Russian Federation) / [delete] (Brazil) without right",
        1,
    )
    path = _document(tmp_path, app, text, edited)
    result = runner.invoke(
        ["import-proposals", str(path), "--into", text, "--session", "AHC-2", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["proposals"]) == 2 and data["issues"] == []
    assert {c["change"] for c in data["changes"]} == {"new"}
    china = article1.replace("Each Party", "Each State Party", 1).replace(
        "a computer system without right",
        "an information and communications technology system without right",
        1,
    )
    brazil = article1.replace("Each Party", "Each Member State", 1).replace(
        "part of a computer system without right", "part of without right", 1
    )
    assert _proposals(app, text) == sorted(
        [
            ("Article 1", "amend", china, ("CHN", "RUS")),
            ("Article 1", "amend", brazil, ("BRA",)),
        ]
    )
    # The same file again: everything is already a proposal, nothing is added.
    before = snapshot(app)
    again = runner.invoke(
        ["import-proposals", str(path), "--into", text, "--session", "AHC-2", "--json"]
    )
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["proposals"] == []
    assert sorted(json.loads(again.stdout)["duplicates"]) == sorted(data["proposals"])
    assert snapshot(app) == before
