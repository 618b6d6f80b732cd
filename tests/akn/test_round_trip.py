"""Export then import: the same outline, labels, titles and wording, word for word."""

from __future__ import annotations

import io

import pytest

from tests.akn.conftest import language_view
from tests.imports.conftest import session_of, structure
from tests.scenario import build_rolling_text
from workbench.instruments.models import InstrumentKind
from workbench.instruments.queries import get_instrument

SHIPPED = [
    ("budapest-ets185", "en"),
    ("budapest-ets185", "zh"),
    ("china-elements-2021", "en"),
    ("china-elements-2021", "zh"),
    ("budapest-protocol-ets189", "en"),
    ("budapest-protocol-ets189", "zh"),
    ("russia-draft-2017", "zh"),
]


def _import(runner, path, slug, *extra):
    result = runner.invoke(["import", str(path), "--slug", slug, *extra])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(("slug", "lang"), SHIPPED)
def test_shipped_instruments_come_back_word_for_word(
    app, runner, export_file, tmp_path, backend, slug, lang
):
    export_file(slug, lang)
    output = _import(runner, tmp_path / f"{slug}-{lang}.xml", "again")
    assert output.startswith("Imported again:")
    with session_of(app) as db:
        original = get_instrument(db, slug)
        before = language_view(db, slug, lang, original.language)
        after = language_view(db, "again", lang, original.language)
        again = get_instrument(db, "again")
        assert (again.title_en, again.title_zh) == (original.title_en, original.title_zh)
        assert (again.symbol, again.language, again.kind) == (original.symbol, lang, original.kind)
        assert again.adopted_on == original.adopted_on
        assert again.origin_party_id == original.origin_party_id
    assert after == before
    if slug == "budapest-ets185":
        assert sum(1 for row in after if row[1] == "article") == 48


def test_chinese_wording_and_its_working_translations_keep_their_status(
    app, runner, export_file, tmp_path, backend
):
    export_file("china-elements-2021", "zh")
    _import(runner, tmp_path / "china-elements-2021-zh.xml", "china-again")
    with session_of(app) as db:
        rows = {}
        for slug in ("china-elements-2021", "china-again"):
            instrument = get_instrument(db, slug)
            # The title the Chinese expression shows (Chinese, else English) and its status.
            rows[slug] = [
                (p.label, p.title_zh, p.title_zh_official)
                if p.title_zh
                else (p.label, p.title_en, p.title_en_official)
                for p in sorted(instrument.provisions, key=lambda p: p.position)
            ]
        assert rows["china-again"] == rows["china-elements-2021"]
        # Chinese wording stays authentic; the English titles stay working translations.
        again = get_instrument(db, "china-again")
        texts = [t for p in again.provisions for v in p.versions for t in v.texts]
        assert texts and all(t.lang == "zh" and t.official for t in texts)
        assert any(not p.title_en_official for p in again.provisions)


def test_english_expression_of_china_carries_the_translation_as_unofficial(
    app, runner, export_file, tmp_path, backend
):
    export_file("china-elements-2021", "en")
    _import(runner, tmp_path / "china-elements-2021-en.xml", "china-en")
    with session_of(app) as db:
        instrument = get_instrument(db, "china-en")
        texts = [t for p in instrument.provisions for v in p.versions for t in v.texts]
        assert texts and all(t.lang == "en" and not t.official for t in texts)


def test_a_negotiating_text_comes_back_as_a_negotiating_text(app, runner, tmp_path, backend):
    with session_of(app) as db:
        build_rolling_text(db)
        db.commit()
    path = tmp_path / "rolling.xml"
    result = runner.invoke(["export", "rolling-text", "--format", "akn", "--out", str(path)])
    assert result.exit_code == 0, result.output
    _import(runner, path, "rolling-again")
    with session_of(app) as db:
        assert get_instrument(db, "rolling-again").kind == InstrumentKind.NEGOTIATING
        assert structure(db, "rolling-again") == structure(db, "rolling-text")


def test_the_russian_outline_is_filled_from_akn(app, runner, export_file, tmp_path, backend):
    """A full text exported as AKN fills an outline's chapters (its own chapters matched)."""
    export_file("budapest-protocol-ets189", "en")
    result = runner.invoke(
        ["import", str(tmp_path / "budapest-protocol-ets189-en.xml"), "--into", "russia-draft-2017"]
    )
    assert result.exit_code == 0, result.output
    with session_of(app) as db:
        rows = structure(db, "russia-draft-2017")
        assert not get_instrument(db, "russia-draft-2017").is_outline
    assert sum(1 for row in rows if row[1] == "article") == 16


def test_akn_to_word_and_word_to_akn_agree(app, runner, export_file, tmp_path, backend):
    """AKN -> import -> Word -> import gives what Word -> import -> AKN -> import gives."""
    export_file("budapest-ets185", "en")
    _import(runner, tmp_path / "budapest-ets185-en.xml", "via-akn")
    word = tmp_path / "via-akn.docx"
    result = runner.invoke(["export", "via-akn", "--out", str(word)])
    assert result.exit_code == 0, result.output
    _import(runner, word, "akn-then-word")

    word = tmp_path / "budapest.docx"
    result = runner.invoke(["export", "budapest-ets185", "--out", str(word)])
    assert result.exit_code == 0, result.output
    _import(runner, word, "via-word")
    export_file("via-word", "en")
    _import(runner, tmp_path / "via-word-en.xml", "word-then-akn")

    with session_of(app) as db:
        original = structure(db, "budapest-ets185")
        akn_then_word = structure(db, "akn-then-word")
        word_then_akn = structure(db, "word-then-akn")
    assert akn_then_word == word_then_akn == original
    assert sum(1 for row in original if row[1] == "article") == 48


def test_the_api_imports_akn(app, client, tokens, export_file, tmp_path, backend):
    data = export_file("budapest-protocol-ets189", "en")
    response = client.post(
        "/api/imports",
        data={"file": (io.BytesIO(data), "protocol.xml"), "slug": "protocol-api"},
        headers=tokens["secretariat"],
        content_type="multipart/form-data",
    )
    assert response.status_code == 201, response.json
    assert response.json["slug"] == "protocol-api" and response.json["articles"] == 16
    with session_of(app) as db:
        assert structure(db, "protocol-api") == structure(db, "budapest-protocol-ets189")
