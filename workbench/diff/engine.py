"""Word-level diffs: tokens mapped to code points, diffed by diff-match-patch, mapped back."""

from __future__ import annotations

from bisect import bisect_right

from diff_match_patch import diff_match_patch

from workbench.diff import core
from workbench.diff.result import Op
from workbench.diff.tokens import CUT_AFTER, token_class, token_ends, tokenize

_OPS: dict[int, Op] = {
    diff_match_patch.DIFF_EQUAL: "equal",
    diff_match_patch.DIFF_INSERT: "insert",
    diff_match_patch.DIFF_DELETE: "delete",
}
# Token code points start above ASCII and skip the surrogate block, which Python strings
# may hold but which diff-match-patch's slicing would be free to split.
_FIRST_CODE_POINT = 0x100
_SURROGATES = range(0xD800, 0xE000)

_BOUNDARY_SCORE = {  # how good a place a boundary between two tokens is for an edit to start
    "edge": 6,
    "newline": 4,
    "sentence": 3,
    "space": 2,
    "punct": 1,
    "word": 0,
}


class Alphabet:
    """One code point per distinct token, shared by the texts compared together."""

    def __init__(self) -> None:
        self.code_of: dict[str, str] = {}
        self.token_of: dict[str, str] = {}

    def encode(self, tokens: list[str]) -> str:
        code_of = self.code_of
        # New tokens are few (each distinct token once); the mapping of the many is done by
        # map() over the dictionary, not by a Python loop per token.
        for token in dict.fromkeys(tokens):
            if token not in code_of:
                code = _FIRST_CODE_POINT + len(code_of)
                if code >= _SURROGATES.start:
                    code += len(_SURROGATES)
                char = chr(code)
                code_of[token] = char
                self.token_of[char] = token
        return "".join(map(code_of.__getitem__, tokens))

    def decode(self, chars: str) -> list[str]:
        return list(map(self.token_of.__getitem__, chars))

    def token(self, char: str) -> str:
        return self.token_of[char]


class TokenDiffer(diff_match_patch):
    """diff-match-patch whose "lossless" step judges word boundaries by token, not by character.

    The stock step asks whether a character is a letter or a space; here every character
    stands for a whole token, so it would have to guess. This one looks the token up.
    """

    def __init__(self, alphabet: Alphabet) -> None:
        super().__init__()
        self.Diff_Timeout = 0  # negotiating texts are short; always find the minimal diff
        self.alphabet = alphabet

    def _score(self, one: str, two: str) -> int:
        if not one or not two:
            return _BOUNDARY_SCORE["edge"]
        before = token_class(self.alphabet.token(one[-1]))
        after = token_class(self.alphabet.token(two[0]))
        if "newline" in (before, after):
            return _BOUNDARY_SCORE["newline"]
        if before == "punct" and after == "space":
            return _BOUNDARY_SCORE["sentence"]
        if "space" in (before, after):
            return _BOUNDARY_SCORE["space"]
        if "punct" in (before, after):
            return _BOUNDARY_SCORE["punct"]
        return _BOUNDARY_SCORE["word"]

    def _weight(self, chars: str) -> int:
        # Weigh a run by the characters its tokens stand for, as the stock step does for
        # plain text; counting tokens would let "legislative " weigh no more than "such ".
        return sum(map(len, map(self.alphabet.token_of.__getitem__, chars)))

    def diff_cleanupSemantic(self, diffs):
        """Fold equalities shorter than the changes on both sides of them into those changes."""
        changed = False
        equalities: list[int] = []
        last_equality: str | None = None
        last_weight: int | None = None  # the weight of last_equality, once it was needed
        before = {self.DIFF_INSERT: 0, self.DIFF_DELETE: 0}
        after = {self.DIFF_INSERT: 0, self.DIFF_DELETE: 0}
        index = 0
        while index < len(diffs):
            op, chars = diffs[index]
            if op == self.DIFF_EQUAL:
                equalities.append(index)
                before, after = after, {self.DIFF_INSERT: 0, self.DIFF_DELETE: 0}
                last_equality = chars
                last_weight = None
            else:
                after[op] += self._weight(chars)
                if not last_equality:
                    index += 1
                    continue
                bound = min(max(before.values()), max(after.values()))
                # Every token is at least one character long: an equality of more tokens
                # than the bound outweighs it without being weighed (most of a long text).
                if len(last_equality) > bound:
                    index += 1
                    continue
                if last_weight is None:
                    last_weight = self._weight(last_equality)
                if last_weight <= bound:
                    # Replace the equality by a deletion and an insertion of the same words.
                    diffs.insert(equalities[-1], (self.DIFF_DELETE, last_equality))
                    diffs[equalities[-1] + 1] = (self.DIFF_INSERT, last_equality)
                    equalities.pop()
                    if equalities:
                        equalities.pop()
                    index = equalities[-1] if equalities else -1
                    before = {self.DIFF_INSERT: 0, self.DIFF_DELETE: 0}
                    after = {self.DIFF_INSERT: 0, self.DIFF_DELETE: 0}
                    last_equality = None
                    changed = True
            index += 1
        if changed:
            self.diff_cleanupMerge(diffs)
        self.diff_cleanupSemanticLossless(diffs)

    def diff_cleanupSemanticLossless(self, diffs):
        """Slide each edit between two equalities to the best token boundary."""
        index = 1
        while index < len(diffs) - 1:
            if diffs[index - 1][0] == self.DIFF_EQUAL and diffs[index + 1][0] == self.DIFF_EQUAL:
                before, edit, after = diffs[index - 1][1], diffs[index][1], diffs[index + 1][1]
                common = self.diff_commonSuffix(before, edit)
                if common:
                    shared = edit[-common:]
                    before, edit, after = before[:-common], shared + edit[:-common], shared + after
                best = (before, edit, after)
                best_score = self._score(before, edit) + self._score(edit, after)
                while edit and after and edit[0] == after[0]:
                    before, edit, after = before + edit[0], edit[1:] + after[0], after[1:]
                    score = self._score(before, edit) + self._score(edit, after)
                    if score >= best_score:  # ">=": prefer trailing over leading whitespace
                        best, best_score = (before, edit, after), score
                if diffs[index - 1][1] != best[0]:
                    if best[0]:
                        diffs[index - 1] = (self.DIFF_EQUAL, best[0])
                    else:
                        del diffs[index - 1]
                        index -= 1
                    diffs[index] = (diffs[index][0], best[1])
                    if best[2]:
                        diffs[index + 1] = (self.DIFF_EQUAL, best[2])
                    else:
                        del diffs[index + 1]
                        index -= 1
            index += 1


def _token_diffs(old: list[str], new: list[str], cleanup: bool) -> tuple[Alphabet, core.Diffs]:
    """The diff of two token lists as diff-match-patch returns it, over their code points."""
    alphabet = Alphabet()
    old_chars, new_chars = alphabet.encode(old), alphabet.encode(new)
    # The minimal diff comes from the C++ library when installed (the same diff, faster);
    # the cleanup is this module's own, which knows where tokens end.
    diffs = core.raw_diff(old_chars, new_chars)
    if cleanup:
        TokenDiffer(alphabet).diff_cleanupSemantic(diffs)
    return alphabet, diffs


def diff_tokens(
    old: list[str], new: list[str], *, cleanup: bool = True
) -> list[tuple[Op, list[str]]]:
    """Diff two token lists: ``[(op, tokens), ...]`` with op "equal", "insert" or "delete".

    With ``cleanup`` (the default), short coincidental equalities between changes are
    folded into them, as a reader wants; without it the diff is minimal, as attribution needs.
    """
    alphabet, diffs = _token_diffs(old, new, cleanup)
    return [(_OPS[op], alphabet.decode(chars)) for op, chars in diffs if chars]


_SHORT = 80  # below this many characters, tokenizing the whole text is as quick


def _cut_before(text: str, limit: int) -> int:
    """The last safe cut at or before ``limit`` (0 when there is none)."""
    for index in range(limit, 0, -1):
        if text[index - 1] in CUT_AFTER:
            return index
    return 0


def _cut_after(text: str, start: int) -> int | None:
    """The first safe cut after a character at or after ``start``."""
    for index in range(start, len(text)):
        if text[index] in CUT_AFTER:
            return index + 1
    return None


def tokenize_pair(old: str, new: str, lang: str | None) -> tuple[list[str], list[str]]:
    """The tokens of both texts, segmenting only the span where the new text differs.

    An amendment usually changes a few words of a long provision: the tokens of the shared
    beginning and end are taken from the old text's (cached) tokens, so that only the changed
    paragraph is tokenized (and, in Chinese, segmented) again. The result is exactly
    ``tokenize(old), tokenize(new)``: the cuts fall only where a token always ends.
    """
    old_tokens = tokenize(old, lang)
    if len(old) < _SHORT or len(new) < _SHORT:
        return old_tokens, tokenize(new, lang)
    differ = diff_match_patch()
    prefix = differ.diff_commonPrefix(old, new)
    suffix = differ.diff_commonSuffix(old[prefix:], new[prefix:])
    start = _cut_before(old, prefix)
    old_end = _cut_after(old, len(old) - suffix)
    if old_end is None:
        return old_tokens, tokenize(new, lang)
    new_end = old_end - len(old) + len(new)
    ends = token_ends(old, lang)
    first = bisect_right(ends, start)
    last = bisect_right(ends, old_end)
    if (first and ends[first - 1] != start) or ends[last - 1] != old_end:
        return old_tokens, tokenize(new, lang)  # not a token boundary after all: no shortcut
    middle = tokenize(new[start:new_end], lang)
    return old_tokens, old_tokens[:first] + middle + old_tokens[last:]


def diff_word_ops(old: str, new: str, lang: str | None) -> list[tuple[Op, str]]:
    """Word-level diff of two texts as ``(op, text)`` pairs, adjacent runs of one op merged."""
    alphabet, diffs = _token_diffs(*tokenize_pair(old, new, lang), cleanup=True)
    # Runs the old text holds are cut out of it by token offsets; only inserted runs are
    # decoded token by token (they are few and short, the kept text is long).
    starts = (0, *token_ends(old, lang))
    merged: list[tuple[Op, str]] = []
    position = 0  # tokens of the old text passed so far
    for op, chars in diffs:
        if not chars:
            continue
        if op == core.INSERT:
            text = "".join(alphabet.decode(chars))
        else:
            text = old[starts[position] : starts[position + len(chars)]]
            position += len(chars)
        kind = _OPS[op]
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1] + text)
        else:
            merged.append((kind, text))
    return _deletions_first(merged)


def _deletions_first(ops: list[tuple[Op, str]]) -> list[tuple[Op, str]]:
    """Within each run of changes, the deleted words come before the inserted ones."""
    result: list[tuple[Op, str]] = []
    pending: dict[str, str] = {"delete": "", "insert": ""}
    for op, text in ops:
        if op == "equal":
            result += [(kind, pending[kind]) for kind in ("delete", "insert") if pending[kind]]
            pending = {"delete": "", "insert": ""}
            result.append((op, text))
        else:
            pending[op] += text
    result += [(kind, pending[kind]) for kind in ("delete", "insert") if pending[kind]]
    return result


def diff_chars(old: str, new: str) -> list[tuple[Op, str]]:
    """Character-level diff with the library's own semantic cleanup (for comparison only)."""
    differ = diff_match_patch()
    differ.Diff_Timeout = 0
    diffs = differ.diff_main(old, new)
    differ.diff_cleanupSemantic(diffs)
    return [(_OPS[op], text) for op, text in diffs if text]
