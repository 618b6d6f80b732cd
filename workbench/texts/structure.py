"""The structure every parser produces and every loader consumes.

Conventions for a provision's wording (``ParsedProvision.text[lang]``), shared by the
corpus loaders, the importers, the diff and the exports:

- Paragraphs are separated by a single ``"\\n"``; no blank lines, no leading or trailing
  whitespace on a paragraph, single spaces inside it.
- A paragraph keeps its own label at its start, followed by one space: ``"1. Each Party..."``,
  ``"a) the production..."``, ``"(i) a device..."``, Chinese ``"1、"``, ``"（一）"``.
- Text that continues after a list (the chapeau's tail) is a paragraph of its own, without label.
- The provision's label and title are not repeated in its wording.

Chinese labels that end in ``、`` or ``）`` are written without the space (``"1、保护主权"``),
as Chinese typography does; ``split_paragraphs`` reads both forms. A paragraph may be a
label alone (``"3."`` when the paragraph opens directly on its sub-paragraphs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_CJK_NUMERAL = "一二三四五六七八九十百零〇"

# Label families, tried in order: (family, pattern). A family is a numbering style; the
# level of a paragraph is the depth at which its family first opened within the wording.
_FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("1.", r"\d{1,3}[.．]"),
        ("1)", r"\d{1,3}\)"),
        ("(1)", r"\(\d{1,3}\)"),
        ("（1）", r"（\d{1,3}）"),
        ("1、", r"\d{1,3}、"),
        ("(i)", r"\([ivxlc]{1,6}\)"),
        ("i)", r"[ivxlc]{1,6}\)"),
        ("i.", r"[ivxlc]{1,6}\."),
        ("(a)", r"\([a-z]\)"),
        ("a)", r"[a-z]\)"),
        ("a.", r"[a-z]\."),
        ("一、", rf"[{_CJK_NUMERAL}]{{1,4}}、"),
        ("（一）", rf"[（(][{_CJK_NUMERAL}]{{1,4}}[）)]"),
        ("–", r"[–—•·▪-]"),
    )
)
# Labels after which Chinese text follows directly, without a space.
_CLOSED_LABEL = re.compile(r"[、）]$")
# A single letter that is also a Roman numeral; which one it is depends on what came before.
_AMBIGUOUS = {"i": "h", "v": "u", "x": "w"}
_LETTER_FAMILY = {"(i)": "(a)", "i)": "a)", "i.": "a."}


@dataclass
class ParsedProvision:
    """An article, element, preamble or final clause, with its wording per language."""

    kind: str  # a workbench.instruments.models.ProvisionKind value
    label: str  # "Article 2", "Preamble", "三.（三）1"
    title: dict[str, str] = field(default_factory=dict)  # {"en": "Illegal access", "zh": ...}
    text: dict[str, str] = field(default_factory=dict)  # {"en": "1. Each Party...\na) ..."}
    # Languages whose title or wording is a working translation, not an authentic text.
    unofficial: set[str] = field(default_factory=set)
    # Indexes of the source paragraphs (document order) this provision was read from; lets
    # an importer tie tracked changes in a Word file to provisions. Not part of equality.
    source_blocks: list[int] = field(default_factory=list, compare=False, repr=False)


@dataclass
class ParsedChapter:
    """A part, chapter, section or title, holding sub-divisions and provisions in order."""

    kind: str  # a workbench.instruments.models.ChapterKind value
    label: str  # "Chapter II", "Section 1", "（三）"
    title: dict[str, str] = field(default_factory=dict)
    children: list[ParsedChapter | ParsedProvision] = field(default_factory=list)
    unofficial: set[str] = field(default_factory=set)

    def display_title(self, lang: str = "en") -> str:
        """The title for display: an ALL-CAPS source title in sentence case, else as written."""
        # A provision inside with the same title lends its casing ("24/7 Network").
        title = self.title.get(lang, "")
        if not is_all_caps(title):
            return title
        for item in self.children:
            if isinstance(item, ParsedProvision):
                candidate = item.title.get(lang, "")
                if candidate.casefold() == title.casefold():
                    return candidate
        return sentence_case(title)


@dataclass
class ParsedInstrument:
    """A whole text as parsed: what stands before the first chapter, then the chapters."""

    title: dict[str, str] = field(default_factory=dict)
    language: str = "en"
    children: list[ParsedChapter | ParsedProvision] = field(default_factory=list)
    # What the parser dropped or repaired, one sentence each, for the importer to show.
    warnings: list[str] = field(default_factory=list, compare=False)

    def walk(self) -> Iterator[tuple[int, ParsedChapter | ParsedProvision]]:
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

    def provision(self, label: str) -> ParsedProvision:
        """The first provision with this label; KeyError when there is none."""
        for item in self.provisions():
            if item.label == label:
                return item
        raise KeyError(label)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a provision's wording, with its label and nesting level."""

    label: str
    level: int
    text: str

    def __str__(self) -> str:
        return format_paragraph(self.label, self.text)


@dataclass(frozen=True)
class LabelMatch:
    """A paragraph label found at the start of a line: its family, the label, the rest."""

    family: str
    label: str
    rest: str


def match_label(line: str, previous: dict[str, str] | None = None) -> LabelMatch | None:
    """The label that opens a paragraph, if any; ``previous`` maps families to last labels."""
    # The last labels settle whether "i)" is the letter after "h)" or the Roman numeral one.
    for family, pattern in _FAMILIES:
        match = pattern.match(line)
        if not match:
            continue
        label = match.group(0)
        rest = line[match.end() :]
        if rest and not rest[0].isspace() and not _opens_cjk(label, rest):
            continue  # "1.5 million", "e.g.": not a label
        if family == "–" and not rest[:1].isspace():
            continue  # a bullet needs its space; "-1" is a number
        if family in _LETTER_FAMILY and _is_letter(label, _LETTER_FAMILY[family], previous):
            family = _LETTER_FAMILY[family]
        return LabelMatch(family, label.replace("．", "."), rest.strip())
    return None


def _opens_cjk(label: str, rest: str) -> bool:
    """Whether Chinese text may follow the label without a space ("1、保护", "(一)秉持")."""
    return bool(_CLOSED_LABEL.search(label)) or is_cjk(rest[0])


def is_cjk(char: str) -> bool:
    """Whether a character is a CJK ideograph or CJK punctuation."""
    code = ord(char)
    return 0x3000 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF


def _is_letter(label: str, letter_family: str, previous: dict[str, str] | None) -> bool:
    """Whether a Roman-looking single letter is a letter: c), l), or i) after h)."""
    core = label.strip("().")
    if len(core) > 1:
        return False
    if core not in _AMBIGUOUS:
        return True
    last = (previous or {}).get(letter_family, "")
    return last.strip("().") == _AMBIGUOUS[core]


def format_paragraph(label: str, text: str) -> str:
    """A paragraph as stored: its label, one space (none after a Chinese label), its text."""
    if not label:
        return text
    if not text:
        return label
    return f"{label}{'' if _CLOSED_LABEL.search(label) else ' '}{text}"


def split_paragraphs(wording: str) -> list[Paragraph]:
    """Split wording into labelled paragraphs with their nesting levels."""
    # A family of labels ("1.", "a)", "(i)", "（一）"...) takes the next level the first time
    # it appears and keeps it; a paragraph of an outer family closes the lists inside it.
    # Running text before any label is level 0 and puts the first list at level 1 (a
    # chapeau and its items); running text after a list closes that list and takes the
    # level of the item the list belonged to (Art. 6.1's "with intent..." after (ii)).
    paragraphs: list[Paragraph] = []
    stack: list[str] = []  # open families, outermost first; "" is running text at level 0
    last: dict[str, str] = {}
    for raw in wording.split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        found = match_label(line, last)
        if found is None:
            level = _running_text_level(paragraphs, stack)
            paragraphs.append(Paragraph(label="", level=level, text=line))
            continue
        if found.family in stack:
            level = stack.index(found.family)
            del stack[level + 1 :]
        else:
            level = len(stack)
            stack.append(found.family)
        last[found.family] = found.label
        paragraphs.append(Paragraph(label=found.label, level=level, text=found.rest))
    return paragraphs


def _running_text_level(paragraphs: list[Paragraph], stack: list[str]) -> int:
    """The level of an unlabelled paragraph, closing the list it follows (see above)."""
    if not stack:
        stack.append("")
        return 0
    previous = paragraphs[-1]
    if not previous.label:
        return previous.level
    if previous.level == 0:
        return 0
    del stack[previous.level :]
    return previous.level - 1


def join_paragraphs(paragraphs: list[Paragraph]) -> str:
    """The wording made of these paragraphs, as the conventions above write it."""
    return "\n".join(str(paragraph) for paragraph in paragraphs)


def is_all_caps(text: str) -> bool:
    """Whether a title is written in capitals only (and has letters to be so)."""
    letters = [char for char in text if char.isalpha() and char.isascii()]
    return bool(letters) and all(char.isupper() for char in letters)


def sentence_case(title: str) -> str:
    """``"USE OF TERMS"`` as ``"Use of terms"``; words holding digits stay as written."""
    words = title.split(" ")
    cased = [word if any(ch.isdigit() for ch in word) else word.lower() for word in words]
    text = " ".join(cased)
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
    return text
