"""Reading Markdown: headings, paragraphs and hard line breaks, inline markup dropped."""

from __future__ import annotations

import re

from workbench.texts.blocks import Block, Progress
from workbench.texts.clean import join_wrapped, normalize_text, strip_markdown_inline
from workbench.texts.contents import is_contents_line
from workbench.texts.headings import find_heading
from workbench.texts.recognize import recognize
from workbench.texts.structure import ParsedInstrument, match_label

# "####Title" without the space after the hashes is how the Budapest files write it.
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:\s+|(?=[^#\s]))(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+")
_QUOTE = re.compile(r"^\s*>\s?")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(.+)\1\s*$")
# Text that continues after a list is glued to the last item after three spaces or more.
_GLUED_TAIL = re.compile(r"(?<=\S) {3,}(?=\S)")


def parse_markdown(
    text: str,
    *,
    title: str | None = None,
    language: str | None = None,
    name: str = "The Markdown text",
    progress: Progress | None = None,
) -> ParsedInstrument:
    """The structure of a treaty text written in Markdown."""
    return recognize(
        markdown_blocks(text), name=name, title=title, language=language, progress=progress
    )


def markdown_blocks(text: str) -> list[Block]:
    """The paragraphs of a Markdown text, headings marked, inline markup removed."""
    blocks: list[Block] = []
    pending: list[str] = []  # lines of the paragraph being read
    start = 0

    def flush() -> None:
        if pending:
            blocks.extend(_paragraph_blocks(pending, start))
            pending.clear()

    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if not line.strip():
            flush()
            continue
        atx = _ATX.match(line)
        if atx:
            flush()
            blocks.append(_block(atx.group(2), number, heading=len(atx.group(1))))
            continue
        if _SETEXT.match(line) and len(pending) == 1 and not _BULLET.match(pending[0]):
            level = 1 if line.strip().startswith("=") else 2
            blocks.append(_block(pending.pop(), start, heading=level))
            continue
        if _RULE.match(line):
            flush()
            continue
        line = _QUOTE.sub("", line)
        if pending and _starts_new_paragraph(pending[-1], line):
            flush()
        if not pending:
            start = number
        pending.append(line)
    flush()
    return [block for block in blocks if block.text]


def _starts_new_paragraph(previous: str, line: str) -> bool:
    """A hard break ends the line before; a label, a bullet or a heading starts a new one."""
    if previous.endswith("  ") or previous.endswith("\\"):
        return True
    stripped = _clean(_BULLET.sub("", line))
    return bool(
        _BULLET.match(line)
        or match_label(stripped)
        or find_heading(stripped, marked=False, in_article=True)
    )


def _paragraph_blocks(lines: list[str], start: int) -> list[Block]:
    """One paragraph's lines as blocks: the glued tail after a list item split off."""
    first = lines[0]
    bullet = _BULLET.match(first)
    if bullet:
        rest = first[bullet.end() :]
        # A bullet before a typed number ("- 1、") is layout; otherwise it is an item dash.
        first = rest if match_label(_clean(rest)) else f"– {rest}"
    raw = ""
    for line in [first, *lines[1:]]:
        raw = join_wrapped(raw, line.rstrip("\\").strip())
    bold = _BOLD_LINE.match(raw)
    if bold:
        return [_block(bold.group(2), start, bold=True)]
    found = match_label(_clean(raw))
    if found is None or not found.rest or not raw.startswith(found.label):
        return [_block(raw, start)]
    body = raw[len(found.label) :].lstrip()
    parts = _GLUED_TAIL.split(body, maxsplit=1)
    blocks = [_block(f"{found.label} {parts[0]}", start)]
    if len(parts) > 1:
        blocks.append(_block(parts[1], start))
    return blocks


def _clean(text: str) -> str:
    return normalize_text(strip_markdown_inline(text))


def _block(text: str, index: int, *, heading: int | None = None, bold: bool = False) -> Block:
    cleaned = _clean(text)
    whole_bold = _BOLD_LINE.match(text)
    if whole_bold and heading is None:
        bold = True
    return Block(
        text=cleaned, index=index, heading=heading, bold=bold, leader=is_contents_line(text)
    )
