"""Attribution: which text in a chain of versions first wrote each word of the last one."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from workbench.diff.engine import diff_tokens
from workbench.diff.tokens import token_class, tokenize

K = TypeVar("K", bound=Hashable)  # what a caller names its versions by (an id, a label)


@dataclass(frozen=True)
class BlameSpan(Generic[K]):
    """A run of the latest text and the key of the version that wrote it."""

    text: str
    key: K


def blame(chain: Sequence[tuple[str, K]], lang: str | None = None) -> list[BlameSpan[K]]:
    """Attribute each word of the last text in ``chain`` (oldest first) to the text that wrote it.

    Uses the minimal diff between consecutive texts, not the reader's cleaned-up one:
    a word that survives a revision keeps its author even when it sits amid changes.
    """
    if not chain:
        return []
    first_text, first_key = chain[0]
    owned = [(token, first_key) for token in tokenize(first_text, lang)]
    for text, key in chain[1:]:
        tokens = tokenize(text, lang)
        keys = [owner for _token, owner in owned]
        position = 0
        updated: list[tuple[str, K]] = []
        for op, run in diff_tokens([token for token, _owner in owned], tokens, cleanup=False):
            if op == "equal":
                updated += [(token, keys[position + i]) for i, token in enumerate(run)]
                position += len(run)
            elif op == "delete":
                position += len(run)
            else:
                updated += [(token, key) for token in run]
        owned = updated
    owned = _spaces_join_their_words(owned)
    spans: list[BlameSpan[K]] = []
    for token, owner in owned:
        if spans and spans[-1].key == owner:
            spans[-1] = BlameSpan(spans[-1].text + token, owner)
        else:
            spans.append(BlameSpan(token, owner))
    return spans


def _spaces_join_their_words(owned: list[tuple[str, K]]) -> list[tuple[str, K]]:
    """A space between two words written by the same version belongs to that version.

    The minimal diff happily keeps an old space inside a new phrase; crediting it to the
    old version would cut "an information and communications technology" into pieces.
    """
    result = list(owned)
    for index in range(1, len(result) - 1):
        token, _owner = result[index]
        if token_class(token) == "space" and result[index - 1][1] == result[index + 1][1]:
            result[index] = (token, result[index - 1][1])
    return result
