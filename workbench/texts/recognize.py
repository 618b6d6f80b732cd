"""The generic structure recognizer: a sequence of paragraphs in, a ParsedInstrument out.

Every reader (Markdown, plain text, Word) turns its file into ``Block``s, one per
paragraph, noting whether the paragraph is set as a heading; ``recognize`` does the rest:
the instrument title, the preamble, parts, chapters, sections and titles nested by rank,
articles with their titles and paragraphs, numbered elements when a text has no articles,
the final clause, and annexes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench.errors import InvalidInput
from workbench.texts.blocks import Block, Progress
from workbench.texts.clean import has_cjk, join_wrapped, rejoin_broken
from workbench.texts.contents import drop_contents, duplicate_labels
from workbench.texts.headings import (
    FINAL_CLAUSE,
    FINAL_CLAUSE_MARKER,
    PREAMBLE_MARKER,
    PREAMBLE_PREFIX,
    RANKS,
    Heading,
    find_heading,
    is_title_like,
    reads_as_sentence,
)
from workbench.texts.known import KnownItem, KnownLabels, KnownReader
from workbench.texts.structure import (
    ParsedChapter,
    ParsedInstrument,
    ParsedProvision,
    format_paragraph,
    match_label,
)

# Numbering styles that make a paragraph outside any article a numbered element.
_ELEMENT_FAMILIES = {"1.", "1)", "(1)", "（1）", "1、"}
_LABELS = {
    "en": {"preamble": "Preamble", "final_clause": "Final clause"},
    "zh": {"preamble": "序言", "final_clause": "最后条款"},
}
_OUTLINE_LABEL = re.compile(r"^(?:[一二三四五六七八九十百]+|（[一二三四五六七八九十百]+）)$")


@dataclass
class _Open:
    """A provision being filled: its paragraphs are finished when the text is done."""

    provision: ParsedProvision
    paragraphs: list[str] = field(default_factory=list)
    known: bool = False  # opened by a label of the instrument: every paragraph is its own


class _Builder:
    """The state of one recognition pass over the blocks."""

    def __init__(
        self,
        language: str,
        element_mode: bool,
        rejoin: bool = True,
        known: KnownReader | None = None,
    ) -> None:
        self.known = known
        self.language = language
        self.rejoin = rejoin
        self.labels = _LABELS["zh" if language == "zh" else "en"]
        self.element_mode = element_mode
        self.instrument = ParsedInstrument(language=language)
        self.stack: list[ParsedChapter] = []
        self.opened: list[_Open] = []
        self.current: _Open | None = None
        self.pending: ParsedChapter | ParsedProvision | None = None
        self.started = False
        self.title_done = False
        self.title_level: int | None = None
        self.element_family: dict[int, str] = {}  # per chapter (id) or 0 for the top level
        self.stopped = False
        self.position = 0  # of the block being fed, among the non-empty ones
        self.marks_headings = False  # whether headings are set apart (styles, bold, "#")

    # --- the tree -------------------------------------------------------------------------

    def container(self) -> list:
        return self.stack[-1].children if self.stack else self.instrument.children

    def open_provision(self, kind: str, label: str, block: Block, title: str | None = None):
        provision = ParsedProvision(kind=kind, label=label)
        if title:
            provision.title[self.language] = title
        self.container().append(provision)
        self.current = _Open(provision)
        self.opened.append(self.current)
        provision.source_blocks.extend(block.sources)
        return provision

    def add_paragraph(self, block: Block, text: str | None = None) -> None:
        assert self.current is not None
        self.current.paragraphs.append(block.text if text is None else text)
        self.current.provision.source_blocks.extend(block.sources)

    def open_division(self, heading: Heading, block: Block) -> None:
        rank = RANKS[heading.kind]
        while self.stack and RANKS[self.stack[-1].kind] >= rank:
            self.stack.pop()
        chapter = ParsedChapter(kind=heading.kind, label=heading.label)
        if heading.title:
            chapter.title[self.language] = heading.title
        self.container().append(chapter)
        self.stack.append(chapter)
        self.current = None
        self.pending = None if heading.title else chapter
        self.started = True

    def open_article(self, heading: Heading, block: Block) -> None:
        provision = self.open_provision("article", heading.label, block, heading.title)
        self.pending = None if heading.title else provision
        if heading.text:
            self.add_paragraph(block, heading.text)
        self.started = True

    # --- one block ------------------------------------------------------------------------

    def feed(self, block: Block) -> None:
        if self.stopped:
            return
        if self.known is not None and block.marked and block.heading != 0:
            found = self.known.match(block.text)
            if found is not None:
                self.open_known(*found, block)
                return
        in_article = self.current is not None and self.current.provision.kind == "article"
        heading = find_heading(block.text, marked=block.marked, in_article=in_article)
        if heading is None and self.take_title(block):
            return
        if heading is not None:
            self.title_done = True
            if heading.kind == "article":
                self.open_article(heading, block)
            else:
                self.open_division(heading, block)
            return
        self.title_done = True
        if PREAMBLE_MARKER.match(block.text):
            self.open_preamble(block)
            return
        if FINAL_CLAUSE_MARKER.match(block.text) and not self.in_final_clause():
            self.stack.clear()
            self.open_provision("final_clause", self.labels["final_clause"], block)
            return
        if self.pending is not None and self.is_title(block):
            self.pending.title[self.language] = block.text
            if isinstance(self.pending, ParsedProvision):
                self.pending.source_blocks.extend(block.sources)
            self.pending = None
            return
        self.pending = None
        self.body(block)

    def is_title(self, block: Block) -> bool:
        """Whether a line is the title of the heading before it: set apart as a heading
        where the text marks its headings (styles, bold, "#"), else reading as one."""
        if block.numbered and block.heading is None:
            return False  # a list item
        if block.marked:
            return not reads_as_sentence(block.text)
        return not self.marks_headings and is_title_like(block.text)

    def open_known(self, item: KnownItem, title: str, block: Block) -> None:
        """Open the instrument's own division or provision a heading names."""
        self.title_done = self.started = True
        if item.division:
            self.open_division(
                Heading(kind=item.kind, label=item.label, title=title or None), block
            )
            return
        if item.kind == "article":
            self.open_article(Heading(kind="article", label=item.label, title=title or None), block)
        else:
            provision = self.open_provision(item.kind, item.label, block, title or None)
            # The workbench's exports set the title under the label, in the heading itself.
            self.pending = provision if not title and block.heading is not None else None
        assert self.current is not None
        self.current.known = True

    def in_final_clause(self) -> bool:
        return self.current is not None and self.current.provision.kind == "final_clause"

    def take_title(self, block: Block) -> bool:
        """Read the instrument's title from the heading lines that open the document."""
        if self.title_done or self.started:
            return False
        if PREAMBLE_MARKER.match(block.text) or FINAL_CLAUSE.search(block.text):
            return False
        title = self.instrument.title.get(self.language)
        if title is None:
            if not (block.marked or (self.position == 0 and is_title_like(block.text))):
                return False
            self.instrument.title[self.language] = block.text
            self.title_level = block.heading
            return True
        # Centred lines under the title (a date, a symbol, "Distr.: General") are the
        # title page, not the opening of a preamble.
        if block.centered and block.heading is None and not block.bold and self.front_matter(block):
            return True
        # A Chinese title set over two heading lines (the China seed) is one title; an
        # English heading after the title is more likely a subtitle or a division name.
        if (
            block.heading is not None
            and self.title_level is not None
            and has_cjk(title)
            and has_cjk(block.text)
            and is_title_like(block.text)
        ):
            self.instrument.title[self.language] = join_wrapped(title, block.text)
            return True
        return False

    def front_matter(self, block: Block) -> bool:
        """Set a title-page line aside, with a warning saying so; False for real wording."""
        if match_label(block.text) or len(block.text) > 200:
            return False
        self.instrument.warnings.append(
            f"Read {block.text[:60]!r} as part of the title page, not as wording."
        )
        return True

    def open_preamble(self, block: Block, text: str | None = None) -> None:
        existing = next((item for item in self.opened if item.provision.kind == "preamble"), None)
        if existing is None:
            self.stack.clear()
            self.open_provision("preamble", self.labels["preamble"], block)
        else:
            self.current = existing
        if text:
            self.add_paragraph(block, text)

    def body(self, block: Block) -> None:
        """A paragraph of wording: it goes to the provision it belongs to."""
        current = self.current
        if current is not None and current.provision.kind == "final_clause":
            if block.heading is not None:
                # A new heading after the testimonium starts another document (the
                # Protocol's Markdown carries the Dutch text after the English one).
                self.stopped = True
                self.instrument.warnings.append(
                    f"Ignored the text after the final clause, from {block.text[:60]!r} on."
                )
                return
            self.add_paragraph(block)
            return
        if FINAL_CLAUSE.search(block.text):
            self.stack.clear()
            self.open_provision("final_clause", self.labels["final_clause"], block)
            self.add_paragraph(block)
            return
        if current is not None and (current.provision.kind == "article" or current.known):
            self.add_paragraph(block)
            return
        if self.started and block.heading is not None and self.untitled_division(block):
            return
        if self.element_mode and self.element(block):
            return
        if not self.started:
            prefix = PREAMBLE_PREFIX.match(block.text)
            self.open_preamble(block, block.text[prefix.end() :] if prefix else block.text)
            return
        if current is None:
            kind = "other" if self.stack and self.stack[-1].kind == "annex" else "chapeau"
            self.open_provision(kind, self.chain_label() or kind.capitalize(), block)
        self.add_paragraph(block)

    def element(self, block: Block) -> bool:
        """Open a numbered element, or add to the open one; False when it is neither."""
        found = match_label(block.text)
        key = id(self.stack[-1]) if self.stack else 0
        family = self.element_family.get(key)
        if (
            found is not None
            and found.family in _ELEMENT_FAMILIES
            and family in (None, found.family)
        ):
            self.element_family[key] = found.family
            self.open_provision("element", self.element_label(found.label), block)
            self.add_paragraph(block, found.rest)
            self.started = True
            return True
        if self.current is not None and self.current.provision.kind == "element":
            self.add_paragraph(block)
            return True
        return False

    def untitled_division(self, block: Block) -> bool:
        """A heading without a division word (``General provisions``) opens a chapter."""
        if not is_title_like(block.text):
            return False
        self.open_division(Heading(kind="chapter", label=block.text), block)
        return True

    def chain_label(self) -> str:
        labels = [chapter.label for chapter in self.stack]
        if labels and all(_OUTLINE_LABEL.match(label) for label in labels):
            return ".".join(labels)
        return ", ".join(labels)

    def element_label(self, label: str) -> str:
        number = label.strip("().、（）．")
        chain = self.chain_label()
        if not chain:
            return number
        return f"{chain}{'' if chain.endswith('）') else '.'}{number}"

    # --- the end --------------------------------------------------------------------------

    def finish(self) -> ParsedInstrument:
        for item in self.opened:
            item.provision.text = (
                {self.language: _wording(item, self.rejoin)} if item.paragraphs else {}
            )
        return self.instrument


def recognize(
    blocks: Sequence[Block],
    *,
    name: str = "The document",
    title: str | None = None,
    language: str | None = None,
    progress: Progress | None = None,
    rejoin: bool = True,
    known: KnownLabels | None = None,
) -> ParsedInstrument:
    """The structure of a document given as paragraphs; InvalidInput when it has none."""
    # ``known``: the labels of the instrument the document belongs to (see ``known``).
    # ``rejoin``: repair paragraphs that page breaks split, as text copied from a PDF has
    # them; a Word paragraph is whole whatever the pages, so its reader turns it off.
    blocks = [block for block in blocks if block.text]
    if not blocks:
        raise InvalidInput(f"{name} is empty: it holds no text.")
    blocks, left_out = drop_contents(blocks)
    language = language or ("zh" if has_cjk(" ".join(b.text for b in blocks[:400])) else "en")
    element_mode = not any(_is_article(block) for block in blocks)
    element_mode = element_mode and known is None
    builder = _Builder(language, element_mode, rejoin, known.reader() if known else None)
    builder.marks_headings = any(
        block.marked and find_heading(block.text, marked=True, in_article=False) for block in blocks
    )
    for done, block in enumerate(blocks, 1):
        builder.position = done - 1
        builder.feed(block)
        if progress is not None:
            progress(done, len(blocks))
    instrument = builder.finish()
    instrument.warnings[:0] = left_out
    if title:
        instrument.title[language] = title
    twice = duplicate_labels(instrument)
    if twice:
        shown = ", ".join(twice[:3]) + (f" and {len(twice) - 3} more" if len(twice) > 3 else "")
        raise InvalidInput(
            f"{name} holds {len(twice)} article label{'s' if len(twice) > 1 else ''} twice "
            f"({shown}); if it opens with a table of contents, delete the contents or keep "
            "their page numbers, and import it again."
        )
    if (
        not any(item.kind in ("article", "element") for item in instrument.provisions())
        and not instrument.chapters()
    ):
        raise InvalidInput(
            f"{name} has no recognizable structure: no chapter, article or numbered element "
            "was found (such as 'Chapter I', 'Article 1', '第一条' or paragraphs numbered '1.')."
        )
    return instrument


def _is_article(block: Block) -> bool:
    heading = find_heading(block.text, marked=block.marked, in_article=False)
    return heading is not None and heading.kind == "article"


def _wording(item: _Open, rejoin: bool = True) -> str:
    """The paragraphs of one provision, repaired and written as the conventions say."""
    paragraphs = item.paragraphs
    if rejoin and item.provision.kind != "final_clause":
        paragraphs = rejoin_broken(paragraphs)
    return "\n".join(_normalize_paragraph(paragraph) for paragraph in paragraphs if paragraph)


_DUPLICATE_NUMBER = re.compile(r"^(\d+) (?=[A-Z])")


def _normalize_paragraph(paragraph: str) -> str:
    """One space after the label; a paragraph number printed twice ("2. 2 Such") once."""
    found = match_label(paragraph)
    if found is None:
        return paragraph
    rest = found.rest
    duplicate = _DUPLICATE_NUMBER.match(rest)
    if duplicate and found.family == "1." and duplicate.group(1) == found.label.rstrip("."):
        rest = rest[duplicate.end() :]
    return format_paragraph(found.label, rest)
