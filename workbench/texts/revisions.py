"""Tracked changes in a Word file: who changed which paragraph, and which provisions.

A delegation returns the negotiating text with its proposals as tracked changes. Three
views of such a file:

- ``read_docx_revisions(path)``: per body paragraph, the text as proposed (insertions
  accepted, deletions applied), the original text (insertions removed, deletions kept)
  and the revisions (``w:ins``, ``w:del``, ``w:moveTo``, ``w:moveFrom``) with author,
  date and the text each inserted or deleted.
- ``parse_docx(path, revisions="accept" | "reject")`` (in ``word``): the whole document
  parsed as proposed or as original.
- ``docx_provision_changes(path)``: both parses matched by provision label, each changed
  provision with its original and proposed wording and the authors who changed it.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.texts.clean import normalize_text
from workbench.texts.files import MAX_BYTES, MAX_RATIO, MAX_UNZIPPED_BYTES, Source
from workbench.texts.known import KnownLabels
from workbench.texts.ooxml import w
from workbench.texts.recognize import recognize
from workbench.texts.structure import ParsedInstrument, ParsedProvision
from workbench.texts.word import docx_blocks, open_document
from workbench.texts.wordtext import ParagraphReader, View, author_of

_KINDS = {
    w("ins"): "insertion",
    w("del"): "deletion",
    w("moveTo"): "move_to",
    w("moveFrom"): "move_from",
}
_TEXT = {w("t"), w("delText")}


@dataclass(frozen=True)
class Revision:
    """One tracked insertion or deletion: what kind, by whom, when, and its text."""

    kind: str  # "insertion", "deletion", "move_to" or "move_from"
    author: str
    date: str | None  # w:date as written, ISO 8601 ("2024-02-01T10:00:00Z")
    text: str


@dataclass(frozen=True)
class RevisionParagraph:
    """One body paragraph of a Word file with tracked changes."""

    index: int  # position among the body's paragraphs, as Block.index and source_blocks
    proposed: str  # insertions accepted, deletions applied
    original: str  # insertions removed, deletions kept
    revisions: tuple[Revision, ...] = ()

    @property
    def authors(self) -> tuple[str, ...]:
        """The authors who changed this paragraph, each once, in order of appearance."""
        return tuple(dict.fromkeys(revision.author for revision in self.revisions))

    @property
    def changed(self) -> bool:
        return bool(self.revisions)


@dataclass(frozen=True)
class ProvisionChange:
    """A provision that tracked changes touch, as original and as proposed."""

    label: str
    kind: str
    original: ParsedProvision | None  # None when the changes insert the whole provision
    proposed: ParsedProvision | None  # None when they delete it
    revisions: tuple[Revision, ...]

    @property
    def authors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(revision.author for revision in self.revisions))


def _revisions_of(paragraph) -> tuple[Revision, ...]:
    """The tracked changes of a paragraph's runs, outermost first, in document order."""
    found = []
    for element in paragraph.iter(*_KINDS):
        if element.getparent().tag in (w("rPr"), w("pPr")):
            continue  # a revision of formatting or of the paragraph mark, not of text
        text = "".join(node.text or "" for node in element.iter(*_TEXT) if _owner(node) is element)
        if not text:
            continue
        found.append(
            Revision(
                kind=_KINDS[element.tag],
                author=author_of(element),
                date=element.get(w("date")),
                text=text,
            )
        )
    return tuple(found)


def _owner(node):
    """The innermost revision element around a text node (nested ones count once)."""
    for ancestor in node.iterancestors(*_KINDS):
        return ancestor
    return None


def read_docx_revisions(
    source: Source,
    *,
    changed_only: bool = False,
    max_bytes: int = MAX_BYTES,
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES,
    max_ratio: float = MAX_RATIO,
) -> list[RevisionParagraph]:
    """Every body paragraph (or only the changed ones) with its proposed and original text."""
    document = open_document(
        source, max_bytes=max_bytes, max_unzipped_bytes=max_unzipped_bytes, max_ratio=max_ratio
    )
    notes = document.notes
    proposed, original = (
        ParagraphReader(View("accept"), notes),
        ParagraphReader(View("reject"), notes),
    )
    result = []
    for item in document.paragraphs:
        revisions = _revisions_of(item.element)
        accepted, rejected = proposed.read(item.element), original.read(item.element)
        if changed_only and not revisions:
            continue
        result.append(
            RevisionParagraph(
                index=item.index,
                proposed=_one_line(accepted.text),
                original=_one_line(rejected.text),
                revisions=revisions,
            )
        )
    return result


def _one_line(text: str) -> str:
    return "\n".join(normalize_text(line) for line in text.split("\n") if line.strip())


def _marked_up(source: Source, language: str | None, known: KnownLabels | None, **limits):
    """A marked-up Word file: the document, its name, the text with every change rejected,
    and the revisions of each changed paragraph by its index."""
    document = open_document(source, **limits)
    name = document.name
    original = recognize(
        docx_blocks(document, "reject"), name=name, language=language, rejoin=False, known=known
    )
    changed = {
        item.index: revisions
        for item in document.paragraphs
        if (revisions := _revisions_of(item.element))
    }
    return document, name, original, changed


def docx_provision_changes(
    source: Source,
    *,
    language: str | None = None,
    known: KnownLabels | None = None,
    max_bytes: int = MAX_BYTES,
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES,
    max_ratio: float = MAX_RATIO,
) -> list[ProvisionChange]:
    """The provisions that tracked changes touch, matched by label, in document order."""
    document, name, original, changed = _marked_up(
        source,
        language,
        known,
        max_bytes=max_bytes,
        max_unzipped_bytes=max_unzipped_bytes,
        max_ratio=max_ratio,
    )
    proposed = recognize(
        docx_blocks(document, "accept"), name=name, language=language, rejoin=False, known=known
    )
    return _match(original, proposed, changed)


def docx_author_changes(
    source: Source,
    *,
    language: str | None = None,
    known: KnownLabels | None = None,
    max_bytes: int = MAX_BYTES,
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES,
    max_ratio: float = MAX_RATIO,
) -> list[ProvisionChange]:
    """Per provision and per author, that author's changes alone, in document order.

    Two delegations marking up one copy make two proposals, even on the same provision:
    each proposed wording accepts its author's changes and reads the others' as rejected.
    """
    document, name, original, changed = _marked_up(
        source,
        language,
        known,
        max_bytes=max_bytes,
        max_unzipped_bytes=max_unzipped_bytes,
        max_ratio=max_ratio,
    )
    authors = list(dict.fromkeys(rev.author for revs in changed.values() for rev in revs))
    found: list[tuple[int, int, ProvisionChange]] = []
    for rank, author in enumerate(authors):
        proposed = recognize(
            docx_blocks(document, "accept", authors={author}),
            name=name,
            language=language,
            rejoin=False,
            known=known,
        )
        own = {
            index: mine
            for index, revs in changed.items()
            if (mine := tuple(rev for rev in revs if rev.author == author))
        }
        for change in _match(original, proposed, own):
            blocks = [
                *getattr(change.original, "source_blocks", ()),
                *getattr(change.proposed, "source_blocks", ()),
            ]
            found.append((min(blocks, default=0), rank, change))
    return [change for _position, _rank, change in sorted(found, key=lambda item: item[:2])]


def _match(
    original: ParsedInstrument,
    proposed: ParsedInstrument,
    changed: dict[int, tuple[Revision, ...]],
) -> list[ProvisionChange]:
    before = {item.label: item for item in original.provisions()}
    after = {item.label: item for item in proposed.provisions()}

    def position(label: str) -> int:
        blocks = [
            *getattr(before.get(label), "source_blocks", ()),
            *getattr(after.get(label), "source_blocks", ()),
        ]
        return min(blocks, default=0)

    order = sorted(dict.fromkeys([*after, *before]), key=position)
    changes = []
    for label in order:
        old, new = before.get(label), after.get(label)
        blocks = set(old.source_blocks if old else ()) | set(new.source_blocks if new else ())
        revisions = tuple(rev for index in sorted(blocks) for rev in changed.get(index, ()))
        if not revisions and old == new:
            continue
        either = new or old
        assert either is not None, "the label comes from one of the two readings"
        changes.append(
            ProvisionChange(
                label=label,
                kind=either.kind,
                original=old,
                proposed=new,
                revisions=revisions,
            )
        )
    return changes
