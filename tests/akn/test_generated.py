"""Instruments hypothesis makes up round-trip through AKN: valid, unique eIds, word for word."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.akn.conftest import assert_schema_valid, assert_unique_eids, language_view, parsed_view
from tests.akn.strategies import instruments, wordings
from tests.imports.conftest import session_of
from workbench.akn.document import AknWork
from workbench.akn.names import EidMaker, WorkName, akn
from workbench.akn.operations import import_akn, slug_akn
from workbench.akn.read import read_text
from workbench.akn.safexml import parse_akn, serialize
from workbench.akn.wording import read_wording, wording_tree, write_wording
from workbench.instruments.create import add_parsed_structure, create_instrument

LANGS = st.sampled_from(["en", "zh"])


def _work(original: str) -> AknWork:
    return AknWork(
        name=WorkName("act", "convention", "2020", "generated"),
        titles={"en": "Generated"},
        work_date=date(2020, 1, 1),
        expression_date=date(2020, 1, 1),
        language=original,
    )


@pytest.mark.slow
@settings(max_examples=120, deadline=None)
@given(instrument=instruments, lang=LANGS, original=LANGS)
def test_generated_instruments_round_trip(instrument, lang, original):
    from workbench.akn.write import write_instrument

    data = serialize(write_instrument(_work(original), instrument, lang))
    root = assert_schema_valid(data)
    assert_unique_eids(root)
    back = read_text(parse_akn(data, "generated.xml", 10**8), "generated.xml")
    assert back.parsed.children == parsed_view(instrument.children, lang, original)
    assert back.parsed.warnings == []


@settings(max_examples=300, deadline=None)
@given(wording=wordings)
def test_any_wording_comes_back_line_for_line(wording):
    from lxml import etree

    article = etree.Element(akn("article"))
    write_wording(article, wording, "art_1", EidMaker())
    assert read_wording(article) == wording
    # Every labelled paragraph of the wording is an element of its own.
    labelled = sum(1 for _ in _items(wording_tree(wording)))
    assert len(article.xpath(".//*[local-name()='num']")) == labelled


def _items(item):
    for child in item.children:
        if not isinstance(child, str):
            yield child
            yield from _items(child)


_slugs = itertools.count(1)


@pytest.mark.slow
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(instrument=instruments, lang=LANGS, original=LANGS)
def test_generated_instruments_round_trip_through_the_database(
    app, tmp_path, backend, instrument, lang, original
):
    slug = f"generated-{next(_slugs)}"
    with session_of(app) as db:
        created = create_instrument(db, slug=slug, title_en="Generated", language=original)
        add_parsed_structure(db, created, instrument)
        db.commit()
        path = tmp_path / f"{slug}.xml"
        path.write_bytes(slug_akn(db, slug, lang))
        import_akn(db, path, slug=f"{slug}-again")
        db.commit()
        assert language_view(db, f"{slug}-again", lang, original) == language_view(
            db, slug, lang, original
        )
