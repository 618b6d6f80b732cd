"""Tracked changes in a delegation's marked-up Word copy, read per paragraph and provision."""

from __future__ import annotations

import docx
import pytest

from tests.texts.builders import plain_run, tracked_run
from workbench.texts import (
    docx_provision_changes,
    parse_docx,
    read_docx_revisions,
)

CHINA_DATE = "2024-01-15T10:00:00Z"
RUSSIA_DATE = "2024-01-16T09:30:00Z"


@pytest.fixture
def marked_up(tmp_path):
    """Two articles: China inserts words into Article 2, Russia deletes some in Article 3."""
    document = docx.Document()
    document.add_heading("Convention on Cybercrime", level=0)
    document.add_heading("Article 1", level=2)
    document.add_heading("Definitions", level=3)
    document.add_paragraph("For the purposes of this Convention, terms mean what they say.")
    document.add_heading("Article 2", level=2)
    document.add_heading("Illegal access", level=3)
    access = document.add_paragraph()._p
    access.append(plain_run("Each Party shall establish as criminal offences the access to "))
    access.append(tracked_run("del", "a computer system", "China", CHINA_DATE, 1))
    access.append(
        tracked_run(
            "ins", "an information and communications technology system", "China", CHINA_DATE, 2
        )
    )
    access.append(plain_run(" without right."))
    document.add_heading("Article 3", level=2)
    document.add_heading("Illegal interception", level=3)
    document.add_paragraph("1. Each Party shall establish the interception of data as an offence.")
    interception = document.add_paragraph()._p
    interception.append(plain_run("2. A Party may require "))
    interception.append(
        tracked_run(
            "del",
            "that the offence be committed with dishonest intent",
            "Russian Federation",
            RUSSIA_DATE,
            3,
        )
    )
    interception.append(
        tracked_run("ins", "dishonest intent", "Russian Federation", RUSSIA_DATE, 4)
    )
    interception.append(plain_run("."))
    document.add_heading("Article 4", level=2)
    document.add_heading("Data interference", level=3)
    inserted = document.add_paragraph()._p
    inserted.append(
        tracked_run("ins", "Each Party shall punish data interference.", "China", CHINA_DATE, 5)
    )
    path = tmp_path / "marked-up.docx"
    document.save(path)
    return path


def test_python_docx_alone_would_lose_the_insertions(marked_up):
    paragraphs = docx.Document(marked_up).paragraphs
    assert "information and communications technology" not in paragraphs[5].text


def test_each_changed_paragraph_has_its_proposed_and_original_text_and_authors(marked_up):
    changed = read_docx_revisions(marked_up, changed_only=True)
    assert len(changed) == 3
    access, interception, new = changed
    assert access.proposed == (
        "Each Party shall establish as criminal offences the access to an information and "
        "communications technology system without right."
    )
    assert access.original == (
        "Each Party shall establish as criminal offences the access to a computer system "
        "without right."
    )
    assert access.authors == ("China",)
    assert [(r.kind, r.author, r.date, r.text) for r in access.revisions] == [
        ("deletion", "China", CHINA_DATE, "a computer system"),
        ("insertion", "China", CHINA_DATE, "an information and communications technology system"),
    ]
    assert interception.proposed == "2. A Party may require dishonest intent."
    assert interception.original == (
        "2. A Party may require that the offence be committed with dishonest intent."
    )
    assert interception.authors == ("Russian Federation",)
    assert {r.date for r in interception.revisions} == {RUSSIA_DATE}
    assert (new.original, new.proposed) == ("", "Each Party shall punish data interference.")
    everything = read_docx_revisions(marked_up)
    assert len(everything) > 3 and not everything[0].changed


def test_accepted_and_original_versions_parse_into_instruments(marked_up):
    proposed = parse_docx(marked_up, revisions="accept")
    original = parse_docx(marked_up, revisions="reject")
    assert (
        proposed.provision("Article 2")
        .text["en"]
        .endswith("an information and communications technology system without right.")
    )
    assert original.provision("Article 2").text["en"].endswith("a computer system without right.")
    assert original.provision("Article 3").text["en"].split("\n")[1] == (
        "2. A Party may require that the offence be committed with dishonest intent."
    )
    assert proposed.provision("Article 1") == original.provision("Article 1")
    assert original.provision("Article 4").text == {}
    assert parse_docx(marked_up) == proposed  # accepting is the default view
    with pytest.raises(ValueError):
        parse_docx(marked_up, revisions="maybe")


def test_changes_are_attributed_to_provisions(marked_up):
    changes = docx_provision_changes(marked_up)
    assert [(c.label, c.authors) for c in changes] == [
        ("Article 2", ("China",)),
        ("Article 3", ("Russian Federation",)),
        ("Article 4", ("China",)),
    ]
    article_3 = changes[1]
    assert article_3.original.text["en"] != article_3.proposed.text["en"]
    assert article_3.proposed.title == {"en": "Illegal interception"}


def test_moved_text_counts_as_removed_from_one_place_and_added_to_another(tmp_path):
    document = docx.Document()
    document.add_paragraph("Article 1")
    source = document.add_paragraph()._p
    source.append(plain_run("Each Party shall act"))
    source.append(tracked_run("moveFrom", " promptly", "Brazil", CHINA_DATE, 1))
    source.append(plain_run("."))
    target = document.add_paragraph()._p
    target.append(tracked_run("moveTo", "Promptly, ", "Brazil", CHINA_DATE, 2))
    target.append(plain_run("it shall inform the others."))
    path = tmp_path / "moved.docx"
    document.save(path)
    moved_from, moved_to = read_docx_revisions(path, changed_only=True)
    assert (moved_from.original, moved_from.proposed) == (
        "Each Party shall act promptly.",
        "Each Party shall act.",
    )
    assert (moved_to.original, moved_to.proposed) == (
        "it shall inform the others.",
        "Promptly, it shall inform the others.",
    )
    assert [r.kind for r in moved_from.revisions + moved_to.revisions] == ["move_from", "move_to"]
    assert parse_docx(path).provision("Article 1").text["en"] == (
        "Each Party shall act.\nPromptly, it shall inform the others."
    )


def test_a_deletion_inside_an_insertion_is_neither_original_nor_proposed(tmp_path):
    document = docx.Document()
    document.add_paragraph("Article 1")
    paragraph = document.add_paragraph()._p
    paragraph.append(plain_run("Each Party shall act"))
    insertion = tracked_run("ins", " without delay", "China", CHINA_DATE, 1)
    insertion.append(tracked_run("del", " and at once", "Brazil", RUSSIA_DATE, 2))
    paragraph.append(insertion)
    paragraph.append(plain_run("."))
    path = tmp_path / "nested.docx"
    document.save(path)
    (changed,) = read_docx_revisions(path, changed_only=True)
    assert changed.original == "Each Party shall act."
    assert changed.proposed == "Each Party shall act without delay."
    assert changed.authors == ("China", "Brazil")
    assert [(r.kind, r.text) for r in changed.revisions] == [
        ("insertion", " without delay"),
        ("deletion", " and at once"),
    ]
