"""The structure every parser produces and every loader consumes.

Conventions for a provision's wording (``ParsedProvision.text[lang]``), shared by the
corpus loaders, the importers, the diff and the exports:

- Paragraphs are separated by a single ``"\\n"``; no blank lines, no leading or trailing
  whitespace on a paragraph, single spaces inside it.
- A paragraph keeps its own label at its start, followed by one space: ``"1. Each Party..."``,
  ``"a) the production..."``, ``"(i) a device..."``, Chinese ``"1、"``, ``"（一）"``.
- Text that continues after a list (the chapeau's tail) is a paragraph of its own, without label.
- The provision's label and title are not repeated in its wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Levels of paragraph labels, outermost first. Chinese numbering follows the same depth.
_LABEL_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (2, re.compile(r"^\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)\)\s")),
    (2, re.compile(r"^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)\)\s")),
    (0, re.compile(r"^\d+[.．]\s")),
    (0, re.compile(r"^[一二三四五六七八九十]+、")),
    (0, re.compile(r"^（[一二三四五六七八九十]+）")),
    (1, re.compile(r"^\d+、")),
    (1, re.compile(r"^\(?[a-z]{1,2}\)\s")),
)
_LABEL = re.compile(
    r"^(\d+[.．]|\(?[a-z]{1,2}\)|\((?:[ivx]+)\)|[ivx]+\)|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+、)\s?"
)


@dataclass
class ParsedProvision:
    """An article, element, preamble or final clause, with its wording per language."""

    kind: str  # a workbench.instruments.models.ProvisionKind value
    label: str  # "Article 2", "Preamble", "三.（三）1"
    title: dict[str, str] = field(default_factory=dict)  # {"en": "Illegal access", "zh": "非法访问"}
    text: dict[str, str] = field(default_factory=dict)  # {"en": "1. Each Party...\na) ..."}
    # Languages whose title or wording is a working translation, not an authentic text.
    unofficial: set[str] = field(default_factory=set)


@dataclass
class ParsedChapter:
    """A part, chapter, section or title, holding sub-divisions and provisions in order."""

    kind: str  # a workbench.instruments.models.ChapterKind value
    label: str  # "Chapter II", "Section 1", "（三）"
    title: dict[str, str] = field(default_factory=dict)
    children: list[ParsedChapter | ParsedProvision] = field(default_factory=list)
    unofficial: set[str] = field(default_factory=set)


@dataclass
class ParsedInstrument:
    """A whole text as parsed: what stands before the first chapter, then the chapters."""

    title: dict[str, str] = field(default_factory=dict)
    language: str = "en"
    children: list[ParsedChapter | ParsedProvision] = field(default_factory=list)

    def walk(self):
        """Yield (depth, item) for every chapter and provision in document order."""

        def _walk(items, depth):
            for item in items:
                yield depth, item
                if isinstance(item, ParsedChapter):
                    yield from _walk(item.children, depth + 1)

        yield from _walk(self.children, 0)

    def provisions(self, kind: str | None = None) -> list[ParsedProvision]:
        """Every provision in document order, optionally only those of one kind."""
        return [
            item
            for _depth, item in self.walk()
            if isinstance(item, ParsedProvision) and (kind is None or item.kind == kind)
        ]

    def chapters(self, kind: str | None = None) -> list[ParsedChapter]:
        """Every division in document order, optionally only those of one kind."""
        return [
            item
            for _depth, item in self.walk()
            if isinstance(item, ParsedChapter) and (kind is None or item.kind == kind)
        ]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a provision's wording, with its label and nesting level."""

    label: str
    level: int
    text: str


def split_paragraphs(wording: str) -> list[Paragraph]:
    """Split wording into labelled paragraphs; unlabelled ones take the level 0."""
    paragraphs = []
    for line in wording.split("\n"):
        line = line.strip()
        if not line:
            continue
        level = 0
        label = ""
        match = _LABEL.match(line)
        if match:
            label = match.group(1)
            for candidate_level, pattern in _LABEL_PATTERNS:
                if pattern.match(line if line[len(label):len(label) + 1] in (" ", "") else line):
                    level = candidate_level
                    break
        paragraphs.append(Paragraph(label=label, level=level, text=line[len(match.group(0)):] if match else line))
    return paragraphs
