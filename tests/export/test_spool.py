"""The spooled writer (body serialised provision by provision) writes exactly the Word file the
whole-tree writer does: every part, byte for byte, in the same order."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.export.consolidate import consolidated_document
from workbench.export.model import ExportChapter, ExportDocument, Masthead
from workbench.export.spool import BodySpool
from workbench.export.synthetic import synthetic_document
from workbench.export.writer import WRITERS, write_consolidated

from .conftest import negotiating_document, session_changes_document
from .test_from_database import negotiation  # noqa: F401 (a fixture)

LANGUAGES = (["en"], ["zh"], ["en", "zh"], ["zh", "en"])


def parts(document) -> list[tuple[str, bytes]]:
    """The parts of a saved .docx, in the order they stand in the file."""
    stream = io.BytesIO()
    document.save(stream)
    with zipfile.ZipFile(io.BytesIO(stream.getvalue())) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def assert_same_file(document: ExportDocument, mode: str) -> None:
    whole = parts(WRITERS[mode](document).build())
    spooled = parts(WRITERS[mode](document).spooled())
    assert [name for name, _ in spooled] == [name for name, _ in whole]
    for (name, expected), (_, got) in zip(whole, spooled, strict=True):
        assert got == expected, f"{name} differs"


@st.composite
def documents(draw) -> ExportDocument:
    """Generated negotiations: chapters (some in a part), pending proposals of every kind,
    Chinese wording on some provisions, provisions proposed at a chapter's start."""
    document = synthetic_document(
        provisions=draw(st.integers(1, 20)),
        proposals=draw(st.integers(0, 40)),
        seed=draw(st.integers(0, 2**16)),
    )
    chinese = draw(st.sets(st.integers(0, 19), max_size=8))
    for number, provision in enumerate(document.provisions()):
        if number in chinese:
            provision.text["zh"] = f"各缔约方应采取必要的立法和其他措施。\n{number + 1}. 第二款。"
            for alternative in provision.alternatives[:1]:
                alternative.text["zh"] = "各缔约方可采取措施。"
    chapters = [item for item in document.items if isinstance(item, ExportChapter)]
    for chapter in chapters:
        first = chapter.items[0]
        if draw(st.booleans()) and not isinstance(first, ExportChapter) and first.insertions:
            chapter.insertions, first.insertions = first.insertions, []
    if draw(st.booleans()):  # the chapters in a part, one level down
        for chapter in chapters:
            chapter.level = 2
        part = ExportChapter(kind="part", label="Part I", title={"en": "General"}, level=1)
        part.items, document.items = document.items, [part]
    masthead = Masthead(committee={"en": "Ad Hoc Committee"}, session={"en": "Fourth session"})
    return replace(
        document,
        languages=draw(st.sampled_from(LANGUAGES)),
        masthead=draw(st.sampled_from([None, masthead])),
        note=draw(st.sampled_from([None, "Changes between AHC-3 and AHC-4"])),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=documents(), mode=st.sampled_from(sorted(WRITERS)))
def test_spooled_file_is_the_whole_tree_file(document, mode):
    assert_same_file(document, mode)


@pytest.mark.parametrize("mode", sorted(WRITERS))
@pytest.mark.parametrize("languages", LANGUAGES)
def test_the_hand_made_negotiation_is_written_alike(mode, languages):
    assert_same_file(negotiating_document(languages), mode)


@pytest.mark.parametrize("mode", sorted(WRITERS))
def test_session_changes_are_written_alike(mode):
    assert_same_file(session_changes_document(), mode)


@pytest.mark.parametrize("mode", sorted(WRITERS))
def test_a_negotiation_from_the_database_is_written_alike(db, negotiation, mode, tmp_path):  # noqa: F811
    document = consolidated_document(
        db, negotiation["text"], languages=["en", "zh"], today=date(2023, 1, 20)
    )
    assert_same_file(document, mode)
    # And write_consolidated, the entry point, writes the spooled file.
    path = write_consolidated(document, tmp_path / f"{mode}.docx", mode)
    with zipfile.ZipFile(path) as archive:
        written = [(info.filename, archive.read(info)) for info in archive.infolist()]
    assert written == parts(WRITERS[mode](document).build())


def test_the_body_is_spooled_piece_by_piece(monkeypatch):
    """Never more than one provision's elements (with its insertions) held at once."""
    document = replace(
        synthetic_document(provisions=30, proposals=120, seed=7), languages=["en", "zh"]
    )
    held: list[int] = []
    write = BodySpool.write

    def counting(self, elements):
        held.append(len(elements))
        write(self, elements)

    monkeypatch.setattr(BodySpool, "write", counting)
    writer = WRITERS["tracked"](document)
    writer.spooled().spool.close()
    chapters = sum(isinstance(item, ExportChapter) for item in document.items)
    assert len(held) == len(document.provisions()) + chapters + 1  # and the rest at the end
    biggest = max(
        2 + len(p.insertions) * 2 for p in document.provisions()
    )  # heading and wording table, each insertion's heading and table
    assert max(held) <= biggest
    assert writer.body == []
