"""The upload page: a treaty from a file, a delegation's tracked changes as proposals."""

from __future__ import annotations

import io
from pathlib import Path

from sqlalchemy import func, select

from tests.imports.conftest import session_of, snapshot
from tests.imports.test_proposals import export_text, mark_up
from tests.web.conftest import csrf_of
from workbench.instruments.models import Chapter, ChapterKind, Provision, ProvisionKind
from workbench.instruments.queries import get_instrument
from workbench.proposals.models import Proposal

BUDAPEST_MD = Path(__file__).resolve().parents[2] / "workbench/corpus/data/budapest_ets185_en.md"
DATE = "2026-11-20T09:00:00Z"


def _post(client, url: str, data: dict):
    data = {"csrf_token": csrf_of(client.get("/import").get_data(as_text=True)), **data}
    return client.post(url, data=data, content_type="multipart/form-data")


def test_secretariat_imports_a_treaty_from_markdown(app, as_role):
    client = as_role("secretariat")
    response = _post(
        client,
        "/import/instrument",
        {
            "file": (io.BytesIO(BUDAPEST_MD.read_bytes()), "budapest.md"),
            "slug": "budapest-upload",
            "title": "Convention on Cybercrime (uploaded)",
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/instruments/budapest-upload")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Imported budapest-upload: 4 chapters" in page and "Article 48" in page
    with session_of(app) as db:
        instrument = get_instrument(db, "budapest-upload")
        chapters = db.scalar(
            select(func.count())
            .select_from(Chapter)
            .where(Chapter.instrument_id == instrument.id, Chapter.kind == ChapterKind.CHAPTER)
        )
        articles = db.scalar(
            select(func.count())
            .select_from(Provision)
            .where(
                Provision.instrument_id == instrument.id, Provision.kind == ProvisionKind.ARTICLE
            )
        )
    assert (chapters, articles) == (4, 48)


def test_a_file_that_is_not_word_comes_back_with_the_error_and_nothing_written(app, as_role):
    client = as_role("secretariat")
    before = snapshot(app)
    response = _post(
        client,
        "/import/instrument",
        {
            "file": (io.BytesIO(b"%PDF-1.7 not a Word file"), "draft.docx"),
            "slug": "draft-upload",
            "title": "My <b>draft</b>",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="file-error"' in page and "draft.docx" in page
    assert 'value="My &lt;b&gt;draft&lt;/b&gt;"' in page  # the input is kept, inert
    assert snapshot(app) == before


def test_a_delegate_tables_its_partys_tracked_changes(app, as_role, tmp_path):
    client = as_role("delegate")  # speaks for China
    marked = mark_up(
        export_text(app, tmp_path / "text.docx"),
        tmp_path / "marked.docx",
        [
            (
                "Article 4",
                "Each Party shall designate",
                "Each State Party shall designate",
                "China",
            ),
        ],
    )
    response = _post(
        client,
        "/import/tracked-changes",
        {
            "changes": (io.BytesIO(marked.read_bytes()), "marked.docx"),
            "text": "rolling-text",
            "session": "AHC-2",
            "authors": "",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    with session_of(app) as db:
        proposal = db.scalars(select(Proposal).order_by(Proposal.id.desc())).first()
        assert proposal.provision.label == "Article 4"
        assert [s.party.code for s in proposal.sponsorships] == ["CHN"]
        assert "1. Each State Party shall designate" in proposal.revision.text("en")
        proposal_id = proposal.id
    assert f"/proposals/{proposal_id}" in page
    # The same file again: the page says every change is already a proposal; nothing added.
    before = snapshot(app)
    response = _post(
        client,
        "/import/tracked-changes",
        {
            "changes": (io.BytesIO(marked.read_bytes()), "marked.docx"),
            "text": "rolling-text",
            "session": "AHC-2",
            "authors": "",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    assert f"is already proposal {proposal_id}; not added again." in page
    assert snapshot(app) == before


def test_a_delegate_cannot_table_another_partys_changes(app, as_role, tmp_path):
    client = as_role("delegate")
    marked = mark_up(
        export_text(app, tmp_path / "text.docx"),
        tmp_path / "marked.docx",
        [
            (
                "Article 4",
                "Each Party shall designate",
                "Each State Party shall designate",
                "J. Smith",
            ),
        ],
    )
    before = snapshot(app)
    response = _post(
        client,
        "/import/tracked-changes",
        {
            "changes": (io.BytesIO(marked.read_bytes()), "marked.docx"),
            "text": "rolling-text",
            "session": "AHC-2",
            "authors": "J. Smith = USA",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "J. Smith = USA" in page  # the mapping typed is kept
    assert snapshot(app) == before


def test_a_malformed_author_line_is_shown_next_to_its_field(app, as_role):
    client = as_role("secretariat")
    response = _post(
        client,
        "/import/tracked-changes",
        {
            "changes": (io.BytesIO(b""), ""),
            "text": "",
            "session": "AHC-2",
            "authors": "J. Smith USA",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="authors-error"' in page and "Line 1" in page
    assert 'id="text-error"' in page
