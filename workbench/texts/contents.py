"""Contents lists: lines that repeat the headings with page numbers are not treaty text."""

from __future__ import annotations

import re

# "Article 1. Statement of purpose<TAB>3", "Chapter II ........ 12", "第一条 目的……3":
# a tab or dot leaders, then a page number (Arabic or Roman) at the end of the line.
_PAGE_NUMBER = re.compile(
    r"^\s*\S.*?(?:\t[\t ]*|[ \t]*(?:[.·…‥_]\s?){3,}[ \t]*)(?:\d{1,3}|[ivxlc]{1,6})\s*$",
    re.IGNORECASE,
)


def is_contents_line(raw: str) -> bool:
    """Whether a line, as written (tabs kept), ends in a leader and a page number."""
    return bool(_PAGE_NUMBER.match(raw))
