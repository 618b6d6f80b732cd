"""Word-level diffs: tokens mapped to code points, diffed by diff-match-patch, mapped back."""

from __future__ import annotations

from diff_match_patch import diff_match_patch

from workbench.diff.tokens import token_class, tokenize

_OPS = {diff_match_patch.DIFF_EQUAL: "equal", diff_match_patch.DIFF_INSERT: "insert",
        diff_match_patch.DIFF_DELETE: "delete"}
# Token code points start above ASCII and skip the surrogate block, which Python strings
# may hold but which diff-match-patch's slicing would be free to split.
_FIRST_CODE_POINT = 0x100
_SURROGATES = range(0xD800, 0xE000)

_BOUNDARY_SCORE = {  # how good a place a boundary between two tokens is for an edit to start
    "edge": 6, "newline": 4, "sentence": 3, "space": 2, "punct": 1, "word": 0,
}


class Alphabet:
    """One code point per distinct token, shared by the texts compared together."""

    def __init__(self) -> None:
        self.code_of: dict[str, str] = {}
        self.tokens: list[str] = []

    def encode(self, tokens: list[str]) -> str:
        chars = []
        for token in tokens:
            char = self.code_of.get(token)
            if char is None:
                code = _FIRST_CODE_POINT + len(self.tokens)
                if code >= _SURROGATES.start:
                    code += len(_SURROGATES)
                char = chr(code)
                self.code_of[token] = char
                self.tokens.append(token)
            chars.append(char)
        return "".join(chars)

    def decode(self, chars: str) -> list[str]:
        return [self.tokens[self._index(char)] for char in chars]

    def token(self, char: str) -> str:
        return self.tokens[self._index(char)]

    @staticmethod
    def _index(char: str) -> int:
        code = ord(char)
        if code >= _SURROGATES.stop:
            code -= len(_SURROGATES)
        return code - _FIRST_CODE_POINT


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
        return sum(len(self.alphabet.token(char)) for char in chars)

    def diff_cleanupSemantic(self, diffs):
        """Fold equalities shorter than the changes on both sides of them into those changes."""
        changed = False
        equalities: list[int] = []
        last_equality: str | None = None
        before = {self.DIFF_INSERT: 0, self.DIFF_DELETE: 0}
        after = {self.DIFF_INSERT: 0, self.DIFF_DELETE: 0}
        index = 0
        while index < len(diffs):
            op, chars = diffs[index]
            if op == self.DIFF_EQUAL:
                equalities.append(index)
                before, after = after, {self.DIFF_INSERT: 0, self.DIFF_DELETE: 0}
                last_equality = chars
            else:
                after[op] += self._weight(chars)
                weight = self._weight(last_equality) if last_equality else 0
                if last_equality and weight <= max(before.values()) and weight <= max(after.values()):
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


def diff_tokens(
    old: list[str], new: list[str], *, cleanup: bool = True
) -> list[tuple[str, list[str]]]:
    """Diff two token lists: ``[(op, tokens), ...]`` with op "equal", "insert" or "delete".

    With ``cleanup`` (the default), short coincidental equalities between changes are
    folded into them, as a reader wants; without it the diff is minimal, as attribution needs.
    """
    alphabet = Alphabet()
    old_chars, new_chars = alphabet.encode(old), alphabet.encode(new)
    differ = TokenDiffer(alphabet)
    diffs = differ.diff_main(old_chars, new_chars, checklines=False)
    if cleanup:
        differ.diff_cleanupSemantic(diffs)
    return [(_OPS[op], alphabet.decode(chars)) for op, chars in diffs if chars]


def diff_word_ops(old: str, new: str, lang: str | None) -> list[tuple[str, str]]:
    """Word-level diff of two texts as ``(op, text)`` pairs, adjacent runs of one op merged."""
    merged: list[tuple[str, str]] = []
    for op, tokens in diff_tokens(tokenize(old, lang), tokenize(new, lang)):
        text = "".join(tokens)
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return _deletions_first(merged)


def _deletions_first(ops: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Within each run of changes, the deleted words come before the inserted ones."""
    result: list[tuple[str, str]] = []
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


def diff_chars(old: str, new: str) -> list[tuple[str, str]]:
    """Character-level diff with the library's own semantic cleanup (for comparison only)."""
    differ = diff_match_patch()
    differ.Diff_Timeout = 0
    diffs = differ.diff_main(old, new)
    differ.diff_cleanupSemantic(diffs)
    return [(_OPS[op], text) for op, text in diffs if text]
