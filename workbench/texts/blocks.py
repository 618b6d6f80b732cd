"""A paragraph of a source document as every reader hands it to the recognizer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Progress = Callable[[int, int], None]


@dataclass
class Block:
    """One paragraph of a source document, as its reader saw it."""

    text: str  # cleaned: single spaces, no markup
    index: int = 0  # position of the source paragraph, for tracing provisions back to it
    heading: int | None = None  # explicit heading level (0 for a Word Title), else None
    bold: bool = False  # the whole paragraph is bold: a heading typed by hand
    centered: bool = False  # set in the middle of the line, as a title page is
    # Source paragraphs joined into this one (a tracked-change view can join two); () = index.
    indexes: tuple[int, ...] = ()
    leader: bool = False  # ends in a tab or dot leaders and a page number: a contents line
    numbered: bool = False  # its label is Word's automatic numbering: a list item, no title

    @property
    def sources(self) -> tuple[int, ...]:
        """The indexes of the source paragraphs this block was read from."""
        return self.indexes or (self.index,)

    @property
    def marked(self) -> bool:
        return self.heading is not None or self.bold
