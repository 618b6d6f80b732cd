"""WordprocessingML vocabulary: names, on/off values, markup compatibility, and import notes.

The Word reader works on lxml elements directly, not on python-docx's objects: those
convert attribute values into enumerations and raise on values the standard allows but
python-docx does not know (``w:jc="start"``, which LibreOffice writes on every paragraph).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cache

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# Namespaces whose markup the reader understands inside mc:Choice (Word 2010 and later).
UNDERSTOOD = {
    W_NS,
    "http://schemas.microsoft.com/office/word/2010/wordml",  # w14
    "http://schemas.microsoft.com/office/word/2012/wordml",  # w15
    "http://schemas.microsoft.com/office/word/2015/wordml/symex",  # w16se
    "http://schemas.microsoft.com/office/word/2018/wordml",  # w16cex
    "http://schemas.microsoft.com/office/word/2018/wordml/cex",
    "http://schemas.microsoft.com/office/word/2016/wordml/cid",
}
_OFF = {"0", "false", "off", "none"}


@cache
def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag or attribute: w("p") → "{...main}p"."""
    return f"{{{W_NS}}}{tag}"


def val(element, tag: str | None = None) -> str | None:
    """The w:val of an element, or of its child ``tag``; None when either is absent."""
    if element is None:
        return None
    if tag is not None:
        element = element.find(w(tag))
        if element is None:
            return None
    return element.get(w("val"))


def on_off(element, tag: str) -> bool | None:
    """An ST_OnOff property (``<w:b/>``, ``<w:b w:val="false"/>``); None when not set."""
    if element is None:
        return None
    child = element.find(w(tag))
    if child is None:
        return None
    value = child.get(w("val"))
    return value is None or value.lower() not in _OFF


def number(value: str | None) -> int | None:
    """An integer attribute, or None when it is missing or not a number."""
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None


def chosen_content(alternate) -> Iterator:
    """The children of mc:AlternateContent a reader uses: the first mc:Choice whose
    required namespaces it understands, else the mc:Fallback."""
    for choice in alternate:
        if choice.tag == f"{{{MC_NS}}}Choice":
            prefixes = (choice.get("Requires") or "").split()
            if prefixes and all(choice.nsmap.get(prefix) in UNDERSTOOD for prefix in prefixes):
                return iter(choice)
    for fallback in alternate:
        if fallback.tag == f"{{{MC_NS}}}Fallback":
            return iter(fallback)
    return iter(())


def children(element) -> Iterator:
    """An element's children, with mc:AlternateContent replaced by the branch a reader uses."""
    for child in element:
        if child.tag == f"{{{MC_NS}}}AlternateContent":
            yield from chosen_content(child)
        else:
            yield child


class Notes:
    """What a reader ignored or repaired, gathered per kind and told once with a count."""

    def __init__(self) -> None:
        self._unknown: Counter[tuple[str, str]] = Counter()
        self._told: list[str] = []
        self._seen: set[str] = set()

    def unknown(self, what: str, value: str) -> None:
        """A value the reader does not know (an alignment, a numbering format): ignored."""
        self._unknown[(what, value)] += 1

    def tell(self, message: str) -> None:
        """A sentence for the import report, once however often it is told."""
        if message not in self._seen:
            self._seen.add(message)
            self._told.append(message)

    def messages(self) -> list[str]:
        """Every note as one sentence, in the order they were first met."""
        lines = list(self._told)
        for (what, value), count in self._unknown.items():
            places = f"{count} place{'s' if count > 1 else ''}"
            lines.append(f"Ignored the unknown {what} {value!r} in {places}.")
        return lines
