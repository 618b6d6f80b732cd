"""One diff, three renderings: HTML, plain text with markers, and (in the export) Word runs."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Literal

from workbench.diff.tokens import token_class, tokenize

Op = Literal["equal", "insert", "delete"]

_ANSI = {"delete": ("\x1b[31m", "\x1b[0m"), "insert": ("\x1b[32m", "\x1b[0m")}
_MARKERS = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}


@dataclass(frozen=True)
class DiffOp:
    """A run of text that both versions share, or that one of them adds or removes."""

    op: Op
    text: str


@dataclass(frozen=True)
class DiffResult:
    """The word-level changes from one text to another."""

    ops: tuple[DiffOp, ...]
    lang: str | None = None

    @property
    def changed(self) -> bool:
        """Whether the two texts differ at all."""
        return any(op.op != "equal" for op in self.ops)

    def old_text(self) -> str:
        """The text the diff starts from."""
        return "".join(op.text for op in self.ops if op.op != "insert")

    def new_text(self) -> str:
        """The text the diff arrives at."""
        return "".join(op.text for op in self.ops if op.op != "delete")

    def html(self) -> str:
        """HTML with ``<del>`` and ``<ins>``; line breaks kept as ``<br>``."""
        parts = []
        for op in self.ops:
            text = escape(op.text).replace("\n", "<br>\n")
            if op.op == "equal":
                parts.append(text)
            else:
                tag = "del" if op.op == "delete" else "ins"
                parts.append(f'<{tag} class="diff-{op.op}">{text}</{tag}>')
        return "".join(parts)

    def plain(self, color: bool = False) -> str:
        """Terminal text: ``[-deleted-]{+inserted+}``, or red and green when ``color``."""
        marks = _ANSI if color else _MARKERS
        parts = []
        for op in self.ops:
            if op.op == "equal":
                parts.append(op.text)
            else:
                start, end = marks[op.op]
                parts.append(f"{start}{op.text}{end}")
        return "".join(parts)

    def lines(self) -> list[list[DiffOp]]:
        """The ops split at line breaks: one list per line of the combined text."""
        result: list[list[DiffOp]] = [[]]
        for op in self.ops:
            pieces = op.text.split("\n")
            for number, piece in enumerate(pieces):
                if number:
                    result.append([])
                if piece:
                    result[-1].append(DiffOp(op.op, piece))
        return result

    def stats(self) -> dict[str, int | float]:
        """Words kept, inserted and deleted, and how much of the old wording survives."""
        counts = {"equal": 0, "insert": 0, "delete": 0}
        for op in self.ops:
            counts[op.op] += sum(
                1 for token in tokenize(op.text, self.lang) if token_class(token) == "word"
            )
        old_words = counts["equal"] + counts["delete"]
        new_words = counts["equal"] + counts["insert"]
        total = old_words + new_words
        return {
            "words_kept": counts["equal"],
            "words_inserted": counts["insert"],
            "words_deleted": counts["delete"],
            "similarity": round(2 * counts["equal"] / total, 4) if total else 1.0,
        }

    def to_json(self) -> list[dict[str, str]]:
        """The ops as JSON-ready dictionaries."""
        return [{"op": op.op, "text": op.text} for op in self.ops]


def excerpt_html(diff: DiffResult, context: int = 60) -> str:
    """The changes of a diff with a little of the wording around them, as HTML.

    For lists of proposals, where a whole provision would drown the few words changed:
    equal runs longer than twice ``context`` are cut to their ends, "…" in between.
    """
    parts = []
    ops = diff.ops
    for index, op in enumerate(ops):
        if op.op != "equal":
            tag = "del" if op.op == "delete" else "ins"
            parts.append(f'<{tag} class="diff-{op.op}">{escape(op.text)}</{tag}>')
            continue
        text = op.text
        first, last = index == 0, index == len(ops) - 1
        if first and len(text) > context:
            text = "…" + text[-context:]
        elif last and len(text) > context:
            text = text[:context] + "…"
        elif not first and not last and len(text) > 2 * context:
            text = text[:context] + " … " + text[-context:]
        parts.append(escape(text))
    return "".join(parts)
