"""Fixtures of the text tests: the shipped sources parsed once, and their source files."""

from __future__ import annotations

import re

import pytest

from workbench.corpus import sources
from workbench.texts import parse_markdown

_ARTICLE_HEADING = re.compile(r"^### Article\s+(\d+)\s*\n\s*\n####(.+?)\s*$", re.MULTILINE)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def source_article_titles(path) -> dict[int, str]:
    """Article number -> title, read from a Budapest Markdown file with a bare regex."""
    text = path.read_text(encoding="utf-8")
    found = _ARTICLE_HEADING.findall(text)
    return {int(number): _LINK.sub(r"\1", title).strip() for number, title in found}


@pytest.fixture(scope="session")
def budapest():
    return sources.budapest_ets185()


@pytest.fixture(scope="session")
def budapest_plain():
    """The Convention as the Markdown parser alone reads it (no Chinese titles added)."""
    return parse_markdown(sources.BUDAPEST_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def protocol():
    return sources.budapest_protocol_ets189()


@pytest.fixture(scope="session")
def china():
    return sources.china_elements_2021()


@pytest.fixture(scope="session")
def russia():
    return sources.russia_draft_2017_outline()
