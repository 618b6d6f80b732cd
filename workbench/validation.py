"""Cleaning and checking what users type, with the limits from the configuration."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal, overload

from flask import current_app, has_app_context

from workbench.config import Defaults
from workbench.errors import InvalidInput, TooLarge
from workbench.languages import LANGUAGES, PRIMARY_LANGUAGES

_SPACES = re.compile(r"[ \t\u00a0\u3000]+")

# Format characters that text needs and that cannot hide or reorder anything: the zero-width
# (non-)joiners spell Arabic, Persian and Indic words (and emoji sequences), and the prepended
# concatenation marks (Arabic number signs, the end of ayah) are visible signs. Every other
# format character is invisible: bidirectional controls (U+202A-U+202E, U+2066-U+2069) and
# marks (U+200E, U+200F, U+061C) reorder what a reader sees, and zero-width spaces, joiners,
# soft hyphens, byte-order marks and tags hide differences from the eye that search, diff and
# the redline still see. Chinese needs none of them.
ALLOWED_FORMAT = frozenset(
    "\u200c\u200d\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2"
    "\U000110bd\U000110cd"
)
# CJK compatibility ideographs: NFC maps them to unified ideographs that some fonts draw
# differently (names in Korean and Japanese rely on them), so they are kept as typed.
_COMPATIBILITY_IDEOGRAPHS = re.compile("([\uf900-\ufaff\U0002f800-\U0002fa1f]+)")
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs"}


def character_name(char: str) -> str:
    """ "U+202E RIGHT-TO-LEFT OVERRIDE": a code point and its name, for error messages."""
    category = unicodedata.category(char)
    fallback = {"Cc": "CONTROL CHARACTER", "Cs": "SURROGATE (half of a character)"}
    name = unicodedata.name(char, "") or (
        "NULL" if char == "\x00" else fallback.get(category, "UNNAMED CHARACTER")
    )
    return f"U+{ord(char):04X} {name}"


def check_characters(
    text: str, field: str, *, multiline: bool = True, what: str | None = None
) -> None:
    """Refuse invisible characters that would change or hide what a reader sees.

    Control characters (only the line breaks of a multi-line text and tabs pass), format
    characters other than ``ALLOWED_FORMAT`` and lone surrogates are refused with the
    character's name and its position (1-based), never dropped in silence. The message
    calls the text ``what`` (default: the field's name).
    """
    allowed_controls = "\t\n\r" if multiline else "\t"
    for position, char in enumerate(text, start=1):
        if char.isprintable() or char in allowed_controls or char == " ":
            continue
        category = unicodedata.category(char)
        if category not in _REFUSED_CATEGORIES or char in ALLOWED_FORMAT:
            continue
        raise InvalidInput(
            f"{what or field} contains {character_name(char)} at character {position}: invisible "
            "characters that change or hide what a reader sees are not accepted; remove it.",
            field=field,
            details={"character": f"U+{ord(char):04X}", "position": position},
        )


def normalize_nfc(text: str) -> str:
    """NFC, except for the characters whose NFC form may look different."""
    parts = _COMPATIBILITY_IDEOGRAPHS.split(text)
    return "".join(
        part if index % 2 else unicodedata.normalize("NFC", part)
        for index, part in enumerate(parts)
    )


def limit(name: str) -> int:
    """A size limit from the running application's configuration, else the default."""
    if has_app_context():
        return current_app.config.get(name, getattr(Defaults, name))
    return getattr(Defaults, name)


def clean_text(value, field: str, *, required: bool = True) -> str | None:
    """Normalize a wording: NFC, one paragraph per line, single spaces, no control characters."""
    if value is None:
        if required:
            raise InvalidInput(f"{field} is required.", field=field)
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"{field} must be text.", field=field)
    if len(value) > limit("MAX_TEXT_CHARS"):
        raise TooLarge(
            f"{field} is {len(value)} characters long; the limit is {limit('MAX_TEXT_CHARS')}.",
            field=field,
        )
    check_characters(value, field)
    text = normalize_nfc(value).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(line for line in lines if line)
    if not text:
        if required:
            raise InvalidInput(f"{field} must not be empty.", field=field)
        return None
    return text


@overload
def clean_short(value, field: str, *, required: Literal[True]) -> str: ...
@overload
def clean_short(value, field: str, *, required: bool = False) -> str | None: ...
def clean_short(value, field: str, *, required: bool = False) -> str | None:
    """Normalize a one-line value such as a title, a label or a name."""
    if value is not None and not isinstance(value, str):
        raise InvalidInput(f"{field} must be text.", field=field)
    if value is not None and len(value) > limit("MAX_SHORT_CHARS"):
        raise TooLarge(
            f"{field} is {len(value)} characters long; the limit is {limit('MAX_SHORT_CHARS')}.",
            field=field,
        )
    if value is not None:
        check_characters(value, field, multiline=False)
    if value is None or not value.strip():
        if required:
            raise InvalidInput(f"{field} is required.", field=field)
        return None
    return _SPACES.sub(" ", normalize_nfc(value)).strip()


def clean_texts(
    texts, field: str = "text", *, required: bool = True, languages=LANGUAGES
) -> dict[str, str]:
    """Clean a {language: wording} mapping in the given languages; at least one if required."""
    if texts is None:
        texts = {}
    if not isinstance(texts, dict):
        raise InvalidInput(f"{field} must map language codes to wording.", field=field)
    cleaned: dict[str, str] = {}
    for lang, value in texts.items():
        if lang not in languages:
            raise InvalidInput(
                f"{field}: {lang!r} is not a language of the workbench "
                f"(use {', '.join(languages)}).",
                field=field,
            )
        wording = clean_text(value, f"{field}.{lang}", required=False)
        if wording is not None:
            cleaned[lang] = wording
    if required and not cleaned:
        raise InvalidInput(f"{field} must give the wording in at least one language.", field=field)
    return cleaned


def clean_wording(texts, field: str = "text", *, required: bool = True) -> dict[str, str]:
    """The wording a person proposes: in the languages the workbench negotiates in."""
    return clean_texts(texts, field, required=required, languages=PRIMARY_LANGUAGES)


SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$")


def clean_slug(value, field: str = "slug") -> str:
    """A slug: lower-case letters, digits and hyphens, 3 to 80 characters."""
    if not isinstance(value, str) or not SLUG.match(value):
        raise InvalidInput(
            f"{field} must be 3-80 lower-case letters, digits or hyphens (got {value!r}).",
            field=field,
        )
    return value


def slugify(text: str) -> str:
    """A slug made from a title or file name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")
    return slug if len(slug) >= 3 else f"text-{slug}".strip("-")
