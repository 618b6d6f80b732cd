"""Three-way merge at word level: carry a proposal's changes onto a text that moved on.

The classic diff3 over word tokens. The base (the version a proposal was drafted on) is
diffed against the current text and against the proposal; where a stretch of base words
is kept by both, it stands once. Between such stretches, a change made on one side only
is taken, a change made identically on both sides is taken once, and different changes to
the same words are a conflict, shown with base, current and proposed wording side by side
for the sponsor to resolve. No word is lost or doubled: every chunk keeps the three wordings
it stands for, and joining them gives back the base, the current text and the proposal.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.diff.engine import diff_tokens
from workbench.diff.tokens import tokenize

# A resolution the sponsor sends back must be free of these (it would store them as text).
CONFLICT_MARKERS = ("<<<<<<<", "|||||||", "=======", ">>>>>>>")


@dataclass(frozen=True)
class Chunk:
    """A stretch of the merge: settled wording, or a conflict between current and proposed."""

    text: str = ""
    conflict: bool = False
    base: str = ""
    current: str = ""
    proposed: str = ""

    def to_json(self) -> dict:
        if self.conflict:
            return {
                "conflict": {"base": self.base, "current": self.current, "proposed": self.proposed}
            }
        return {"text": self.text}


@dataclass(frozen=True)
class Merge:
    """The result of a three-way merge."""

    chunks: tuple[Chunk, ...]

    @property
    def clean(self) -> bool:
        return not any(chunk.conflict for chunk in self.chunks)

    @property
    def text(self) -> str | None:
        """The merged wording, or None while conflicts remain."""
        return "".join(chunk.text for chunk in self.chunks) if self.clean else None

    @property
    def conflicts(self) -> list[Chunk]:
        return [chunk for chunk in self.chunks if chunk.conflict]

    def side(self, name: str) -> str:
        """One of the three wordings ("base", "current", "proposed"), put back together."""
        return "".join(getattr(chunk, name) for chunk in self.chunks)

    def with_markers(self) -> str:
        """The merge as a draft to edit: conflicts between markers, as version control shows."""
        parts = []
        for chunk in self.chunks:
            if chunk.conflict:
                parts.append(
                    f"{CONFLICT_MARKERS[0]} current text\n{chunk.current}\n"
                    f"{CONFLICT_MARKERS[2]}\n{chunk.proposed}\n{CONFLICT_MARKERS[3]} proposal\n"
                )
            else:
                parts.append(chunk.text)
        return "".join(parts)


def _matches(base: list[str], other: list[str]) -> dict[int, int]:
    """For each base token kept in ``other``, its index there (a minimal token diff)."""
    matches: dict[int, int] = {}
    i = j = 0
    for op, tokens in diff_tokens(base, other, cleanup=False):
        if op == "equal":
            for offset in range(len(tokens)):
                matches[i + offset] = j + offset
            i += len(tokens)
            j += len(tokens)
        elif op == "delete":
            i += len(tokens)
        else:
            j += len(tokens)
    return matches


def merge_tokens(base: list[str], current: list[str], proposed: list[str]) -> Merge:
    """diff3 over token lists."""
    in_current, in_proposed = _matches(base, current), _matches(base, proposed)
    chunks: list[Chunk] = []
    b = c = p = 0

    def settled(text: str, old: list[str], ours: list[str], theirs: list[str]) -> None:
        # Each chunk keeps the three wordings it came from, so that nothing can go missing.
        sides = ("".join(old), "".join(ours), "".join(theirs))
        if not (text or any(sides)):
            return
        if chunks and not chunks[-1].conflict:
            last = chunks[-1]
            chunks[-1] = Chunk(
                text=last.text + text,
                base=last.base + sides[0],
                current=last.current + sides[1],
                proposed=last.proposed + sides[2],
            )
        else:
            chunks.append(Chunk(text=text, base=sides[0], current=sides[1], proposed=sides[2]))

    while True:
        # A base token kept by both sides, at the places both sides have reached: stable.
        while b < len(base) and in_current.get(b) == c and in_proposed.get(b) == p:
            settled(base[b], base[b : b + 1], base[b : b + 1], base[b : b + 1])
            b, c, p = b + 1, c + 1, p + 1
        # The next base token both sides keep ends the unstable stretch.
        end = next((k for k in range(b, len(base)) if k in in_current and k in in_proposed), None)
        c_end = in_current[end] if end is not None else len(current)
        p_end = in_proposed[end] if end is not None else len(proposed)
        stop = end if end is not None else len(base)
        old, ours, theirs = base[b:stop], current[c:c_end], proposed[p:p_end]
        resolved = _resolve(old, ours, theirs)
        if resolved is not None:
            settled(resolved, old, ours, theirs)
        else:
            chunks.append(
                Chunk(
                    conflict=True,
                    base="".join(old),
                    current="".join(ours),
                    proposed="".join(theirs),
                )
            )
        if end is None:
            return Merge(tuple(chunks))
        b, c, p = end, c_end, p_end


def _extension(words: list[str], of: list[str]) -> tuple[list[str], list[str]] | None:
    """What ``words`` adds before and after ``of`` if it is ``of`` with words around it."""
    for start in range(len(words) - len(of) + 1):
        if words[start : start + len(of)] == of:
            return words[:start], words[start + len(of) :]
    return None


def _resolve(old: list[str], ours: list[str], theirs: list[str]) -> str | None:
    """The wording of an unstable stretch when the two sides do not really collide."""
    if ours in (old, theirs):
        return "".join(theirs)  # only the proposal changed these words, or both alike
    if theirs == old:
        return "".join(ours)  # only the text moved on
    # One side kept the stretch and only added words before or after it, the other changed
    # it: the change stands, with the added words around it (each side's words kept once).
    ours_added, theirs_added = _extension(ours, old), _extension(theirs, old)
    if theirs_added is not None and ours_added is None:
        before, after = theirs_added
        return "".join(before + ours + after)
    if ours_added is not None and theirs_added is None:
        before, after = ours_added
        return "".join(before + theirs + after)
    return None


def merge_units(text: str, lang: str | None = None, *, breaks: bool = False) -> list[str]:
    """The units a merge aligns: each word token with the spaces that follow it.

    With spaces as tokens of their own, every other token would be " ", and the same
    insertion could be read as "s2 " after "w1 " or " s2" after "w1": the two diffs of a
    merge could then place one change made alike on both sides at two places, and take it
    twice. Joined to their word, spaces no longer make such ties. With ``breaks`` a line
    break stays a unit of its own, so that a change can begin or end at a paragraph.
    """
    units: list[str] = []
    for token in tokenize(text, lang):
        if (
            units
            and token.isspace()
            and not units[-1].isspace()
            and not (breaks and (token == "\n" or units[-1] == "\n"))
        ):
            units[-1] += token
        else:
            units.append(token)
    return units


def merge_texts(base: str, current: str, proposed: str, lang: str | None = None) -> Merge:
    """Three-way merge of a proposal (base → proposed) onto the current text, word by word."""
    return merge_tokens(
        merge_units(base, lang), merge_units(current, lang), merge_units(proposed, lang)
    )


def has_conflict_markers(text: str) -> bool:
    """Whether a wording still carries the markers of an unresolved conflict."""
    return any(marker in text for marker in CONFLICT_MARKERS)
