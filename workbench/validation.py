"""Cleaning and checking what users type, with the limits from the configuration."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal, overload

from flask import current_app, has_app_context

from workbench.config import Defaults
from workbench.errors import InvalidInput, TooLarge
from workbench.languages import LANGUAGES

_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
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
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput(f"{field} is required.", field=field)
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"{field} must be text.", field=field)
    if len(value) > limit("MAX_SHORT_CHARS"):
        raise TooLarge(
            f"{field} is {len(value)} characters long; the limit is {limit('MAX_SHORT_CHARS')}.",
            field=field,
        )
    return _SPACES.sub(" ", _CONTROL.sub("", unicodedata.normalize("NFC", value))).strip()


def clean_texts(texts, field: str = "text", *, required: bool = True) -> dict[str, str]:
    """Clean a {language: wording} mapping; at least one language when required."""
    if texts is None:
        texts = {}
    if not isinstance(texts, dict):
        raise InvalidInput(f"{field} must map language codes to wording.", field=field)
    cleaned: dict[str, str] = {}
    for lang, value in texts.items():
        if lang not in LANGUAGES:
            raise InvalidInput(
                f"{field}: unknown language {lang!r} (use one of {', '.join(LANGUAGES)}).",
                field=field,
            )
        wording = clean_text(value, f"{field}.{lang}", required=False)
        if wording is not None:
            cleaned[lang] = wording
    if required and not cleaned:
        raise InvalidInput(f"{field} must give the wording in at least one language.", field=field)
    return cleaned


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
