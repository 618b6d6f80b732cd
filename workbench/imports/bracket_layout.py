"""How the brackets export lays a provision out, as the reader meets it in the text.

Beside the wording it writes notes ("Agreed ad referendum", "(No English text.)"), the
provisions proposed after it under bracketed headings ("[Article 2 bis Misuse of devices]"),
and, side by side, a column per language; these take the wording apart again.
"""

from __future__ import annotations

import re

from workbench.export.layout import WORDS
from workbench.texts.clean import has_cjk
from workbench.texts.headings import find_heading

# Lines the export writes beside the wording ("Agreed ad referendum", "(No English text.)").
NOTE_LINES = frozenset(
    value for lang in ("en", "zh") for value in WORDS[lang].values() if value.strip()
)


def wording_lines(text: str) -> str:
    """The wording without the lines the export writes beside it."""
    return "\n".join(line for line in text.split("\n") if line.strip() not in NOTE_LINES)


def split_insertions(text: str) -> tuple[str, list[tuple[str, int, str]]]:
    """A provision's own wording, and the provisions proposed after it: each bracketed
    heading ("[Article 2 bis Misuse of devices]", its title maybe on a line of its own), its
    first paragraph and its wording."""
    lines = text.split("\n")
    starts: list[tuple[int, int, str]] = []  # (first line, lines it takes, heading)
    index = 1
    while index < len(lines):
        for width in (1, 2):
            joined = " ".join(line.strip() for line in lines[index : index + width])
            heading = _inserted_heading(joined) if index + width <= len(lines) else None
            if heading is not None:
                starts.append((index, width, heading))
                index += width - 1
                break
        index += 1
    if not starts:
        return text, []
    ends = [start for start, _width, _heading in starts[1:]] + [len(lines)]
    sections = [
        (heading, start + width + 1, "\n".join(lines[start + width : end]))
        for (start, width, heading), end in zip(starts, ends, strict=True)
    ]
    return "\n".join(lines[: starts[0][0]]), sections


def _inserted_heading(line: str) -> str | None:
    """The heading inside "[...]" when a line is the heading of a proposed provision."""
    if not (line.startswith("[") and line.endswith("]")) or "[" in line[1:-1] or "]" in line[1:-1]:
        return None
    inner = line[1:-1].strip()
    found = find_heading(inner, marked=True, in_article=False)
    news = (WORDS["en"]["new_provision"], WORDS["zh"]["new_provision"])
    return inner if (found and found.kind == "article") or inner.startswith(news) else None


def marked_column(text: str) -> str:
    """Of a proposed provision's wording in two columns, the lines of the column with options."""
    lines = text.split("\n")
    marked = [line for line in lines if "[" in line or "]" in line]
    chinese = {has_cjk(line) for line in marked}
    if len(chinese) != 1:
        return text
    return "\n".join(line for line in lines if has_cjk(line) in chinese)


def tidy(text: str) -> str:
    """A wording as the brackets reader gives it back: lines stripped, single spaces."""
    return "\n".join(
        re.sub(r"[ \t]{2,}", " ", line).strip() for line in text.split("\n") if line.strip()
    )
