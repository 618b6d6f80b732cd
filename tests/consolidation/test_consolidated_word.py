"""The four states' proposals in the Word file, as python-docx and LibreOffice read it."""

from __future__ import annotations

import docx
import pytest

from tests.export.conftest import read_text, requires_libreoffice
from workbench.export.operations import export_instrument
from workbench.libreoffice import convert_with_libreoffice
from workbench.parties.operations import get_party


def expected_brackets(db, client) -> list[str]:
    """Each disputed span as the brackets mode must write it, from the consolidated model."""
    provisions = client.get("/api/instruments/rolling-text/consolidated").json["provisions"]
    (article,) = [p for p in provisions if p["label"] == "Article 4"]
    spans = []
    for segment in article["segments"]:
        if "options" not in segment:
            continue
        parts = []
        for option in segment["options"]:
            words = option["text"].strip() or "delete"
            if option["current"]:
                if option["text"].strip():  # nothing stands now: no bracket for it
                    parts.append(f"[{words}]")
                continue
            names = ", ".join(get_party(db, code).name_en for code in option["parties"])
            parts.append(f"[{words}] ({names})")
        spans.append(" / ".join(parts))
    return spans


@pytest.mark.libreoffice
def test_word_file_says_what_the_model_says(db, client, four_states, tmp_path):
    requires_libreoffice()
    spans = expected_brackets(db, client)
    assert len(spans) == 3
    assert any("(China, Russian Federation)" in span for span in spans)
    assert any(span.endswith("/ [delete] (United States of America)") for span in spans)
    path = export_instrument(db, "rolling-text", mode="brackets", out=tmp_path / "text.docx")
    read_back = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    printed = read_text(convert_with_libreoffice(path, "txt:Text (encoded):UTF8", tmp_path / "txt"))
    for text in (read_back, printed):
        for span in spans:
            # A span may cross paragraphs: compare with its line breaks as written.
            assert span.replace("\n", "") in text.replace("\n", ""), span
        assert text.count("Each Party shall designate a point of contact") == 1
        assert "Pakistan" not in text
