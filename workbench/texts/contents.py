"""Contents lists are not treaty text, and an instrument never holds one article label twice.

A contents list reaches the readers as a field (left out by the Word reader), in contents
styles (left out too), or as plain lines: typed, pasted from a PDF, or a field "unlinked"
to text. Those lines are recognized here, before the structure is read: a run of lines
ending in a tab or dot leaders and a page number ("Article 1. Purpose<TAB>3"), or a run of
headings with no wording between them whose labels all come again later in the text (a
list without page numbers, after a "Contents" line or not). Whatever the import is not sure
of stays, and duplicate labels are then refused with their names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from workbench.texts.blocks import Block
from workbench.texts.headings import find_heading, is_title_like
from workbench.texts.structure import ParsedInstrument

# "Article 1. Statement of purpose<TAB>3", "Chapter II ........ 12", "第一条 目的……3":
# a tab or dot leaders, then a page number (Arabic or Roman) at the end of the line.
_DOTS = r"(?:(?:[.·‥_]\s?){3,}|(?:…\s?)+)"
_PAGE_NUMBER = re.compile(
    rf"^\s*\S.*?(?:\t[\t ]*|[ \t]*{_DOTS}[ \t]*)(?:\d{{1,3}}|[ivxlc]{{1,6}})\s*$", re.IGNORECASE
)
_LEADER = re.compile(rf"(?:\s*{_DOTS}|\s+)(?:\d{{1,3}}|[ivxlc]{{1,6}})\s*$", re.IGNORECASE)
CONTENTS_TITLE = re.compile(
    r"^(?:(?:table of )?contents|目\s*录|目\s*次|table des matières|sommaire|índice|"
    r"содержание|المحتويات)\s*[:：]?$",
    re.IGNORECASE,
)
_MIN_ENTRIES = 2
_MIN_HEADINGS = 3
_MAX_GAP = 2


def is_contents_line(raw: str) -> bool:
    """Whether a line, as written (tabs kept), ends in a leader and a page number."""
    return bool(_PAGE_NUMBER.match(raw))


def _heading_label(block: Block) -> str | None:
    """The label of a line that is only a heading ("Article 1. Purpose", its leader and page
    number cut off); None for wording, or a heading followed by wording ("第一条 为了……")."""
    text = _LEADER.sub("", block.text) if block.leader else block.text
    heading = find_heading(text, marked=False, in_article=False)
    if heading is None or heading.text:
        return None
    return f"{heading.kind}:{heading.label}"


def drop_contents(blocks: Sequence[Block]) -> tuple[list[Block], list[str]]:
    """The blocks without the contents lists the import is sure of, and what it said."""
    labels = [_heading_label(block) for block in blocks]
    dropped: set[int] = set()
    warnings: list[str] = []
    index = 0
    while index < len(blocks):
        end = _contents_run(blocks, labels, index)
        if end is None:
            index += 1
            continue
        dropped.update(range(index, end))
        first, last = blocks[index].text, blocks[end - 1].text
        warnings.append(
            f"Left out a table of contents of {end - index} lines, from {first[:40]!r} to "
            f"{last[:40]!r}: it repeats the headings of the text."
        )
        index = end
    return [block for number, block in enumerate(blocks) if number not in dropped], warnings


def _contents_run(blocks: Sequence[Block], labels: list[str | None], start: int) -> int | None:
    """The end of a contents list starting at ``start``, or None when none starts there."""
    titled = bool(CONTENTS_TITLE.match(blocks[start].text))
    position = start + 1 if titled else start
    if position >= len(blocks) or not (blocks[position].leader or labels[position]):
        return None
    # Entries with page numbers, with at most two unnumbered heading lines between them.
    end, last, gap = position, None, 0
    while end < len(blocks) and gap <= _MAX_GAP:
        block = blocks[end]
        if block.leader:
            last, gap = end, 0
        elif labels[end] is not None or is_title_like(block.text):
            gap += 1
        else:
            break
        end += 1
    if last is not None and sum(b.leader for b in blocks[position : last + 1]) >= _MIN_ENTRIES:
        return last + 1
    # Without page numbers: headings (and their titles) with no wording between them, sure
    # only when every one of them comes again after the list.
    end = position
    while end < len(blocks) and (
        labels[end] is not None or (end > position and is_title_like(blocks[end].text))
    ):
        end += 1
    # The run may reach into the text's own first headings: the list is the longest part
    # of it whose headings all come again after it.
    for cut in range(end, position, -1):
        listed = [label for label in labels[position:cut] if label]
        if len(listed) < _MIN_HEADINGS:
            break
        following = next((label for label in labels[cut:end] if label), None)
        if following is not None and following != listed[0] and following.startswith("article"):
            continue  # the text would begin with an article the list did not start with
        later = {label for label in labels[cut:] if label}
        if all(label in later for label in listed):
            return cut
    return None


def duplicate_labels(parsed: ParsedInstrument) -> list[str]:
    """Article labels that stand twice in the text or in one annex, in order of appearance."""
    seen: Counter[tuple[int, str]] = Counter()
    order: list[str] = []
    scope = 0
    for _depth, item in parsed.walk():
        if getattr(item, "kind", None) == "annex":
            scope += 1  # an annex may number its own articles again
        elif getattr(item, "kind", None) == "article" and hasattr(item, "text"):
            seen[(scope, item.label)] += 1
            if seen[(scope, item.label)] == 2:
                order.append(item.label)
    return order
