"""Reading plain text: decoding it, and finding its paragraphs."""

from __future__ import annotations

import codecs
import re
from itertools import groupby

from workbench.errors import InvalidInput
from workbench.texts.blocks import Block, Progress
from workbench.texts.clean import has_cjk, heading_mark, join_wrapped, normalize_text
from workbench.texts.contents import is_contents_line
from workbench.texts.headings import find_heading
from workbench.texts.markdown import markdown_blocks
from workbench.texts.recognize import recognize
from workbench.texts.structure import ParsedInstrument, is_cjk, match_label

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A hard-wrapped file has lines no longer than this; longer lines are whole paragraphs.
_WRAP_WIDTH = 120
# Plain text holding Markdown headings ("## 一、目标"), as the seed documents do.
_MARKDOWN_HEADING = re.compile(r"^#{1,6} \S", re.MULTILINE)
_WRAPPED_SHARE = 0.6


def decode_text(data: bytes, name: str = "The file") -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16/32 with BOM, else GB18030."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InvalidInput(
                    f"{name} starts with a {encoding.upper()} byte-order mark but is not valid "
                    f"{encoding.upper()} (byte {exc.start})."
                ) from None
    if b"\x00" in data[:4096]:
        raise InvalidInput(f"{name} is not a text file (it holds binary data).")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    # GB18030 decodes many Latin-1 files into nonsense; accept it only when it reads as Chinese.
    if text is not None and _mostly_chinese(text):
        return text
    raise InvalidInput(
        f"{name} is not in a text encoding the workbench reads (UTF-8, UTF-16 with a "
        "byte-order mark, or GB18030 Chinese); save it as UTF-8 and import it again."
    )


def _mostly_chinese(text: str) -> bool:
    foreign = [char for char in text if not char.isascii()]
    return bool(foreign) and sum(1 for char in foreign if is_cjk(char)) >= 0.9 * len(foreign)


def parse_text(
    text: str,
    *,
    title: str | None = None,
    language: str | None = None,
    name: str = "The text",
    progress: Progress | None = None,
) -> ParsedInstrument:
    """The structure of a treaty text given as plain text (Markdown in disguise read as such)."""
    blocks = markdown_blocks(text) if _MARKDOWN_HEADING.search(text) else text_blocks(text)
    return recognize(blocks, name=name, title=title, language=language, progress=progress)


def text_blocks(text: str) -> list[Block]:
    """The paragraphs of a plain text: one per line, or per group of hard-wrapped lines."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # "####Purpose": a heading mark typed at the start of a line, as in Markdown.
    marks, lines = zip(*(heading_mark(line) for line in raw), strict=True)
    cleaned = [normalize_text(line) for line in lines]
    leaders = [is_contents_line(line) for line in lines]
    width = max((len(line) for line in cleaned), default=0)
    wrapped = _is_hard_wrapped(cleaned, width) and not has_cjk(text)
    blocks: list[Block] = []
    previous = ""
    for number, line in enumerate(cleaned):
        if not line:
            previous = ""
            continue
        if wrapped and previous and _continues(previous, line, width):
            blocks[-1].text = join_wrapped(blocks[-1].text, line)
        else:
            blocks.append(
                Block(text=line, index=number, heading=marks[number], leader=leaders[number])
            )
        previous = line
    return blocks


def _is_hard_wrapped(lines: list[str], width: int) -> bool:
    """Whether paragraphs are separated by blank lines and broken into lines of one width."""
    if not 0 < width <= _WRAP_WIDTH:
        return False
    sizes = [len(list(group)) for filled, group in groupby(lines, key=bool) if filled]
    multi_line = sum(1 for size in sizes if size > 1)
    full = sum(1 for line in lines if len(line) >= 0.8 * width)
    return full >= 3 and len(sizes) > 1 and multi_line >= 0.3 * len(sizes)


def _continues(previous: str, line: str, width: int) -> bool:
    """Whether a line carries on the paragraph of a full line before it."""
    if len(previous) < _WRAPPED_SHARE * width or is_cjk(previous[-1]):
        return False
    if previous[-1] in ".;:" and line[0].isupper():
        return False  # a sentence ended at the margin: keep the paragraphs apart
    return not (match_label(line) or find_heading(line, marked=False, in_article=True))
