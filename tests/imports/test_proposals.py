"""A delegation's tracked-changes Word file against the negotiating text → attributed proposals."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from tests.imports.conftest import session_of, snapshot
from tests.scenario import build_rolling_text
from tests.texts.builders import plain_run, tracked_run
from workbench.export.operations import export_instrument
from workbench.instruments.queries import current_version, find_provision, get_instrument
from workbench.proposals.models import Proposal

DATE = "2026-11-20T09:00:00Z"
# (provision, words replaced, replacement, author): China's delegate and an adviser whose
# name is no party's and must be mapped.
EDITS = [
    (
        "Article 1",
        "a computer system",
        "an information and communications technology system",
        "China",
    ),
    ("Article 4", "Each Party shall designate", "Each State Party shall designate", "J. Smith"),
]


@pytest.fixture
def rolling(app):
    """The rolling text, committed, and its current wording per label."""
    with session_of(app) as db:
        text = build_rolling_text(db)
        db.commit()
        wording = {
            label: current_version(db, find_provision(db, text, label)).text("en")
            for label in ("Article 1", "Article 2", "Article 4", "Article 5")
        }
    return wording


def export_text(app, path: Path) -> Path:
    """The negotiating text as the secretariat circulates it (the workbench's own export)."""
    with session_of(app) as db:
        return export_instrument(db, "rolling-text", mode="brackets", out=path)


def mark_up(source: Path, target: Path, edits) -> Path:
    """The exported text with each edit made as a tracked deletion and insertion, in the run
    that holds the words (so that two edits can share a paragraph)."""
    document = docx.Document(source)
    paragraphs = document.paragraphs
    for revision_id, (label, old, new, author) in enumerate(edits, start=1):
        start = next(
            i
            for i, p in enumerate(paragraphs)
            # "Article 1" over its title, a line break between.
            if p.style.name.startswith("Heading") and p.text.startswith((label + " ", label + "\n"))
        )
        run = next(
            r
            for p in paragraphs[start + 1 :]
            for r in p._p.findall(qn("w:r"))
            if old in "".join(t.text or "" for t in r.findall(qn("w:t")))
        )
        before, after = "".join(t.text or "" for t in run.findall(qn("w:t"))).split(old, 1)
        replacement = [
            plain_run(before),
            tracked_run("del", old, author, DATE, 2 * revision_id),
            tracked_run("ins", new, author, DATE, 2 * revision_id + 1),
            plain_run(after),
        ]
        for element in replacement:
            run.addprevious(element)
        run.getparent().remove(run)
    document.save(target)
    return target


def _proposals(db) -> list[Proposal]:
    from sqlalchemy import select

    return list(db.scalars(select(Proposal).order_by(Proposal.id)))


def _check_proposals(app, rolling, before_ids):
    with session_of(app) as db:
        text = get_instrument(db, "rolling-text")
        created = [p for p in _proposals(db) if p.id not in before_ids]
        assert len(created) == 2
        for proposal, (label, old, new, _author), sponsor in zip(
            created, EDITS, ("CHN", "USA"), strict=True
        ):
            provision = find_provision(db, text, label)
            assert proposal.provision_id == provision.id and str(proposal.kind) == "amend"
            revision = proposal.revision
            assert revision.base_version.id == current_version(db, provision).id
            assert revision.text("en") == rolling[label].replace(old, new, 1)
            assert [(s.party.code, str(s.role)) for s in proposal.sponsorships] == [
                (sponsor, "main")
            ]
            assert str(proposal.session.code) == "AHC-4"
            assert proposal.tabled_on.isoformat() == "2026-11-20"


def test_two_authors_become_two_attributed_proposals_cli(app, runner, rolling, tmp_path, backend):
    marked = mark_up(export_text(app, tmp_path / "text.docx"), tmp_path / "marked.docx", EDITS)
    with session_of(app) as db:
        before_ids = {p.id for p in _proposals(db)}
    result = runner.invoke(
        [
            "import-proposals",
            str(marked),
            "--into",
            "rolling-text",
            "--session",
            "AHC-4",
            "--author",
            "J. Smith=USA",
            "--json",
        ]
    )
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["proposals"]) == 2
    _check_proposals(app, rolling, before_ids)
    # Importing the same file again adds nothing, and says so.
    before = snapshot(app)
    again = [
        "import-proposals",
        str(marked),
        "--into",
        "rolling-text",
        "--session",
        "AHC-4",
        "--author",
        "J. Smith=USA",
    ]
    text = runner.invoke(again)
    assert text.exit_code == 0, text.output
    first, second = json.loads(result.stdout)["proposals"]
    assert text.output.splitlines() == [
        f"amend Article 1 by China is already proposal {first}; not added again.",
        f"amend Article 4 by United States of America is already proposal {second}; "
        "not added again.",
        "Nothing was added: every change in marked.docx is already a proposal (import with "
        "--allow-duplicates to table them again).",
    ]
    assert snapshot(app) == before
    # ... unless the secretariat asks for it.
    text = runner.invoke([*again, "--allow-duplicates", "--json"])
    assert text.exit_code == 0, text.output
    report = json.loads(text.stdout)
    assert len(report["proposals"]) == 2 and report["duplicates"] == []


def test_two_authors_become_two_attributed_proposals_api(
    app, client, tokens, rolling, tmp_path, backend
):
    marked = mark_up(export_text(app, tmp_path / "text.docx"), tmp_path / "marked.docx", EDITS)
    with session_of(app) as db:
        before_ids = {p.id for p in _proposals(db)}
    with marked.open("rb") as handle:
        response = client.post(
            "/api/instruments/rolling-text/tracked-changes",
            headers=tokens["secretariat"],
            data={
                "file": (handle, "marked.docx"),
                "session": "AHC-4",
                "author_map": json.dumps({"J. Smith": "USA"}),
            },
        )
    assert response.status_code == 201, response.json
    assert len(response.json["proposals"]) == 2
    _check_proposals(app, rolling, before_ids)
    # The same file again: the API applies the same rule.
    before = snapshot(app)
    with marked.open("rb") as handle:
        response = client.post(
            "/api/instruments/rolling-text/tracked-changes",
            headers=tokens["secretariat"],
            data={
                "file": (handle, "marked.docx"),
                "session": "AHC-4",
                "author_map": json.dumps({"J. Smith": "USA"}),
            },
        )
    assert response.status_code == 201, response.json
    assert response.json["proposals"] == [] and len(response.json["duplicates"]) == 2
    assert snapshot(app) == before


def test_an_unknown_author_is_a_clear_error_and_nothing_is_written(
    app, runner, client, tokens, rolling, tmp_path, backend
):
    """China's change would be tabled first; the unmapped second author aborts it all."""
    marked = mark_up(export_text(app, tmp_path / "text.docx"), tmp_path / "marked.docx", EDITS)
    before = snapshot(app)
    result = runner.invoke(
        ["import-proposals", str(marked), "--into", "rolling-text", "--session", "AHC-4"]
    )
    assert result.exit_code == 1
    assert "'J. Smith' is not a known party" in result.output and "--author" in result.output
    assert snapshot(app) == before
    with marked.open("rb") as handle:
        response = client.post(
            "/api/instruments/rolling-text/tracked-changes",
            headers=tokens["secretariat"],
            data={"file": (handle, "marked.docx"), "session": "AHC-4"},
        )
    assert response.status_code == 400 and "J. Smith" in response.json["message"]
    assert snapshot(app) == before


def test_an_unchanged_copy_produces_nothing(app, runner, rolling, tmp_path, backend):
    exported = export_text(app, tmp_path / "text.docx")
    before = snapshot(app)
    result = runner.invoke(
        [
            "import-proposals",
            str(exported),
            "--into",
            "rolling-text",
            "--session",
            "AHC-4",
            "--json",
        ]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["proposals"] == []
    assert snapshot(app) == before


def test_changes_drafted_on_an_older_version_are_refused(app, runner, rolling, tmp_path, backend):
    """The base must be the current version: a copy of an outdated text is a conflict."""
    marked = mark_up(export_text(app, tmp_path / "text.docx"), tmp_path / "marked.docx", EDITS[:1])
    from workbench.instruments.models import VersionOrigin
    from workbench.instruments.versions import append_version

    with session_of(app) as db:
        provision = find_provision(db, get_instrument(db, "rolling-text"), "Article 1")
        append_version(
            db,
            provision,
            {"en": rolling["Article 1"] + " Agreed addition."},
            origin=VersionOrigin.PROPOSAL,
            expected_number=provision.current_number,
        )
        db.commit()
    before = snapshot(app)
    result = runner.invoke(
        ["import-proposals", str(marked), "--into", "rolling-text", "--session", "AHC-4"]
    )
    assert result.exit_code == 1 and "redraft them on the current text" in result.output
    assert snapshot(app) == before


def test_two_authors_on_one_provision_make_two_proposals(app, runner, rolling, tmp_path, backend):
    """Each delegation's proposal holds its own change only, not the other's."""
    edits = [
        ("Article 1", "a computer system", "an ICT system", "China"),
        ("Article 1", "without right", "without authorization", "J. Smith"),
    ]
    marked = mark_up(export_text(app, tmp_path / "text.docx"), tmp_path / "marked.docx", edits)
    with session_of(app) as db:
        before_ids = {p.id for p in _proposals(db)}
    result = runner.invoke(
        [
            "import-proposals",
            str(marked),
            "--into",
            "rolling-text",
            "--session",
            "AHC-4",
            "--author",
            "J. Smith=USA",
        ]
    )
    assert result.exit_code == 0, result.output
    with session_of(app) as db:
        created = [p for p in _proposals(db) if p.id not in before_ids]
        assert [(p.sponsorships[0].party.code, len(p.sponsorships)) for p in created] == [
            ("CHN", 1),
            ("USA", 1),
        ]
        wording = rolling["Article 1"]
        assert created[0].revision.text("en") == wording.replace(
            "a computer system", "an ICT system", 1
        )
        assert created[1].revision.text("en") == wording.replace(
            "without right", "without authorization", 1
        )
        assert created[0].revision.base_version_id == created[1].revision.base_version_id


def test_a_tracked_change_with_a_right_to_left_override_names_its_provision(
    app, runner, rolling, tmp_path, backend
):
    """Issue 18: a spoofing character in a delegation's tracked change is refused, not
    stored, with the provision it is in."""
    edits = [
        ("Article 4", "Each Party shall designate", "Each Party shall \u202edesignate", "China")
    ]
    marked = mark_up(export_text(app, tmp_path / "text.docx"), tmp_path / "marked.docx", edits)
    before = snapshot(app)
    result = runner.invoke(
        ["import-proposals", str(marked), "--into", "rolling-text", "--session", "AHC-4"]
    )
    assert result.exit_code == 1
    assert "Article 4: " in result.output and "U+202E RIGHT-TO-LEFT OVERRIDE" in result.output
    assert snapshot(app) == before
