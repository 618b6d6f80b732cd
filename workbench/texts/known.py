"""The labels of the instrument a file belongs to, so that its headings are read by them.

A delegation's copy of a negotiating text carries headings the workbench itself wrote:
"三.（三）1  Offences against ICT facilities", "一（二）  International cooperation",
"Article 2 bis  Misuse of devices", "3 alt". No pattern tells every such label from its
title; the instrument does. Given its labels in document order, the reader takes a heading
that starts with the next of them (whole, followed by a space or a separator) as that
division or provision, and the rest of the line as its title.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

_SEPARATORS = " \t\u3000:：.．–—-"


@dataclass(frozen=True)
class KnownItem:
    """A division or provision of the instrument: its label and kind."""

    label: str
    kind: str  # a ChapterKind value for a division, a ProvisionKind value for a provision
    division: bool
    shown: tuple[str, ...] = ()  # the label as the other language writes it ("第二条之二")


@dataclass(frozen=True)
class KnownLabels:
    """The instrument's divisions and provisions in document order."""

    items: tuple[KnownItem, ...]

    @classmethod
    def of(cls, items: Sequence[KnownItem]) -> KnownLabels:
        return cls(tuple(items))

    def reader(self) -> KnownReader:
        """A fresh pass over the labels, for one reading of a file."""
        return KnownReader(self.items)


class KnownReader:
    """Matches headings to the instrument's labels in order, moving on past each match."""

    def __init__(self, items: tuple[KnownItem, ...]) -> None:
        self.items = items
        self.position = 0

    def match(self, text: str) -> tuple[KnownItem, str] | None:
        """The coming item whose label opens the heading, and what follows it (the title):
        the longest such label ("3 alt" over "3"), the nearest of equal ones."""
        best: tuple[int, str, int] | None = None  # (index, rest, length of the label)
        for index in range(self.position, len(self.items)):
            item = self.items[index]
            for written in dict.fromkeys((item.label, *item.shown)):
                rest = label_rest(text, written)
                if rest is not None and (best is None or len(written) > best[2]):
                    best = (index, rest, len(written))
        if best is None:
            return None
        self.position = best[0] + 1
        return self.items[best[0]], best[1]


def label_rest(text: str, label: str) -> str | None:
    """What follows ``label`` at the start of ``text`` ("" for the label alone); None when
    the text does not start with the whole label ("Article 10" does not start "Article 1")."""
    if not label or not text.startswith(label):
        return None
    rest = text[len(label) :]
    if rest and rest[0] not in _SEPARATORS:
        return None
    return rest.lstrip(_SEPARATORS).strip()
