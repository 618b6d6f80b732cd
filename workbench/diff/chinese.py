"""Chinese word segmentation: jieba's dictionary and no-HMM algorithm, read on demand.

jieba builds a prefix dictionary of its 349,046 words before its first cut (0.6 s or more,
and importing jieba costs 0.15 s). A cut only ever looks up fragments that start with a
character of the sentence, so here the dictionary is read one first character at a time,
through an index of where each character's lines lie in jieba's own dict.txt
(jieba_index.txt, written by scripts/build_jieba_index.py and checked against the installed
dict.txt by size and CRC). The algorithm is jieba's ``cut(sentence, HMM=False)`` line for
line; tests/diff/test_chinese.py checks that both give the same words. Should the installed
dict.txt not be the indexed one, jieba itself segments (slower to start, same words).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from importlib import resources
from importlib.util import find_spec
from itertools import accumulate
from math import log
from pathlib import Path
from typing import Protocol

INDEX = "jieba_index.txt"
TREATY_WORDS = "treaty_words.txt"

# jieba 0.42.1's own patterns, as its cut() uses them with HMM=False.
_RE_HAN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
_RE_SKIP = re.compile("(\r\n|\\s)")
_RE_ENG = re.compile("[a-zA-Z0-9]")
_RE_USER_WORD = re.compile("^(.+?)( [0-9]+)?( [a-z]+)?$")


class Cutter(Protocol):
    def cut(self, sentence: str) -> list[str]: ...


def jieba_dictionary_path() -> Path:
    """jieba's dict.txt, found without importing jieba (whose import alone takes 0.15 s)."""
    spec = find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("jieba is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def read_index() -> tuple[dict[str, str], str, list[int]]:
    """The shipped index: header fields, the runs' first characters, their byte lengths."""
    text = resources.files("workbench.diff").joinpath(INDEX).read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.split("\n"):
        if line.startswith("="):
            key, _tab, value = line[1:].partition("\t")
            header[key] = value
    return header, header["chars"], [int(length) for length in header["lengths"].split()]


class Dictionary:
    """jieba's prefix dictionary (word → frequency, prefixes → 0), one first character at a time."""

    def __init__(self, data: bytes, chars: str, lengths: list[int], total: int) -> None:
        self.data = data
        self.total = total
        self.chars = chars  # the first character of each run of lines, in file order
        self.starts = list(accumulate(lengths, initial=0))
        self.shards: dict[str, dict[str, int]] = {}

    def shard(self, char: str) -> dict[str, int]:
        """Every entry starting with ``char``, as jieba's gen_pfdict reads them."""
        shard = self.shards.get(char)
        if shard is None:
            lines: list[str] = []
            run = self.chars.find(char)
            while run != -1:  # a character's lines are one run, but for a handful of them
                chunk = self.data[self.starts[run] : self.starts[run + 1]]
                lines += chunk.decode("utf-8").split("\n")
                run = self.chars.find(char, run + 1)
            words: dict[str, int] = {}
            for line in lines:
                line = line.strip()
                if line:
                    word, freq = line.split(" ")[:2]
                    words[word] = int(freq)  # a repeated word: the last line counts
            shard = dict.fromkeys({word[:end] for word in words for end in range(1, len(word))}, 0)
            shard.update(words)
            self.shards[char] = shard
        return shard


class Segmenter:
    """jieba's ``Tokenizer.cut(sentence, HMM=False)`` over a Dictionary read on demand."""

    def __init__(self, dictionary: Dictionary) -> None:
        self.dictionary = dictionary
        self.total = dictionary.total

    def add_word(self, word: str, freq: int) -> None:
        """As jieba's add_word: the word gets ``freq``, its prefixes at least 0."""
        shard = self.dictionary.shard(word[0])
        shard[word] = freq
        self.total += freq
        for end_of_prefix in range(1, len(word)):
            shard.setdefault(word[:end_of_prefix], 0)

    def load_user_words(self, text: str) -> None:
        """Lines of ``word frequency [part of speech]``, as jieba's load_userdict reads them."""
        for line in text.split("\n"):
            line = line.strip().lstrip("\ufeff")
            if not line:
                continue
            word, freq, _tag = _RE_USER_WORD.match(line).groups()  # type: ignore[union-attr]
            if freq is None:
                raise ValueError(f"{TREATY_WORDS}: {word!r} needs a frequency")
            self.add_word(word, int(freq.strip()))

    def cut(self, sentence: str) -> list[str]:
        """The words of a sentence, as jieba cuts it without its HMM."""
        words: list[str] = []
        for block in _RE_HAN.split(sentence):
            if not block:
                continue
            if _RE_HAN.match(block):
                words += self._cut_block(block)
            else:
                for part in _RE_SKIP.split(block):
                    if _RE_SKIP.match(part):
                        words.append(part)
                    else:
                        words += part  # one character at a time
        return words

    def _cut_block(self, sentence: str) -> Iterator[str]:
        size = len(sentence)
        shards = [self.dictionary.shard(char) for char in sentence]
        dag: list[list[int]] = []
        for k in range(size):
            freq = shards[k]
            ends = []
            i = k
            fragment = sentence[k]
            while i < size and fragment in freq:
                if freq[fragment]:
                    ends.append(i)
                i += 1
                fragment = sentence[k : i + 1]
            dag.append(ends or [k])
        logtotal = log(self.total)
        route: dict[int, tuple[float, int]] = {size: (0, 0)}
        for index in range(size - 1, -1, -1):
            get = shards[index].get
            route[index] = max(
                (log(get(sentence[index : x + 1]) or 1) - logtotal + route[x + 1][0], x)
                for x in dag[index]
            )
        x = 0
        buffer = ""
        while x < size:
            y = route[x][1] + 1
            word = sentence[x:y]
            if _RE_ENG.match(word) and len(word) == 1:
                buffer += word
            else:
                if buffer:
                    yield buffer
                    buffer = ""
                yield word
            x = y
        if buffer:
            yield buffer


class _JiebaCutter:
    """jieba's own tokenizer (the fallback when the index does not fit the installed jieba)."""

    def __init__(self, user_words: str) -> None:
        import io
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.load_userdict(io.BytesIO(user_words.encode("utf-8")))

    def cut(self, sentence: str) -> list[str]:
        return list(self.tokenizer.cut(sentence, HMM=False))


def indexed_dictionary() -> Dictionary | None:
    """jieba's dictionary through the shipped index, or None if it is not the indexed one."""
    try:
        header, chars, lengths = read_index()
        data = jieba_dictionary_path().read_bytes()
    except (ImportError, OSError, KeyError):
        return None
    if len(data) != int(header["size"]) or zlib.crc32(data) != int(header["crc32"]):
        return None
    return Dictionary(data, chars, lengths, int(header["total"]))


def load_segmenter() -> Cutter:
    """The segmenter with the treaty vocabulary: indexed when possible, jieba's otherwise."""
    user_words = resources.files("workbench.diff").joinpath(TREATY_WORDS).read_text("utf-8")
    dictionary = indexed_dictionary()
    if dictionary is None:
        return _JiebaCutter(user_words)
    segmenter = Segmenter(dictionary)
    segmenter.load_user_words(user_words)
    return segmenter
