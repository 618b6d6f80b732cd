"""A consolidated text in brackets, as the chair edited it, read back into proposals.

The brackets export (``workbench.export.brackets``) after the chair merged, deleted or
reworded options and moved sponsors in Word or LibreOffice: each provision's spans are read
(``workbench.texts.brackets``), the sponsors named in parentheses become parties (English or
Chinese names), and every group of parties that always stands behind the same options is one
proposal, whose wording is what choosing that group's options gives. Every fault is reported
with its place (provision label, paragraph) before anything is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from workbench.errors import NotFound
from workbench.imports.bracket_layout import (
    marked_column,
    split_insertions,
    tidy,
    wording_lines,
)
from workbench.instruments.models import Instrument, Provision, Version
from workbench.instruments.queries import current_version, find_shown_provision, shown_labels
from workbench.parties.models import Party
from workbench.parties.operations import find_party
from workbench.texts.brackets import (
    BracketText,
    Option,
    Span,
    choose,
    has_brackets,
    parse_brackets,
)
from workbench.texts.clean import has_cjk
from workbench.texts.headings import find_heading
from workbench.texts.labels import structural_label
from workbench.texts.structure import ParsedInstrument, ParsedProvision

_BEHALF = (re.compile(r"^(.+?) on behalf of (?:the )?(.+)$"), re.compile(r"^(.+?)代表(.+)$"))

Sponsor = tuple[int, int | None]  # (party id, id of the group it speaks for)


@dataclass(frozen=True)
class Issue:
    """A fault of the document and where it is."""

    label: str  # the provision (or the heading before the paragraph)
    paragraph: int  # 1-based: within the provision, or within the document if outside any
    message: str

    def line(self) -> str:
        return f"{self.label}, paragraph {self.paragraph}: {self.message}"

    def as_dict(self) -> dict:
        return {"label": self.label, "paragraph": self.paragraph, "message": self.message}


@dataclass
class Group:
    """The proposal of one group of sponsors on one provision."""

    sponsors: list[tuple[Party, Party | None]]
    kind: str  # "amend", "delete" or "insert"
    wording: str  # "" for a deletion
    label: str | None = None  # an insertion: the new provision's label and title
    title: str = ""

    @property
    def key(self) -> frozenset[Sponsor]:
        return frozenset((p.id, b.id if b else None) for p, b in self.sponsors)

    def names(self) -> str:
        return ", ".join(
            p.name_en + (f" on behalf of the {b.name_en}" if b else "") for p, b in self.sponsors
        )


@dataclass
class ProvisionReading:
    """One provision of the document: its place in the text, base and groups of sponsors."""

    provision: Provision
    base: Version | None  # None only where it holds insertions alone (a provision without text)
    lang: str
    groups: list[Group] = field(default_factory=list)


def _paragraph(text: str, offset: int) -> int:
    return text.count("\n", 0, max(0, offset)) + 1


class BracketReader:
    """Reads each provision of a parsed bracketed document against a negotiating text."""

    def __init__(self, db: Session, instrument: Instrument) -> None:
        self.db = db
        self.instrument = instrument
        self.issues: list[Issue] = []
        self._parties: dict[str, tuple[Party, Party | None] | None] = {}
        # Headings name provisions as each language writes them (第二条 for Article 2).
        self._labels = shown_labels(db, instrument)

    def find(self, label: str) -> Provision:
        """The provision a heading names, in either language; NotFound if none."""
        return find_shown_provision(self.db, self.instrument, label, self._labels)

    def new_label(self, heading: str) -> tuple[str, str]:
        """The label and title of a provision proposed for insertion ("Article 2 bis", from
        "第二条之二 …" in Chinese too)."""
        best = ""
        for written, label in self._labels.items():
            for suffix in ("", " bis", " ter", " quater", " quinquies"):
                for shown in {written + suffix, structural_label(label + suffix, "zh")}:
                    if heading.startswith(shown) and len(shown) > len(best):
                        best, found = shown, label + suffix
        if best:
            # Side by side the heading names it in both languages: "Article 2 bis / 第二条之二".
            rest = re.sub(r"^/\s*\S+\s*", "", heading[len(best) :].strip())
            return found, rest.strip()
        heading_found = find_heading(heading, marked=True, in_article=False)
        if heading_found is None:
            return heading, ""
        return heading_found.label, heading_found.title or ""

    def read(self, parsed: ParsedInstrument, paragraphs: dict[int, str]) -> list[ProvisionReading]:
        """The provisions with options, in document order; faults go to ``issues``."""
        readings = []
        for item in parsed.provisions():
            reading = self.provision(item)
            if reading is not None:
                readings.append(reading)
        self.outside(parsed, paragraphs)
        return readings

    def outside(self, parsed: ParsedInstrument, paragraphs: dict[int, str]) -> None:
        """Options in paragraphs that belong to no provision (title page, chapter headings)."""
        inside = {index for item in parsed.provisions() for index in item.source_blocks}
        starts = {min(p.source_blocks): p.label for p in parsed.provisions() if p.source_blocks}
        heading = "Before the first provision"
        for index, text in sorted(paragraphs.items()):
            if index in starts:
                heading = f"After {starts[index]}"
            if index not in inside and has_brackets(text):
                self.issues.append(
                    Issue(heading, index + 1, "An option stands outside any provision.")
                )

    def provision(self, item: ParsedProvision) -> ProvisionReading | None:
        lang, raw = next(((k, v) for k, v in item.text.items() if v), (None, ""))
        if lang is None:
            return None
        text, sections = split_insertions(wording_lines(raw))
        lang, text = self.column(item, lang, text)
        reading = self.own(item, lang, text)
        if not sections:
            return reading
        if reading is None:
            try:
                provision = self.find(item.label)
            except NotFound:
                return None
            reading = ProvisionReading(provision, current_version(self.db, provision), lang)
        for heading, first_line, body in sections:
            label, title = self.new_label(heading)
            body = marked_column(body)
            place = f"{label} (proposed after {item.label})"
            bracketed, faults = parse_brackets(body)
            for fault in faults:
                paragraph = first_line - 1 + _paragraph(body, fault.offset)
                self.issues.append(Issue(place, paragraph, fault.message))
            if faults:
                continue
            if any(span.current for span in bracketed.spans) or not bracketed.spans:
                self.issues.append(
                    Issue(place, first_line, "A proposed provision's wording is all options.")
                )
                continue
            for group in self.groups(place, body, bracketed, kind="insert"):
                group.label, group.title = label, title
                reading.groups.append(group)
        return reading

    def column(self, item: ParsedProvision, lang: str, text: str) -> tuple[str, str]:
        """Of a text in two columns (English and Chinese side by side), the column that
        holds options (the other one has to stand as it is); else the text as it is."""
        try:
            provision = self.find(item.label)
        except NotFound:
            return lang, text
        # Side by side, the titles of both columns come first: "Illegal access / 非法访问".
        titles = {provision.title_en, provision.title_zh}
        titles.add(f"{provision.title_en} / {provision.title_zh}")
        lines = [line for line in text.split("\n") if line.strip() not in titles]
        chinese = [has_cjk(line) for line in lines]
        if all(chinese) or not any(chinese):
            return lang, "\n".join(lines)
        columns = {
            code: "\n".join(
                line for line, zh in zip(lines, chinese, strict=True) if zh == (code == "zh")
            )
            for code in ("en", "zh")
        }
        marked = [code for code, part in columns.items() if "[" in part or "]" in part]
        if len(marked) == 2:
            # A deletion stands in both columns; the column whose wording is the provision's
            # own in that language is read (a column without its language shows a note).
            base = current_version(self.db, provision)
            marked = [
                code
                for code in marked
                if base is not None
                and not parse_brackets(columns[code])[1]
                and tidy(parse_brackets(columns[code])[0].current()) == tidy(base.text(code) or "")
            ] or [lang]
        code = marked[0] if marked else lang
        return code, columns[code]

    def own(self, item: ParsedProvision, lang: str, text: str) -> ProvisionReading | None:
        """The provision's own wording with its options."""
        if not (has_brackets(text) or "[" in text or "]" in text):
            return self.unbracketed(item, lang, text)
        bracketed, faults = parse_brackets(text)
        for fault in faults:
            self.issues.append(Issue(item.label, _paragraph(text, fault.offset), fault.message))
        try:
            provision = self.find(item.label)
        except NotFound:
            self.issues.append(
                Issue(
                    item.label,
                    1,
                    f"{self.instrument.slug} has no provision {item.label}; the options stand "
                    "outside any provision of the text.",
                )
            )
            return None
        if faults:
            return None
        base = current_version(self.db, provision)
        shown = self._language(base, bracketed, lang)
        if shown is None:
            self.issues.append(
                Issue(
                    item.label,
                    1,
                    "The wording outside the options (with each span's current option) is "
                    f"not the current text of {item.label} (version "
                    f"{provision.current_number}); export the text again and edit that.",
                )
            )
            return None
        reading = ProvisionReading(provision, base, shown)
        reading.groups = self.groups(item.label, text, bracketed)
        return reading

    def unbracketed(self, item: ParsedProvision, lang: str, text: str) -> ProvisionReading | None:
        """A provision the chair left without options: no proposal stands on it any more
        (read only where it is the current text, so that nothing else is taken for it)."""
        try:
            provision = self.find(item.label)
        except NotFound:
            return None
        base = current_version(self.db, provision)
        shown = self._language(base, BracketText((text,)), lang)
        return ProvisionReading(provision, base, shown) if shown else None

    def _language(self, base: Version | None, bracketed: BracketText, lang: str) -> str | None:
        """The language of the current text the document's current wording is, if any."""
        if base is None or base.is_deletion:
            return None
        current = tidy(bracketed.current())
        ordered = [lang, *(code for code in base.wording if code != lang)]
        return next((c for c in ordered if tidy(base.wording.get(c, "")) == current), None)

    def groups(
        self, label: str, text: str, bracketed: BracketText, kind: str = "amend"
    ) -> list[Group]:
        """Each group of sponsors standing behind the same options, with its wording."""
        stands = self._stands(label, text, bracketed)
        if stands is None:
            return []
        # Parties behind the same options are one group: a class of equal choices.
        classes: dict[frozenset[tuple[int, int]], list[tuple[Party, Party | None]]] = {}
        for sponsor, places in stands:
            classes.setdefault(frozenset(places), []).append(sponsor)
        result = []
        for chosen, sponsors in classes.items():
            group = self._group(label, text, bracketed, kind, chosen, sponsors)
            if group is not None:
                result.append(group)
        return result

    def _stands(
        self, label: str, text: str, bracketed: BracketText
    ) -> list[tuple[tuple[Party, Party | None], set[tuple[int, int]]]] | None:
        """Each sponsor, in the order first named, with the (span, option) places it stands
        behind ((-1, 0) for the deletion of the whole provision); None on a fault."""
        places: list[tuple[tuple[int, int], tuple[str, ...], int]] = [
            ((number, position), option.sponsors, option.start)
            for number, span in enumerate(bracketed.spans)
            for position, option in enumerate(span.options)
            if option.sponsors
        ]
        if bracketed.deletion:
            places.append(((-1, 0), bracketed.deletion, bracketed.deletion_start))
        where: dict[Sponsor, set[tuple[int, int]]] = {}
        named: dict[Sponsor, tuple[Party, Party | None]] = {}
        bad = False
        for place, names, offset in places:
            for sponsor in self.sponsors(names, label, _paragraph(text, offset)):
                if sponsor is None:
                    bad = True
                    continue
                party, behalf = sponsor
                key = (party.id, behalf.id if behalf else None)
                named.setdefault(key, sponsor)
                taken = where.setdefault(key, set())
                if place[0] in {number for number, _ in taken}:
                    bad = True
                    self.issues.append(
                        Issue(
                            label,
                            _paragraph(text, offset),
                            f"{party.name_en} stands behind two options of one span; a "
                            "party proposes one wording of a provision.",
                        )
                    )
                taken.add(place)
        return None if bad else [(named[key], chosen) for key, chosen in where.items()]

    def _group(
        self,
        label: str,
        text: str,
        bracketed: BracketText,
        kind: str,
        chosen: frozenset[tuple[int, int]],
        sponsors: list[tuple[Party, Party | None]],
    ) -> Group | None:
        """The proposal of the sponsors who chose these options; None (an issue) if they
        both delete the provision and reword it."""
        if (-1, 0) not in chosen:
            spans = bracketed.spans
            picks = {number: spans[number].options[position] for number, position in chosen}

            def pick(span: Span) -> Option | None:
                number = next(i for i, s in enumerate(spans) if s is span)
                return picks.get(number, span.current)

            return Group(sponsors, kind, choose(bracketed, pick))
        if len(chosen) > 1:
            self.issues.append(
                Issue(
                    label,
                    _paragraph(text, bracketed.deletion_start),
                    f"{sponsors[0][0].name_en} proposes both to delete {label} and to reword it.",
                )
            )
            return None
        return Group(sponsors, "delete", "")

    def sponsors(
        self, names: tuple[str, ...], label: str, paragraph: int
    ) -> list[tuple[Party, Party | None] | None]:
        """The parties an option names; an unknown name is an issue (and None)."""
        found: list[tuple[Party, Party | None] | None] = []
        index = 0
        while index < len(names):
            # A name with a comma in it ("Korea, Republic of") spans two pieces.
            for end in range(len(names), index, -1):
                sponsor = self.party(", ".join(names[index:end]))
                if sponsor is not None:
                    found.append(sponsor)
                    index = end
                    break
            else:
                self.issues.append(
                    Issue(label, paragraph, f"The sponsor {names[index]!r} is not a party.")
                )
                found.append(None)
                index += 1
        return found

    def party(self, name: str) -> tuple[Party, Party | None] | None:
        if name not in self._parties:
            party = find_party(self.db, name)
            sponsor: tuple[Party, Party | None] | None = (
                (party, None) if party is not None else None
            )
            for pattern in _BEHALF:
                matched = pattern.match(name)
                if sponsor is None and matched:
                    state, group = find_party(self.db, matched[1]), find_party(self.db, matched[2])
                    if state is not None and group is not None:
                        sponsor = (state, group)
            self._parties[name] = sponsor
        return self._parties[name]
