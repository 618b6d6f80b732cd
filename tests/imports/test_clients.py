"""Every client's Word file imported into the database (SQLite and PostgreSQL) word for word.

The CLI's ``import --json`` stores what the file says: the chapters, the articles with
their titles and their numbered paragraphs and items, exactly as the text was generated
and with the numbers LibreOffice prints of the file, and reports every warning (a
contents list left out, for the clients that typed one).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.imports.conftest import parsed_structure, session_of, structure
from tests.texts.clients.fixtures import CLIENTS
from tests.texts.clients.treaty import expected, labels_in_order, printed_labels

pytestmark = [pytest.mark.slow, pytest.mark.libreoffice]

TYPED_CONTENTS = ("libreoffice-txt", "libreoffice-html", "libreoffice-doc", "libreoffice-rtf")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_client_imports_word_for_word(app, runner, client_files, lang, backend):
    for client in CLIENTS:
        item = client_files[f"{client}-{lang}"]
        slug = f"{client}-{lang}"
        result = runner.invoke(["import", item.path, "--slug", slug, "--json"])
        assert result.exit_code == 0, f"{slug}: {result.output}"
        report = json.loads(result.stdout)
        reference = expected(item.reference())
        printed = Path(item.pdf).read_text(encoding="utf-8")
        assert labels_in_order(printed_labels(reference), printed) == [], slug
        with session_of(app) as db:
            assert structure(db, slug, lang) == parsed_structure(reference, lang), slug
        assert report["articles"] == len(reference.provisions("article")), slug
        left_out = [w for w in report["warnings"] if w.startswith("Left out a table of contents")]
        assert len(left_out) == (client in TYPED_CONTENTS), (slug, report["warnings"])


def test_the_api_imports_what_libreoffice_writes(app, client, tokens, client_files, backend):
    """A LibreOffice .docx of a plain text (w:jc="start" on every paragraph) crashed the
    API with HTTP 500; it imports, and the report says what was left out."""
    item = client_files["libreoffice-txt-en"]
    with open(item.path, "rb") as handle:
        response = client.post(
            "/api/imports",
            headers=tokens["secretariat"],
            data={"file": (handle, "convention.docx"), "slug": "from-libreoffice"},
        )
    assert response.status_code == 201, response.json
    assert response.json["articles"] == len(expected(item.reference()).provisions("article"))
    assert response.json["warnings"][0].startswith("Left out a table of contents of 10 lines")


def test_the_import_report_lists_every_warning(runner, tmp_path, backend):
    from tests.texts.clients.wordxml import package, paragraph, run

    ins = '<w:ins w:id="1" w:author="José Müller" w:date="2026-01-01T00:00:00Z">'
    box = (
        "<w:r><w:drawing><wp:inline><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p>"
        "</w:txbxContent></wp:inline></w:drawing></w:r>"
    )
    body = "".join(
        [
            paragraph(run("A convention"), '<w:pStyle w:val="Title"/>'),
            paragraph(run("Distr.: General"), '<w:jc w:val="center"/>'),
            paragraph(run("Contents")),
            paragraph(run("Article 1. Scope") + run(inner="<w:tab/>") + run("2")),
            paragraph(run("Article 2. Terms") + run(inner="<w:tab/>") + run("3")),
            paragraph(run("Article 1"), '<w:pStyle w:val="Heading2"/><w:jc w:val="sideways"/>'),
            paragraph(run("Scope"), '<w:pStyle w:val="Heading3"/>'),
            paragraph(run("Each Party shall act.") + box),
            paragraph(run("Article 2"), '<w:pStyle w:val="Heading2"/>'),
            paragraph(run("Terms"), '<w:pStyle w:val="Heading3"/>'),
            paragraph(run("Terms are defined") + f"{ins}{run(' here')}</w:ins>" + run(".")),
        ]
    )
    path = package(tmp_path / "report.docx", body)
    result = runner.invoke(["import", str(path), "--slug", "report", "--json"])
    assert result.exit_code == 0, result.output
    warnings = json.loads(result.stdout)["warnings"]
    assert warnings == [
        "Left out text in text boxes or drawings, which stand apart from the body text.",
        "Ignored the unknown paragraph alignment (w:jc) 'sideways' in 1 place.",
        "Left out a table of contents of 3 lines, from 'Contents' to 'Article 2. Terms 3': it "
        "repeats the headings of the text.",
        "Read 'Distr.: General' as part of the title page, not as wording.",
        "The document has 1 tracked change; they were left out (the text as it stands). "
        "Import a delegation's changes as proposals with import-proposals.",
    ]
