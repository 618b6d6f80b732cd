"""Export then import gives back the same chapters, provisions and wording, in both modes."""

from __future__ import annotations

import pytest

from tests.imports.conftest import session_of, structure
from tests.scenario import build_rolling_text, table
from workbench.instruments.queries import current_version, find_provision


def _export(runner, slug, mode, path):
    result = runner.invoke(["export", slug, "--mode", mode, "--out", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _import(runner, path, slug):
    result = runner.invoke(["import", str(path), "--slug", slug])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("mode", ["brackets", "tracked"])
def test_the_convention_comes_back_whole(app, runner, tmp_path, backend, mode):
    path = _export(runner, "budapest-ets185", mode, tmp_path / f"budapest-{mode}.docx")
    _import(runner, path, f"budapest-again-{mode}")
    with session_of(app) as db:
        original = structure(db, "budapest-ets185")
        again = structure(db, f"budapest-again-{mode}")
    assert sum(1 for row in again if row[1] == "article") == 48
    assert again == original


def test_a_rolling_text_with_pending_proposals_comes_back_as_it_stands(
    app, runner, tmp_path, backend
):
    """In tracked mode the proposals are tracked changes; the import leaves them out."""
    with session_of(app) as db:
        text = build_rolling_text(db)
        wording = current_version(db, find_provision(db, text, "Article 1")).text("en")
        table(
            db,
            text,
            "Article 1",
            "CHN",
            wording.replace("Each Party", "Each State Party"),
            cosponsors=["RUS"],
        )
        table(db, text, "Article 2", "BRA", None, kind="delete")
        table(db, text, "Article 4", "USA", "Each Party shall designate a point of contact.")
        db.commit()
    path = _export(runner, "rolling-text", "tracked", tmp_path / "rolling-tracked.docx")
    output = _import(runner, path, "rolling-again")
    assert "tracked changes" in output and "left out" in output
    with session_of(app) as db:
        original = structure(db, "rolling-text")
        again = structure(db, "rolling-again")
    # China's element keeps its label "Article 3" in the rolling text; a Word file cannot say
    # it was an element, so it comes back as the article it reads as.
    original = [
        (*row[:1], "article" if row[1] == "element" else row[1], *row[2:]) for row in original
    ]
    assert again == original
    assert "Each State Party" not in again[1][4] and again[1][4] == wording
