"""Every client's Word file imported into the database (SQLite and PostgreSQL) word for word.

The CLI's ``import --json`` stores what the file says: the chapters, the articles with
their titles and their numbered paragraphs and items, exactly as the text was generated,
and reports every warning (a contents list left out, for the clients that typed one).
"""

from __future__ import annotations

import json

import pytest

from tests.imports.conftest import parsed_structure, session_of, structure
from tests.texts.clients.fixtures import CLIENTS
from tests.texts.clients.treaty import expected

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
        with session_of(app) as db:
            assert structure(db, slug, lang) == parsed_structure(reference, lang), slug
        assert report["articles"] == len(reference.provisions("article")), slug
        left_out = [w for w in report["warnings"] if w.startswith("Left out a table of contents")]
        assert len(left_out) == (client in TYPED_CONTENTS), (slug, report["warnings"])
