"""Documents written by other systems: mapped onto the nearest kinds, with warnings, and not
a word of their text lost."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from lxml import etree

from tests.akn.conftest import assert_schema_valid
from tests.imports.conftest import session_of, structure
from workbench.instruments.queries import get_instrument

INDIGO = Path(__file__).with_name("indigo_style.xml")


def _words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text))


def _document_words(path: Path) -> Counter:
    """Every word of the document's text, its metadata left aside."""
    root = etree.parse(str(path)).getroot()
    words: Counter = Counter()
    for element in root.iter():
        if not isinstance(element.tag, str) or any(
            etree.QName(a).localname == "meta" for a in element.iterancestors()
        ):
            continue
        for text in (element.text, element.tail):
            if text and etree.QName(element).localname != "meta":
                words += _words(text)
    return words


def test_an_indigo_style_act_is_imported_whole(app, runner, backend):
    assert_schema_valid(INDIGO.read_bytes())
    result = runner.invoke(["import", str(INDIGO), "--slug", "indigo", "--json"])
    assert result.exit_code == 0, result.output
    warnings = json.loads(result.output)["warnings"]
    for expected in (
        "3 <section> element(s) were read as article provisions.",
        "1 <book> element(s) were read as parts.",
        "1 <division> element(s) were read as sections.",
        "1 <rule> element(s) were read as article provisions.",
        '1 <hcontainer name="crossheading"> element(s) were read as provisions of kind other.',
        "1 <attachment> element(s) were read as annexes.",
        "1 <component> element(s) were read as annexes.",
    ):
        assert expected in warnings
    with session_of(app) as db:
        rows = structure(db, "indigo")
        title = get_instrument(db, "indigo").title_en
    assert title == "Cyber Crimes Test Act, 2023"
    kinds = [(depth, kind, label) for depth, kind, label, _title, _text in rows]
    assert kinds == [
        (0, "other", "Preface"),
        (0, "preamble", "Preamble"),
        (0, "chapter", "1"),
        (1, "other", ""),
        (1, "article", "1."),
        (1, "article", "2."),
        (0, "part", "A"),
        (1, "section", "I"),
        (2, "article", "3."),
        (2, "article", "Rule 1"),
        (0, "final_clause", "Final clause"),
        (0, "annex", "Annex 1"),
        (1, "other", ""),
        (1, "chapeau", ""),
        (0, "annex", "Annex 2"),
        (1, "paragraph", "1."),
    ]
    section_2 = next(row for row in rows if row[2] == "2.")[4].split("\n")
    # Subsections, paragraphs, subparagraphs, wrap-ups, a blockList, a table: one line each,
    # each label before its words, in the order of the document.
    assert section_2 == [
        "(1) A person commits an offence who:",
        "(a) intercepts data (Footnote about interception.); or",
        "with a second line",
        "(b) interferes with data by:",
        "(i) deleting it; or",
        "(ii) altering it,",
        "without authority.",
        "(2) Penalties are set out below.",
        "The penalties are:",
        "(a) a fine; or",
        "(b) imprisonment,",
        "or both.",
        "Offence Maximum",
        "Access Five years",
    ]
    imported = Counter()
    imported += _words(title)
    for _depth, _kind, label, title, text in rows:
        imported += _words(" ".join(part for part in (label, title, text) if part))
    lost = _document_words(INDIGO) - imported
    assert not lost, lost
