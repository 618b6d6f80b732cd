"""Akoma Ntoso export and import of instruments: the functions the CLI and the API call."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from workbench.akn.collect import instrument_outline, instrument_work
from workbench.akn.read import AknText, read_text
from workbench.akn.safexml import parse_akn, serialize, validate
from workbench.akn.write import write_instrument
from workbench.db import utcnow
from workbench.errors import InvalidInput
from workbench.export.operations import export_target
from workbench.export.writer import writable_target
from workbench.instruments.create import add_parsed_structure, create_instrument, fill_outline
from workbench.instruments.models import Instrument, InstrumentKind
from workbench.instruments.queries import get_instrument
from workbench.languages import LANGUAGES
from workbench.parties.operations import find_party
from workbench.users.models import User
from workbench.validation import limit, slugify

AKN_MIMETYPE = "application/akn+xml"


def check_language(lang: str | None) -> str:
    """A language the export can write, or a clear error."""
    if lang not in LANGUAGES:
        raise InvalidInput(
            f"lang must be one of {', '.join(LANGUAGES)} (got {lang!r}).", field="lang"
        )
    return lang


def slug_akn(db: Session, slug: str, lang: str = "en") -> bytes:
    """The instrument with this slug as an Akoma Ntoso document in a language."""
    return instrument_akn(db, get_instrument(db, slug), check_language(lang))


def instrument_akn(db: Session, instrument: Instrument, lang: str = "en") -> bytes:
    """The instrument's expression in a language as a schema-valid AKN 3.0 document."""
    check_language(lang)
    outline = instrument_outline(db, instrument)
    if not outline.parsed.children:
        raise InvalidInput(f"{instrument.slug} has no chapters or provisions to export.")
    root = write_instrument(instrument_work(db, instrument), outline.parsed, lang)
    validate(root, f"The export of {instrument.slug}")  # a failure here is the workbench's bug
    return serialize(root)


def export_akn(db: Session, slug: str, *, lang: str = "en", out: str | Path | None = None) -> Path:
    """Write an instrument as Akoma Ntoso; returns the path written."""
    instrument = get_instrument(db, slug)
    data = instrument_akn(db, instrument, lang)
    return write_file(export_target(out, f"{slug}-{lang}.akn.xml"), data)


def write_file(path: Path, data: bytes) -> Path:
    """Write a document where the export goes, whole or not at all."""
    target = writable_target(Path(path))
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(data)
    partial.replace(target)
    return target


def read_akn_file(path: str | Path, *, language: str | None = None) -> AknText:
    """A validated AKN file read into a structure to import (nothing written)."""
    path = Path(path)
    root = parse_akn(path, path.name, limit("IMPORT_MAX_BYTES"))
    return read_text(root, path.name, language)


def import_akn(
    db: Session,
    path: str | Path,
    *,
    slug: str | None = None,
    title: str | None = None,
    into: str | None = None,
    language: str | None = None,
    actor: User | None = None,
) -> tuple[Instrument, dict[str, int], list[str]]:
    """Create an instrument from an AKN file (a bill becomes a negotiating text), or fill an
    outline with it; returns the instrument, what was added, and the warnings."""
    path = Path(path)
    text = read_akn_file(path, language=language)
    parsed = text.parsed
    warnings = list(parsed.warnings)
    if into:
        instrument = get_instrument(db, into)
        return instrument, fill_outline(db, instrument, parsed, actor=actor), warnings
    lang = text.language
    titles = dict(text.titles)
    if title:
        titles[lang] = title
    if not (titles.get("en") or titles.get("zh")):
        titles[lang if lang in ("en", "zh") else "en"] = next(iter(titles.values()), path.stem)
    origin = None
    if text.author_code or text.author_name:
        origin = find_party(db, text.author_code or "") or find_party(db, text.author_name or "")
        if origin is None:
            warnings.append(
                f"The author {text.author_name or text.author_code} is not a known party."
            )
    instrument = create_instrument(
        db,
        slug=slug or slugify(path.name.split(".")[0]),
        kind=InstrumentKind.NEGOTIATING if text.doctype == "bill" else InstrumentKind.SOURCE,
        title_en=titles.get("en"),
        title_zh=titles.get("zh"),
        short_title_en=text.short_titles.get("en"),
        short_title_zh=text.short_titles.get("zh"),
        symbol=text.symbol,
        adopted_on=text.work_date if text.doctype != "bill" else None,
        origin_party=origin,
        language=lang,
        provenance=f"Imported from {path.name} (Akoma Ntoso {text.work_uri or 'document'}).",
        actor=actor,
    )
    counts = add_parsed_structure(
        db, instrument, parsed, note=f"imported from {path.name}", actor=actor
    )
    return instrument, counts, warnings


def export_akn_format(
    db: Session, slug: str, fmt: str, *, lang: str | None = None, out: str | Path | None = None
) -> Path:
    """``akn``: the instrument as one document; ``akn-amendments``: a folder of amendments."""
    if fmt == "akn":
        return export_akn(db, slug, lang=check_language(lang or "en"), out=out)
    if fmt == "akn-amendments":
        return export_amendments(db, slug, lang=lang and check_language(lang), out=out)
    raise InvalidInput(f"format must be akn or akn-amendments (got {fmt!r}).", field="format")


def export_amendments(
    db: Session, slug: str, *, lang: str | None = None, out: str | Path | None = None
) -> Path:
    """Write every pending proposal of a negotiating text as AKN amendments into a folder."""
    from workbench.akn.amendments_export import instrument_amendments

    instrument = get_instrument(db, slug)
    if instrument.kind != InstrumentKind.NEGOTIATING:
        raise InvalidInput(
            f"{slug} is a source text; proposals are tabled against a negotiating text."
        )
    documents = instrument_amendments(db, instrument, lang)
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    folder = Path(out) if out else export_target(None, f"{slug}-amendments-{stamp}")
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"Cannot write the amendments into {folder}: it is a file.")
    if folder.is_dir() and any(folder.glob("*.xml")):
        # Files of an earlier export would be read back with these ones: start clean.
        raise InvalidInput(
            f"{folder} already holds .xml files; write the amendments into an empty folder."
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(f"Cannot create the folder {folder}: {exc.strerror or exc}.") from None
    for name, data in documents:
        write_file(folder / name, data)
    return folder
