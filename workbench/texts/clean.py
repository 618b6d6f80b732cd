"""Cleaning the text of one paragraph, and repairing paragraphs that page breaks split."""

from __future__ import annotations

import html
import re

from workbench.texts.structure import is_cjk, match_label
from workbench.validation import normalize_nfc

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Layout marks, not text: soft hyphens, zero-width spaces, word joiners, byte-order marks.
# Zero-width (non-)joiners stay: they change how Arabic, Persian and Indic words are spelt.
# Every other control or format character (a right-to-left override, say) is kept, for
# workbench.validation.check_characters to refuse with the provision's name.
_INVISIBLE = re.compile(r"[\u00ad\u200b\u2060\ufeff]")

_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^>\s]+)>")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"
)
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")

# Where a sentence (or a clause before a list) may end; a paragraph ending otherwise was
# probably cut by a page break.
_TERMINAL = set(".;:!?。；：！？…”’\"')）]】》」』")
_MIN_BROKEN_LENGTH = 15


_HEADING_MARK = re.compile(r"^\s{0,3}(#{1,6})\s*(?=[^#\s])")


def heading_mark(line: str) -> tuple[int | None, str]:
    """A Markdown heading mark typed at the start of a line ("####Purpose"): (4, "Purpose")."""
    found = _HEADING_MARK.match(line)
    if found is None:
        return None, line
    return len(found.group(1)), line[found.end() :]


def normalize_space(text: str) -> str:
    """NFC, no layout marks, single spaces, no outer whitespace; a non-breaking hyphen (a
    line-breaking rule, not a character of its own) is a hyphen."""
    text = _INVISIBLE.sub("", normalize_nfc(text)).replace("\u2011", "-")
    return _SPACES.sub(" ", text).strip()


def normalize_quotes(text: str) -> str:
    """The TeX pair ``…'' (as converters write quotes) as straight double quotes; every
    other quote, curly or straight, stays as the state wrote it."""
    if "``" not in text:
        return text
    return text.replace("``", '"').replace("''", '"')


def normalize_text(text: str) -> str:
    """A paragraph as every reader (Word, Markdown, plain text) stores it."""
    return normalize_space(normalize_quotes(text))


def strip_markdown_inline(text: str) -> str:
    """Keep the words of Markdown inline markup: link text, emphasis, escapes, entities."""
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    for _ in range(2):  # nested emphasis: ***x*** or **_x_**
        text = _MD_STRONG.sub(r"\2", text)
        text = _MD_EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    text = _MD_ESCAPE.sub(r"\1", text)
    return html.unescape(text)


def has_cjk(text: str, share: float = 0.3) -> bool:
    """Whether CJK characters make up at least ``share`` of the letters of a text."""
    if text.isascii():
        return False
    letters = [char for char in text if char.isalpha() or is_cjk(char)]
    if not letters:
        return False
    return sum(1 for char in letters if is_cjk(char)) / len(letters) >= share


def join_wrapped(first: str, second: str) -> str:
    """Join two pieces of one paragraph: directly between Chinese characters, else a space."""
    if not first:
        return second
    if not second:
        return first
    if is_cjk(first[-1]) or is_cjk(second[0]):
        return first + second
    return f"{first} {second}"


def looks_broken(first: str, second: str) -> bool:
    """Whether two paragraphs are one that a page break split ("关键信息" / "基础设施”")."""
    # The first runs on without closing punctuation and the second opens with no label:
    # Chinese on both sides of the cut, or an English word before a lower-case one.
    if len(first) < _MIN_BROKEN_LENGTH or first[-1] in _TERMINAL or match_label(second):
        return False
    if is_cjk(first[-1]) and is_cjk(second[0]):
        return True
    return first[-1].isalpha() and second[0].islower()


def rejoin_broken(paragraphs: list[str]) -> list[str]:
    """The paragraphs with those that page breaks split joined again, adding no character."""
    joined: list[str] = []
    for paragraph in paragraphs:
        if joined and looks_broken(joined[-1], paragraph):
            joined[-1] = join_wrapped(joined[-1], paragraph)
        else:
            joined.append(paragraph)
    return joined
