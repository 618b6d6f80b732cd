"""Reference data of the corpus: parties and groups (the rest is in ``corpus.agenda``).

Pure functions over the TOML files in ``data/reference/`` (provenance in its PROVENANCE.md),
the seed documents, pycountry (English names) and Babel (Chinese names); no database. The
loader of the corpus turns what these functions return into rows.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
from babel import Locale

DATA_DIR = Path(__file__).parent / "data"
REFERENCE_DIR = DATA_DIR / "reference"
SEEDS_DIR = DATA_DIR / "seeds"

PARTY_KINDS = ("state", "observer_state", "group", "organization")
RELATIONS = ("treats", "partial", "contrary", "absent")

# The provision labels of China's 2021 elements proposal (seed 004), in document order; fixed
# with the parser of that text.
CHINA_ELEMENT_LABELS: tuple[str, ...] = (
    "导言",
    "一（一）", "一（二）", "一（三）",
    "二",
    "三",
    "三.（一）", "三.（一）1", "三.（一）2",
    "三.（二）", "三.（二）1", "三.（二）2", "三.（二）3",
    "三.（三）", *(f"三.（三）{n}" for n in range(1, 9)),
    "三.（四）", *(f"三.（四）{n}" for n in range(1, 6)),
    "三.（五）", "三.（五）1", "三.（五）2",
    "三.（六）", "三.（六）1",
    "三.（七）",
)  # fmt: skip


# --- Data classes -------------------------------------------------------------------------------


@dataclass
class PartyData:
    """A state or observer state, with its names and every alias it is known by."""

    code: str  # ISO 3166-1 alpha-3
    kind: str  # "state" or "observer_state"
    name_en: str  # UN short name
    name_zh: str  # common Chinese short name (Babel), e.g. 中国, 美国
    formal_name_en: str | None  # UN formal name, where it differs from name_en
    alpha2: str | None
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (normalized name, lang)


@dataclass
class GroupData:
    """A group of states or an organization, with its member codes."""

    code: str
    kind: str  # "group" or "organization"
    name_en: str
    name_zh: str
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (normalized name, lang)
    members: list[str] = field(default_factory=list)  # alpha-3 codes; empty for organizations
    member_notes: dict[str, str] = field(default_factory=dict)  # code -> note on the membership
    note: str = ""
    provenance: str = ""
    formal_name_en: str | None = None  # the same shape as PartyData, for one loader
    alpha2: str | None = None


@dataclass
class SessionData:
    """One meeting of a body at which texts were tabled, negotiated or adopted."""

    code: str  # "EG-1", "AHC-7R", "GA-74-247"
    body_en: str
    body_zh: str
    number: int | None
    title_en: str
    title_zh: str
    place: str | None
    starts_on: date
    ends_on: date
    symbol: str | None  # a document symbol of the meeting the sources give, if any
    note: str  # content notes, with the seed paragraphs that state each fact
    provenance: str  # short: "seed 002 para. 10", "public UN record"


@dataclass
class TopicData:
    """A matter of substance that several instruments treat."""

    slug: str
    position: int
    title_en: str
    title_zh: str
    description: str


@dataclass
class CorrespondenceData:
    """How one provision (or an instrument's silence) bears on a topic."""

    topic_slug: str
    instrument_slug: str
    provision_label: str | None  # None when relation is "absent"
    relation: str  # one of RELATIONS
    note_en: str | None = None
    note_zh: str | None = None


@dataclass(frozen=True)
class SeedTableEntry:
    """A cell of one of seed 003's tables of States: the Chinese name and its asterisk."""

    name: str
    starred: bool  # "* " before the name: not a member of the Council of Europe


# --- Names and aliases --------------------------------------------------------------------------


def normalize_name(name: str) -> str:
    """The form aliases are stored in: lower case, single spaces (as workbench.parties does)."""
    return re.sub(r"\s+", " ", name).strip().lower()


def _ascii_fold(text: str) -> str:
    """The text without diacritics ("Côte d'Ivoire" -> "Cote d'Ivoire")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _variants(name: str) -> Iterator[str]:
    """Spellings of one English name that documents use: diacritics and apostrophes vary."""
    for spelling in (name, _ascii_fold(name)):
        yield spelling
        if "'" in spelling:
            yield spelling.replace("'", "\u2019")
        if "\u2019" in spelling:
            yield spelling.replace("\u2019", "'")


def _alias_list(names: Iterable[tuple[str | None, str]]) -> list[tuple[str, str]]:
    """Normalized (name, lang) pairs in first-seen order, each name once."""
    seen: dict[str, str] = {}
    for name, lang in names:
        if not name:
            continue
        spellings = _variants(name) if lang == "en" else iter((name,))
        for spelling in spellings:
            seen.setdefault(normalize_name(spelling), lang)
    return list(seen.items())


@cache
def reference_toml(name: str) -> dict[str, Any]:
    """A data file of data/reference/, parsed once (callers copy what they hand out)."""
    with (REFERENCE_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


@cache
def _babel_territories(locale: str) -> dict[str, str]:
    """Babel's territory names in a locale, by ISO 3166-1 alpha-2 code."""
    return dict(Locale.parse(locale).territories)


def _strip_article(name: str | None) -> str | None:
    """pycountry writes some official names with a lower-case article ("the State of Eritrea")."""
    return name[4:] if name and name.startswith("the ") else name


# --- Parties --------------------------------------------------------------------------------------


def load_parties() -> list[PartyData]:
    """The 193 UN member states and the two observer states, members first, as in the data file."""
    members = reference_toml("un_members.toml")
    return [
        *(_state(code, "state") for code in members["member_states"]["codes"]),
        *(_state(code, "observer_state") for code in members["observer_states"]["codes"]),
    ]


def _state(code: str, kind: str) -> PartyData:
    """One state: English from pycountry, Chinese from Babel, UN spellings from the overrides."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        raise ValueError(f"{code} is not an ISO 3166-1 alpha-3 code")
    names = reference_toml("party_names.toml")
    alpha2 = country.alpha_2
    official = _strip_article(getattr(country, "official_name", None))
    name_en = names["name_en"].get(code, country.name)
    formal = names["formal_name_en"].get(code, official)
    babel_zh = _babel_territories("zh").get(alpha2)
    name_zh = names["name_zh"].get(code, babel_zh)
    if not name_zh:
        raise ValueError(f"{code}: Babel has no Chinese name for {alpha2}")
    aliases = _alias_list(
        [
            (name_en, "en"),
            (country.name, "en"),
            (official, "en"),
            (getattr(country, "common_name", None), "en"),
            (formal, "en"),
            *((alias, "en") for alias in names["aliases_en"].get(code, [])),
            (name_zh, "zh"),
            (babel_zh, "zh"),
            *((alias, "zh") for alias in names["aliases_zh"].get(code, [])),
            # Traditional-character names, as documents from Taiwan and Hong Kong write them.
            (_babel_territories("zh_Hant").get(alpha2), "zh-Hant"),
            (_babel_territories("zh_Hant_HK").get(alpha2), "zh-Hant"),
        ]
    )
    return PartyData(
        code=code,
        kind=kind,
        name_en=name_en,
        name_zh=name_zh,
        formal_name_en=formal if formal != name_en else None,
        alpha2=alpha2,
        aliases=aliases,
    )


@cache
def _state_index() -> dict[str, str]:
    """Every state alias -> code; a name two states share is an error in the data."""
    return _index(load_parties())


@cache
def _party_index() -> dict[str, str]:
    """Every alias of every state, group and organization -> code."""
    index = dict(_state_index())
    index.update(_index(load_groups(), taken=index))
    return index


def _index(
    parties: Iterable[PartyData | GroupData], taken: dict[str, str] | None = None
) -> dict[str, str]:
    """Alias -> code for these parties; refuses a name that another party (or ``taken``) owns."""
    index: dict[str, str] = {}
    for party in parties:
        for name, _lang in party.aliases:
            owner = index.get(name) or (taken or {}).get(name)
            if owner and owner != party.code:
                raise ValueError(f"alias {name!r} names both {owner} and {party.code}")
            index[name] = party.code
    return index


@cache
def _codes() -> frozenset[str]:
    """Every party code: states, groups and organizations."""
    return frozenset(p.code for p in load_parties()) | frozenset(g.code for g in load_groups())


def resolve_party(name: str) -> str | None:
    """The code of the party known by this code or name (English or Chinese), else None."""
    if not name or not name.strip():
        return None
    if name.strip().upper() in _codes():
        return name.strip().upper()
    index = _party_index()
    for candidate in _lookup_forms(name):
        if candidate in index:
            return index[candidate]
    return None


def _lookup_forms(name: str) -> Iterator[str]:
    """The forms under which a free-typed name is looked up, most literal first."""
    base = normalize_name(unicodedata.normalize("NFKC", name))
    # Word authors and documents add an article, book-title marks or the seed's asterisk.
    trimmed = re.sub(r"^(the\s+|\*\s*)", "", base).strip("《》“”\"' ")
    for form in (normalize_name(name), base, trimmed):
        yield form
        yield normalize_name(_ascii_fold(form))
        yield form.replace("\u2019", "'")
        yield form.replace("(", "（").replace(")", "）")  # Chinese names take full-width brackets


def _resolve_state(name: str) -> str | None:
    """The alpha-3 code of a state (not a group) by any of its aliases."""
    return _state_index().get(normalize_name(name))


# --- Groups -------------------------------------------------------------------------------------


def load_groups() -> list[GroupData]:
    """Groups of states and organizations with their members, as groups.toml defines them."""
    known = frozenset(party.code for party in load_parties())
    return [_group(entry, known) for entry in reference_toml("groups.toml")["group"]]


def _group(entry: dict[str, Any], known: frozenset[str]) -> GroupData:
    """One [[group]] entry, its members checked against the known state codes."""
    if entry["kind"] not in ("group", "organization"):
        raise ValueError(f"{entry['code']}: kind {entry['kind']!r} is not a group kind")
    member_notes = dict(entry.get("member_notes", {}))
    if "seed_table" in entry:
        members = _seed_members(entry, member_notes)
    else:
        members = list(entry["members"])
    unknown = [code for code in members if code not in known]
    if unknown or len(set(members)) != len(members):
        raise ValueError(f"{entry['code']}: unknown or repeated members {unknown or members}")
    aliases = _alias_list(
        [
            (entry["name_en"], "en"),
            *((alias, "en") for alias in entry.get("aliases_en", [])),
            (entry["name_zh"], "zh"),
            *((alias, "zh") for alias in entry.get("aliases_zh", [])),
        ]
    )
    return GroupData(
        code=entry["code"],
        kind=entry["kind"],
        name_en=entry["name_en"],
        name_zh=entry["name_zh"],
        aliases=aliases,
        members=members,
        member_notes=member_notes,
        note=" ".join(entry.get("note", "").split()),
        provenance=entry.get("provenance", ""),
    )


def _seed_members(entry: dict[str, Any], member_notes: dict[str, str]) -> list[str]:
    """Members parsed from a seed table, resolved through the state aliases and counted."""
    source = entry["seed_table"]
    members: list[str] = []
    for cell in read_seed_table(source["seed"], source["caption"]):
        code = _resolve_state(cell.name)
        if code is None:
            raise ValueError(f"{entry['code']}: seed name {cell.name!r} resolves to no state")
        members.append(code)
        if cell.starred and "asterisk_note" in entry:
            member_notes.setdefault(code, entry["asterisk_note"])
    if len(members) != entry["expected_count"]:
        raise ValueError(
            f"{entry['code']}: {len(members)} members parsed, {entry['expected_count']} expected"
        )
    return members


def read_seed_table(seed: str, caption: str) -> list[SeedTableEntry]:
    """The cells of the table of seed ``seed`` whose caption starts with ``caption``."""
    return parse_seed_table((SEEDS_DIR / seed).read_text(encoding="utf-8"), caption)


def parse_seed_table(text: str, caption: str) -> list[SeedTableEntry]:
    """The cells of the tab-separated table that stands just above its caption line."""
    # Seed 003 prints each table's rows above its caption ("表格 1 ..."); an empty cell is
    # written "\\", and a leading "* " marks a non-member of the Council of Europe.
    lines = text.splitlines()
    at = next((n for n, line in enumerate(lines) if line.startswith(caption + " ")), None)
    if at is None:
        raise ValueError(f"no table captioned {caption!r}")
    above = at - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    rows: list[str] = []
    while above >= 0 and "\t" in lines[above]:
        rows.insert(0, lines[above])
        above -= 1
    cells = [cell.strip() for row in rows for cell in row.split("\t")]
    return [
        SeedTableEntry(name=cell.removeprefix("*").strip(), starred=cell.startswith("*"))
        for cell in cells
        if cell and cell != "\\"
    ]
