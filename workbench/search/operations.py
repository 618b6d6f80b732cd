"""Indexing and querying the search entries, the same way on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from sqlalchemy import event, select, text
from sqlalchemy.orm import Session, selectinload

from workbench.errors import InvalidInput
from workbench.instruments.models import Instrument, Provision, Version
from workbench.search.models import SearchEntry

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY = 200


def _cjk_terms(run: str) -> list[str]:
    """Chinese words (jieba) and overlapping character pairs, so any substring can be found."""
    from workbench.diff import tokenize

    words = [w for w in tokenize(run, "zh") if _CJK.fullmatch(w)]
    pairs = [run[i : i + 2] for i in range(len(run) - 1)]
    return words + pairs if len(run) > 1 else [run]


def terms_for(wording: str) -> list[str]:
    """Searchable terms of a text: lower-cased words; Chinese as words and character pairs."""
    terms: list[str] = []
    position = 0
    for match in _CJK.finditer(wording):
        terms.extend(w.lower() for w in _WORD.findall(wording[position : match.start()]))
        terms.extend(_cjk_terms(match.group()))
        position = match.end()
    terms.extend(w.lower() for w in _WORD.findall(wording[position:]))
    return terms


def check_query(query: str) -> list[str]:
    """The terms of a query, or a clear 400 for an empty or overlong one."""
    if not isinstance(query, str) or not query.strip():
        raise InvalidInput("Type something to search for.", field="q")
    if len(query) > MAX_QUERY:
        raise InvalidInput(f"The query is longer than {MAX_QUERY} characters.", field="q")
    return query_terms(query)


def highlight(text: str, terms: list[str]) -> str:
    """The text as HTML, each occurrence of a term marked (case-insensitive)."""
    spans: list[tuple[int, int]] = []
    lowered = text.lower()
    for term in terms:
        start = lowered.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = lowered.find(term, start + len(term))
    out, position = [], 0
    for start, end in sorted(spans):
        if start < position:
            continue
        out += [escape(text[position:start]), "<mark>", escape(text[start:end]), "</mark>"]
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def query_terms(query: str) -> list[str]:
    """Terms a query must all match: words as prefixes; Chinese by its character pairs."""
    terms: list[str] = []
    position = 0
    for match in _CJK.finditer(query):
        terms.extend(w.lower() for w in _WORD.findall(query[position : match.start()]))
        run = match.group()
        terms.extend([run[i : i + 2] for i in range(len(run) - 1)] if len(run) > 1 else [run])
        position = match.end()
    terms.extend(w.lower() for w in _WORD.findall(query[position:]))
    return list(dict.fromkeys(terms))


def _entry_terms(provision: Provision, lang: str, wording: str) -> str:
    title = provision.title_zh if lang == "zh" else provision.title_en
    return " ".join(terms_for(" ".join(filter(None, [provision.label, title, wording]))))


def refresh_entries(db: Session, provision: Provision, version: Version) -> None:
    """Make the provision's search entries match a new current version."""
    texts = version.wording
    existing = {}
    if provision.id is not None:
        with db.no_autoflush:
            existing = {
                entry.lang: entry
                for entry in db.scalars(
                    select(SearchEntry).where(SearchEntry.provision_id == provision.id)
                )
            }
    for lang, wording in texts.items():
        entry = existing.pop(lang, None)
        terms = _entry_terms(provision, lang, wording)
        if entry is None:
            db.add(SearchEntry(provision=provision, lang=lang, text=wording, terms=terms))
        elif entry.text != wording or entry.terms != terms:
            entry.text, entry.terms = wording, terms
    for entry in existing.values():
        db.delete(entry)


@event.listens_for(Session, "before_flush")
def _index_new_versions(session: Session, _context, _instances) -> None:
    """Every new current version refreshes its provision's entries, in the same flush."""
    for obj in list(session.new):
        if isinstance(obj, Version):
            provision = obj.provision
            if provision is None and obj.provision_id is not None:
                with session.no_autoflush:
                    provision = session.get(Provision, obj.provision_id)
            if provision is not None and obj.number >= provision.current_number:
                refresh_entries(session, provision, obj)


@dataclass
class Hit:
    """One search result."""

    provision: Provision
    lang: str
    text: str
    snippet: str


def snippet_of(wording: str, terms: list[str], width: int = 90) -> str:
    """A piece of the wording around the first term found, "…" where it is cut."""
    lowered = wording.lower()
    positions = [lowered.find(term) for term in terms if lowered.find(term) >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    piece = wording[start : start + width * 2]
    return ("…" if start else "") + piece + ("…" if start + width * 2 < len(wording) else "")


def search(
    db: Session, query: str, *, instrument: Instrument | None = None, limit: int = 50
) -> list[Hit]:
    """Provisions whose wording or title holds every term of the query, best first."""
    terms = check_query(query)
    if not terms:
        return []
    if db.get_bind().dialect.name == "postgresql":
        expression = " & ".join("'" + term.replace("'", "''") + "':*" for term in terms)
        sql = (
            "SELECT e.id FROM search_entries e JOIN provisions p ON p.id = e.provision_id "
            "WHERE to_tsvector('simple', e.terms) @@ to_tsquery('simple', :q) "
            + ("AND p.instrument_id = :instrument " if instrument is not None else "")
            + "ORDER BY ts_rank(to_tsvector('simple', e.terms), to_tsquery('simple', :q)) DESC, "
            "p.instrument_id, p.position LIMIT :limit"
        )
    else:
        expression = " ".join('"' + term.replace('"', '""') + '"*' for term in terms)
        sql = (
            "SELECT e.id FROM search_fts f JOIN search_entries e ON e.id = f.rowid "
            "JOIN provisions p ON p.id = e.provision_id WHERE search_fts MATCH :q "
            + ("AND p.instrument_id = :instrument " if instrument is not None else "")
            + "ORDER BY f.rank, p.instrument_id, p.position LIMIT :limit"
        )
    params = {"q": expression, "limit": limit}
    if instrument is not None:
        params["instrument"] = instrument.id
    ids = [row[0] for row in db.execute(text(sql), params)]
    if not ids:
        return []
    entries = {
        entry.id: entry
        for entry in db.scalars(
            select(SearchEntry)
            .where(SearchEntry.id.in_(ids))
            .options(selectinload(SearchEntry.provision).selectinload(Provision.instrument))
        )
    }
    return [
        Hit(
            entries[i].provision,
            entries[i].lang,
            entries[i].text,
            snippet_of(entries[i].text, terms),
        )
        for i in ids
        if i in entries
    ]
