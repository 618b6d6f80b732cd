"""The unofficial English working translation of China's 2021 elements proposal."""

from __future__ import annotations

import pytest

from workbench.corpus.agenda import (
    load_china_headings,
    load_china_translation,
    load_china_translation_meta,
)
from workbench.corpus.reference import CHINA_ELEMENT_LABELS


def test_every_label_has_a_title_and_a_text():
    translation = load_china_translation()
    assert set(translation) == set(CHINA_ELEMENT_LABELS)
    for label, entry in translation.items():
        assert entry["title"].strip(), label
        assert entry["text"].strip(), label
        assert not any("\u4e00" <= char <= "\u9fff" for char in entry["text"]), label


def test_paragraphs_follow_the_wording_conventions():
    for label, entry in load_china_translation().items():
        for paragraph in entry["text"].split("\n"):
            assert paragraph and paragraph == paragraph.strip(), label
            assert "  " not in paragraph, label
    assert load_china_translation()["导言"]["text"].count("\n") == 2
    assert load_china_translation()["二"]["text"].count("\n") == 1


def test_key_titles_and_terms():
    translation = load_china_translation()
    assert translation["三.（一）1"]["title"] == "Protection of sovereignty"
    assert translation["三.（一）2"]["title"] == "Terms"
    assert translation["三.（三）7"]["title"] == "Jurisdiction"
    assert "critical information infrastructure" in translation["三.（三）1"]["text"]
    assert "States Parties" in translation["三.（一）1"]["text"]
    assert "mutual legal assistance" in translation["三.（四）3"]["text"]
    assert "network service providers" in translation["三.（三）6"]["text"]


def test_headings_and_status():
    headings = load_china_headings()
    assert {"一", "二", "三"} <= set(headings)
    assert [headings[f"（{n}）"] for n in "一二三四五六七"] == [
        "General provisions",
        "Prevention",
        "Criminalization and law enforcement",
        "International cooperation",
        "Technical assistance and information exchange",
        "Implementation mechanism",
        "Final provisions",
    ]
    assert load_china_translation_meta()["status"] == "unofficial working translation"


def test_paragraphs_match_the_chinese_text_as_parsed():
    sources = pytest.importorskip("workbench.corpus.sources")
    translation = load_china_translation()
    for provision in sources.china_elements_2021().provisions():
        chinese = provision.text.get("zh", "")
        if not chinese:
            continue  # 三.（六）: a chapeau without wording; its English entry is editorial
        english = translation[provision.label]["text"]
        assert english.count("\n") == chinese.count("\n"), provision.label
