"""Three-way merge at word level: carry a proposal's changes onto a text that moved on."""

from __future__ import annotations

from diff_match_patch import diff_match_patch

from workbench.diff import diff_tokens, tokenize


def _changed_ranges(ops: list[tuple[str, list[str]]]) -> list[tuple[int, int]]:
    """Ranges of base-token positions that a token-level diff touches."""
    ranges = []
    position = 0
    for op, tokens in ops:
        if op == "equal":
            position += len(tokens)
        elif op == "delete":
            ranges.append((position, position + len(tokens)))
            position += len(tokens)
        else:
            # An insertion touches the gap between two base tokens.
            ranges.append((position, position))
    return ranges


def _touches(first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether two changes of the same base text touch the same words."""
    (start_1, end_1), (start_2, end_2) = first, second
    if start_1 == end_1 and start_2 == end_2:
        return start_1 == start_2
    if start_1 == end_1:
        return start_2 <= start_1 <= end_2
    if start_2 == end_2:
        return start_1 <= start_2 <= end_1
    return start_1 < end_2 and start_2 < end_1


def _overlap(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> bool:
    return any(_touches(a, b) for a in first for b in second)


def suggest_merge(
    base: str, current: str, proposed: str, lang: str | None = None
) -> tuple[str, bool]:
    """The proposal's changes (base → proposed) applied to the current text.

    Returns the suggested wording and whether it applied cleanly: False when the proposal
    and the changes made meanwhile touch the same words, or a change could not be placed.
    """
    base_tokens, current_tokens, proposed_tokens = (
        tokenize(base, lang),
        tokenize(current, lang),
        tokenize(proposed, lang),
    )
    clean = not _overlap(
        _changed_ranges(diff_tokens(base_tokens, current_tokens)),
        _changed_ranges(diff_tokens(base_tokens, proposed_tokens)),
    )
    # Patch at token level: each distinct token becomes one code point.
    alphabet: dict[str, str] = {}
    tokens_of: list[str] = []

    def encode(tokens: list[str]) -> str:
        chars = []
        for token in tokens:
            if token not in alphabet:
                code = len(tokens_of) + 0x100
                if code >= 0xD800:
                    code += 0x800
                alphabet[token] = chr(code)
                tokens_of.append(token)
            chars.append(alphabet[token])
        return "".join(chars)

    encoded_base, encoded_current, encoded_proposed = (
        encode(base_tokens),
        encode(current_tokens),
        encode(proposed_tokens),
    )
    dmp = diff_match_patch()
    dmp.Match_Threshold = 0.3
    patches = dmp.patch_make(encoded_base, encoded_proposed)
    merged, applied = dmp.patch_apply(patches, encoded_current)
    reverse = {char: token for token, char in alphabet.items()}
    text = "".join(reverse[char] for char in merged)
    return text, clean and all(applied)
