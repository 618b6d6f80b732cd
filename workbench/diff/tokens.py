"""Word tokens: what a negotiator reads as one unit of change."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate

# Han ideographs (with extensions and compatibility forms) are segmented by jieba, not by regex.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_HAN_CHAR = re.compile(f"[{_HAN}]")
# A word keeps its inner apostrophes and hyphens ("Party's", "cross-border"); whitespace
# runs (other than a line break) and each punctuation mark stand alone.
_TOKEN = re.compile(
    rf"\n|[^\S\n]+|[^\W{_HAN}]+(?:[-'’][^\W{_HAN}]+)*|[{_HAN}]+|.",
    re.DOTALL,
)


def has_han(text: str) -> bool:
    """Whether a text holds Chinese characters."""
    return _HAN_CHAR.search(text) is not None


@lru_cache(maxsize=1)
def _segmenter():
    """jieba's dictionary and algorithm with the treaty vocabulary (loaded once, on first use)."""
    from workbench.diff.chinese import load_segmenter

    return load_segmenter()


def segment_chinese(run: str) -> list[str]:
    """Chinese words of a run of Han characters (dictionary only: HMM guesses vary)."""
    return list(_segment(run))


@lru_cache(maxsize=16384)
def _segment(run: str) -> tuple[str, ...]:
    # Amendments repeat most clauses of the text they amend: each clause is segmented once.
    return tuple(_segmenter().cut(run))


# Characters that always stand alone as one token: a cut just after one of them falls between
# two tokens, whatever comes before or after (no word, space run or Chinese run spans it).
CUT_AFTER = frozenset('\n.,;:!?()[]{}"“”。，；：！？、（）《》「」')
_CUTS = "".join(sorted(re.escape(char) for char in CUT_AFTER))
# A text in clauses: each up to and including the next character of CUT_AFTER.
_CLAUSE = re.compile(f"[^{_CUTS}]*[{_CUTS}]|[^{_CUTS}]+")
_ONE_CLAUSE = 200  # shorter texts are tokenized at once


@lru_cache(maxsize=4096)
def _tokenize(text: str, lang: str | None) -> tuple[str, ...]:
    if len(text) < _ONE_CLAUSE:
        return _tokenize_clause(text)
    # Clause by clause: an amendment shares most clauses with the text it amends (and with
    # the other amendments of it), and each clause is tokenized once.
    tokens: list[str] = []
    for clause in _CLAUSE.findall(text):
        tokens += _tokenize_clause(clause)
    return tuple(tokens)


@lru_cache(maxsize=32768)
def _tokenize_clause(text: str) -> tuple[str, ...]:
    if not has_han(text):
        return tuple(_TOKEN.findall(text))  # no Chinese to segment: one pass of the regex
    tokens: list[str] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        if _HAN_RUN.fullmatch(token):
            tokens.extend(_segment(token))
        else:
            tokens.append(token)
    return tuple(tokens)


@lru_cache(maxsize=1024)
def token_ends(text: str, lang: str | None = None) -> tuple[int, ...]:
    """Where each token of the text ends (character offsets), for cutting it at token bounds."""
    return tuple(accumulate(map(len, _tokenize(text or "", lang))))


def tokenize(text: str, lang: str | None = None) -> list[str]:
    """Split a text into words, whitespace runs, line breaks and punctuation marks.

    The tokens joined give the text back exactly. Chinese runs are segmented into
    words whatever ``lang`` says, so mixed text (a Chinese clause quoting "ICT") works.
    """
    return list(_tokenize(text or "", lang))


def token_class(token: str) -> str:
    """'newline', 'space', 'punct' or 'word'."""
    if token == "\n":
        return "newline"
    if token.isspace():
        return "space"
    if len(token) == 1 and not token.isalnum():
        return "punct"
    return "word"
