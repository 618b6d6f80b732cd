"""Phrase-level consolidation of one wording and the proposals on it, free of the database.

The current wording and each proposal's wording are cut into merge units (a word with the
spaces after it, a punctuation mark, a line break on its own) and every proposal is diffed against the
current wording. Each change covers a span of current units (empty for an insertion). Spans
of different proposals that overlap or touch (no common unit between them) form one group:
the disputed span. Within a group every proposal has one wording, the current units with its
own changes applied; identical wordings are one option carrying all their proposals. Between
groups the wording is common to all and stands once.

So choosing, in every group, the option that holds a proposal gives back exactly that
proposal's wording, and choosing the current options gives back the current wording
(``choose``; tests/consolidation check it on random proposal sets).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from workbench.diff import diff_tokens, tokenize
from workbench.diff.merge3 import merge_units

Key = Hashable  # what identifies a proposal here: its id in the database


@dataclass(frozen=True)
class Option:
    """One wording of a disputed span and the proposals whose wording it is."""

    text: str
    keys: tuple[Key, ...] = ()
    current: bool = False  # the wording as it stands now (empty for an insertion)


@dataclass(frozen=True)
class Segment:
    """Wording common to all (``text``), or a disputed span (``options``, the current first)."""

    text: str = ""
    options: tuple[Option, ...] = field(default_factory=tuple)

    @property
    def disputed(self) -> bool:
        return bool(self.options)

    @property
    def current(self) -> Option:
        """The option that is the current wording."""
        return next(option for option in self.options if option.current)

    def outer_space(self) -> tuple[str, str]:
        """The whitespace a bracketed rendering sets before and after the span: the current
        wording's (or, where nothing stands now, the last option's) leading and trailing
        whitespace, which its options could not all share."""
        current = self.current
        anchor = current.text if current.text.strip() else self.options[-1].text
        stripped = anchor.strip()
        if not stripped:
            return anchor, ""
        start = anchor.index(stripped)
        return anchor[:start], anchor[start + len(stripped) :]


@dataclass
class _Hunk:
    start: int  # current units [start, end) replaced by ``units``; start == end: an insertion
    end: int
    units: list[str]


def _hunks(base: list[str], units: list[str]) -> list[_Hunk]:
    """The changes of one proposal as spans of the current units, adjacent ones joined."""
    hunks: list[_Hunk] = []
    at = 0
    open_hunk: _Hunk | None = None
    for op, tokens in diff_tokens(base, units, cleanup=True):
        if op == "equal":
            at += len(tokens)
            open_hunk = None
            continue
        if open_hunk is None:
            open_hunk = _Hunk(at, at, [])
            hunks.append(open_hunk)
        if op == "delete":
            at += len(tokens)
            open_hunk.end = at
        else:
            open_hunk.units += tokens
    for index, hunk in enumerate(hunks):
        low = hunks[index - 1].end if index else 0
        high = hunks[index + 1].start if index + 1 < len(hunks) else len(base)
        _slide(base, hunk, low, high)
    return hunks


def _boundary(base: list[str], at: int) -> int:
    """How good a place the gap before unit ``at`` is for a change to begin or end."""
    if at in (0, len(base)) or "\n" in (base[at - 1], base[at]):
        return 2
    return 1 if base[at - 1][-1:].isspace() else 0


def _slide(base: list[str], hunk: _Hunk, low: int, high: int) -> None:
    """Move a pure insertion or deletion to where it begins and ends at paragraph breaks.

    The same words deleted (or inserted) can often stand one unit earlier or later with the
    same result ("x.\n3. y." less "\n3. y." or less ".\n3. y"); the diff picks any, a reader
    wants the whole paragraph. Only equal units between the neighbouring changes are crossed.
    """
    if hunk.units and hunk.start != hunk.end:
        return
    moving = list(hunk.units) if hunk.units else base[hunk.start : hunk.end]
    start = hunk.start
    while start > low and base[start - 1] == moving[-1]:
        start -= 1
        moving = [moving[-1], *moving[:-1]]
    best = None
    while True:
        end = start if hunk.units else start + len(moving)
        score = _boundary(base, start) + _boundary(base, end)
        if best is None or score >= best[0]:
            best = (score, start, list(moving))
        if end >= high or base[end] != moving[0]:
            break
        start += 1
        moving = [*moving[1:], moving[0]]
    _score, start, moving = best
    hunk.start = start
    if hunk.units:
        hunk.end, hunk.units = start, moving
    else:
        hunk.end = start + len(moving)


def _extent(hunk: _Hunk) -> tuple[int, int]:
    # Unit t sits at 2t+1, the gap before it at 2t: a replacement covers its units' places,
    # an insertion the gap it goes into. Two changes share no common unit between them when
    # no odd place lies strictly between their extents.
    if hunk.start == hunk.end:
        return 2 * hunk.start, 2 * hunk.start
    return 2 * hunk.start + 1, 2 * hunk.end - 1


def _groups(hunks: list[tuple[int, _Hunk]]) -> list[list[tuple[int, _Hunk]]]:
    """Changes of all proposals (proposal index, change) grouped where they overlap or touch."""
    ordered = sorted(hunks, key=lambda item: _extent(item[1]))
    groups: list[list[tuple[int, _Hunk]]] = []
    high = None
    for item in ordered:
        low, top = _extent(item[1])
        # The first unit's place after the extent so far: a common unit if before this one.
        separate = high is None or (high + 1 if high % 2 == 0 else high + 2) < low
        if separate:
            groups.append([item])
            high = top
        else:
            groups[-1].append(item)
            high = max(high, top)
    return groups


def _common_tokens(token_lists: list[list[str]]) -> int:
    """How many tokens every list begins with."""
    count = 0
    for column in zip(*token_lists, strict=False):
        if any(token != column[0] for token in column):
            break
        count += 1
    return count


def _trim(texts: list[str], lang: str | None) -> tuple[str, list[str], str]:
    """Words and whitespace all the wordings of a span begin (and end) with, moved out of it.

    The spans are cut in merge units, a word with its spaces: "data or other intent" less
    "or other intent" leaves "data" against "data ", a span one word too wide. Cut into
    tokens, the word both keep stands outside the span.
    """
    tokens = [tokenize(text, lang) for text in texts]
    head = _common_tokens(tokens)
    lead = "".join(tokens[0][:head])
    tokens = [found[head:] for found in tokens]
    tail = _common_tokens([found[::-1] for found in tokens])
    trail = "".join(tokens[0][len(tokens[0]) - tail :]) if tail else ""
    texts = ["".join(found[: len(found) - tail]) for found in tokens]
    return lead, texts, trail


def consolidate_wordings(
    current: str, proposals: Sequence[tuple[Key, str]], lang: str | None = None
) -> list[Segment]:
    """The current wording and the proposals' wordings as common and disputed segments."""
    base = merge_units(current or "", lang, breaks=True)
    diffs: dict[str, list[_Hunk]] = {}
    per_proposal: list[list[_Hunk]] = []
    for _key, text in proposals:
        text = text or ""
        if text not in diffs:  # identical wordings are diffed once
            diffs[text] = (
                [] if text == current else _hunks(base, merge_units(text, lang, breaks=True))
            )
        per_proposal.append(diffs[text])
    hunks = [(index, hunk) for index, found in enumerate(per_proposal) for hunk in found]
    segments: list[Segment] = []

    def common(text: str) -> None:
        if not text:
            return
        if segments and not segments[-1].disputed:
            segments[-1] = Segment(text=segments[-1].text + text)
        else:
            segments.append(Segment(text=text))

    at = 0
    for group in _groups(hunks):
        start = min(hunk.start for _index, hunk in group)
        end = max(hunk.end for _index, hunk in group)
        common("".join(base[at:start]))
        at = end
        original = "".join(base[start:end])
        mine: dict[int, list[_Hunk]] = {}
        for index, hunk in group:
            mine.setdefault(index, []).append(hunk)
        wordings = [original]
        for index in range(len(proposals)):
            wordings.append(_apply(base, start, end, mine.get(index, [])))
        lead, trimmed, trail = _trim(wordings, lang)
        common(lead)
        options: dict[str, list[Key]] = {trimmed[0]: []}
        for (key, _text), wording in zip(proposals, trimmed[1:], strict=True):
            options.setdefault(wording, []).append(key)
        if len(options) == 1:  # every proposal came back to the same words here
            common(trimmed[0])
        else:
            segments.append(
                Segment(
                    options=tuple(
                        Option(text, tuple(keys), current=text == trimmed[0])
                        for text, keys in options.items()
                    )
                )
            )
        common(trail)
    common("".join(base[at:]))
    return segments


def _apply(base: list[str], start: int, end: int, hunks: list[_Hunk]) -> str:
    """The current units [start, end) with one proposal's changes among them applied."""
    parts: list[str] = []
    at = start
    for hunk in sorted(hunks, key=lambda hunk: (hunk.start, hunk.end)):
        parts += base[at : hunk.start]
        parts += hunk.units
        at = hunk.end
    parts += base[at:end]
    return "".join(parts)


def choose(segments: Sequence[Segment], key: Key | None = None) -> str:
    """The wording obtained by taking a proposal's option everywhere (None: the current ones)."""
    parts = []
    for segment in segments:
        if not segment.disputed:
            parts.append(segment.text)
            continue
        if key is None:
            parts.append(segment.current.text)
        else:
            parts.append(next(option.text for option in segment.options if key in option.keys))
    return "".join(parts)
