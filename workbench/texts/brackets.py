"""Reading a consolidated text in brackets: common wording, and spans with their options.

The format, as ``workbench.export.brackets`` writes it and a chair keeps it when editing:

- wording common to every proposal stands plain;
- a span in dispute is its options separated by " / ", each in square brackets; a proposed
  option is followed by its sponsors in parentheses, ``[an ICT system] (China, Russian
  Federation)`` or ``[信通技术系统]（中国、俄罗斯联邦）``; the option without sponsors is the
  current wording (none where the span is a proposed insertion);
- ``[delete]`` (``[删除]``) proposes to strike the span;
- a proposal to delete the whole provision brackets all its wording once more and ends
  `` / [delete] (sponsors)``.

``parse_brackets`` reads one provision's text (paragraphs joined by "\\n") into plain pieces
and spans, with every fault found (unbalanced or nested brackets, empty sponsors…) and
where it is; ``choose`` gives the wording that picking one option per span makes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

DELETE_WORDS = frozenset({"delete", "删除"})
_BRACKET = re.compile(r"[\[\]]")
_SEPARATOR = re.compile(r"[ \t]*/[ \t]*(?=\[)")
_SPONSORS_OPEN = re.compile(r"[ \t]?(\(|（)")
_CLOSE = {"(": ")", "（": "）"}
_WHOLE_DELETION = re.compile(r"\][ \t]*/[ \t]*\[(?:delete|删除)\]", re.IGNORECASE)
_NAMES = re.compile(r"[,，、;；]")
_PUNCTUATION = tuple(".,;:)]）。，；：、")


@dataclass(frozen=True)
class Option:
    """One bracketed option: its words, its sponsors as written (none: the current wording)."""

    text: str
    sponsors: tuple[str, ...]
    start: int  # offset of its "[" in the provision's text

    @property
    def deletes(self) -> bool:
        return self.text.strip().lower() in DELETE_WORDS

    @property
    def wording(self) -> str:
        """What choosing the option puts in the text ("" for a deletion)."""
        return "" if self.deletes else self.text.strip()

    @property
    def current(self) -> bool:
        return not self.sponsors


@dataclass(frozen=True)
class Span:
    """A span in dispute: its options in document order."""

    options: tuple[Option, ...]

    @property
    def start(self) -> int:
        return self.options[0].start

    @property
    def current(self) -> Option | None:
        """The option that stands now (none where the span proposes an insertion)."""
        return next((option for option in self.options if option.current), None)

    @property
    def proposed(self) -> tuple[Option, ...]:
        return tuple(option for option in self.options if not option.current)


@dataclass(frozen=True)
class Fault:
    """Something the bracket format does not allow, and where (an offset in the text)."""

    offset: int
    message: str


@dataclass(frozen=True)
class BracketText:
    """A provision's wording as plain pieces and spans in dispute."""

    pieces: tuple[str | Span, ...]
    # The sponsors of a proposal to delete the whole provision, with the offset of its option.
    deletion: tuple[str, ...] = ()
    deletion_start: int = -1

    @property
    def spans(self) -> list[Span]:
        return [piece for piece in self.pieces if isinstance(piece, Span)]

    @property
    def disputed(self) -> bool:
        return bool(self.deletion) or any(span.proposed for span in self.spans)

    def current(self) -> str:
        """The wording as it stands: every span's current option."""
        return choose(self, lambda span: span.current)


def has_brackets(text: str) -> bool:
    """Whether a text holds an option in the bracket format (a bracket followed by sponsors
    or by another option)."""
    return bool(re.search(r"\][ \t]?[(（]|\][ \t]*/[ \t]*\[", text))


def split_names(label: str) -> list[str]:
    """Sponsor names as listed ("China, Russian Federation"; "中国、俄罗斯联邦"), keeping
    parentheses inside a name ("Iran (Islamic Republic of)") whole."""
    if "(" not in label and "（" not in label:
        return [name.strip() for name in _NAMES.split(label)]
    names: list[str] = []
    current: list[str] = []
    depth = 0
    for char in label:
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(0, depth - 1)
        if depth == 0 and char in ",，、;；":
            names.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    names.append("".join(current).strip())
    return names


def _matching(text: str, start: int, opening: str, closing: str) -> int:
    """The offset of the bracket closing the one at ``start``, counting nesting; -1 if none."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == opening:
            depth += 1
        elif text[index] == closing:
            depth -= 1
            if depth == 0:
                return index
    return -1


def _sponsors(text: str, at: int) -> tuple[tuple[str, ...] | None, int, Fault | None]:
    """Sponsors in parentheses right after an option's "]" (at ``at``), if any."""
    found = _SPONSORS_OPEN.match(text, at)
    if found is None:
        return None, at, None
    opening = found.group(1)
    end = _matching(text, found.start(1), opening, _CLOSE[opening])
    if end < 0 or "\n" in text[found.start(1) : end]:
        return None, at, Fault(found.start(1), "The sponsors' parenthesis is never closed.")
    names = tuple(name for name in split_names(text[found.end(1) : end]) if name)
    if not names:
        return None, end + 1, Fault(found.start(1), "An option names no sponsors in its ().")
    return names, end + 1, None


def parse_brackets(text: str, *, offset: int = 0) -> tuple[BracketText, list[Fault]]:
    """One provision's text as plain pieces and spans, and the faults found in it."""
    whole = _whole_deletion(text, offset)
    if whole is not None:
        return whole
    pieces: list[str | Span] = []
    faults: list[Fault] = []
    plain: list[str] = []
    index = 0
    while index < len(text):
        found = _BRACKET.search(text, index)
        if found is None:
            plain.append(text[index:])
            break
        plain.append(text[index : found.start()])
        index = found.start()
        if found.group() == "]":
            faults.append(Fault(offset + index, "A ']' closes no '['."))
            plain.append("]")
            index += 1
            continue
        options, index, sponsor_fault = _options(text, index, offset, faults)
        if options:
            if "".join(plain):
                pieces.append("".join(plain))
            plain = []
            pieces.append(_span(options, sponsor_fault, faults))
    if "".join(plain):
        pieces.append("".join(plain))
    return BracketText(tuple(pieces)), faults


def _options(
    text: str, index: int, offset: int, faults: list[Fault]
) -> tuple[list[Option], int, bool]:
    """The options of the span opening at ``index`` ("[a] (X) / [b] (Y)"), where reading
    goes on, and whether a sponsor list was at fault; faults are added to ``faults``."""
    options: list[Option] = []
    sponsor_fault = False
    while True:
        close = text.find("]", index + 1)
        nested = text.find("[", index + 1)
        if close < 0:
            faults.append(Fault(offset + index, "A '[' is never closed."))
            return options, len(text), sponsor_fault
        if 0 <= nested < close:
            faults.append(Fault(offset + nested, "A '[' opens inside another option."))
            end = _matching(text, index, "[", "]")
            if end < 0:
                faults.append(Fault(offset + index, "A '[' is never closed."))
            return options, len(text) if end < 0 else end + 1, sponsor_fault
        sponsors, after, fault = _sponsors(text, close + 1)
        if fault is not None:
            sponsor_fault = True
            faults.append(Fault(offset + fault.offset, fault.message))
        options.append(Option(text[index + 1 : close], sponsors or (), offset + index))
        index = after
        separator = _SEPARATOR.match(text, index)
        if separator is None:
            return options, index, sponsor_fault
        index = separator.end()


def _span(options: list[Option], sponsor_fault: bool, faults: list[Fault]) -> Span:
    """A span of options; two without sponsors is a fault (only the current wording has none)."""
    span = Span(tuple(options))
    if len(options) - len(span.proposed) > 1 and not sponsor_fault:
        faults.append(
            Fault(
                span.options[1].start,
                "Two options of one span have no sponsors; only the current "
                "wording stands without them.",
            )
        )
    return span


def _whole_deletion(text: str, offset: int) -> tuple[BracketText, list[Fault]] | None:
    """The text of a provision proposed for deletion: "[wording] / [delete] (sponsors)"."""
    stripped = text.strip()
    if not stripped.startswith("["):
        return None
    lead = text.index("[")
    end = _matching(text, lead, "[", "]")
    if end < 0:
        return None
    tail = _WHOLE_DELETION.match(text, end)
    if tail is None:
        return None
    sponsors, after, fault = _sponsors(text, tail.end())
    if sponsors is None or text[after:].strip():
        return None
    inner, faults = parse_brackets(text[lead + 1 : end], offset=offset + lead + 1)
    if fault is not None:
        faults.append(Fault(offset + fault.offset, fault.message))
    deletion_start = offset + text.index("[", end)
    return BracketText(inner.pieces, sponsors, deletion_start), faults


def choose(text: BracketText, pick: Callable[[Span], Option | None]) -> str:
    """The wording with ``pick``'s option in each span (None: nothing stands there), tidied
    where an emptied span leaves two spaces or a space before punctuation."""
    parts: list[str] = []
    gaps: list[int] = []
    for piece in text.pieces:
        if isinstance(piece, str):
            parts.append(piece)
            continue
        option = pick(piece)
        words = option.wording if option is not None else ""
        if not words:
            gaps.append(len(parts))
        parts.append(words)
    for gap in gaps:
        left = parts[gap - 1] if gap > 0 else ""
        right = parts[gap + 1] if gap + 1 < len(parts) else ""
        if left.endswith((" ", "\t")) and (
            not right or right[0] in " \t\n" or right.startswith(_PUNCTUATION)
        ):
            parts[gap - 1] = left.rstrip(" \t")
    lines = ("".join(parts)).split("\n")
    return "\n".join(re.sub(r"[ \t]{2,}", " ", line).strip() for line in lines if line.strip())
