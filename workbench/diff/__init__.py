"""Word-level diffs of clause wording, in English, Chinese and the other UN languages."""

from __future__ import annotations

from workbench.diff.blame import BlameSpan, blame
from workbench.diff.engine import diff_chars, diff_tokens, diff_word_ops
from workbench.diff.result import DiffOp, DiffResult
from workbench.diff.tokens import has_han, tokenize

__all__ = [
    "BlameSpan",
    "DiffOp",
    "DiffResult",
    "blame",
    "char_diff",
    "diff_texts",
    "diff_tokens",
    "has_han",
    "tokenize",
]


def diff_texts(old: str | None, new: str | None, lang: str | None = None) -> DiffResult:
    """The word-level diff from ``old`` to ``new``."""
    ops = diff_word_ops(old or "", new or "", lang)
    return DiffResult(tuple(DiffOp(op, text) for op, text in ops), lang)


def char_diff(old: str | None, new: str | None) -> DiffResult:
    """The character-level diff (what the workbench avoids showing; kept to compare with)."""
    return DiffResult(tuple(DiffOp(op, text) for op, text in diff_chars(old or "", new or "")))
